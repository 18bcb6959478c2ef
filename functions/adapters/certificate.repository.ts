import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CalendarDate } from '../domain/calendar-date.js';
import { formatCertificateId, isRevokedOn, type Certificate } from '../domain/certificate.js';
import { nextPendingStage, renewalStages } from '../domain/renewal-stages.js';
import { stripKeys } from './application.repository.js';
import { unlessConditionFails } from './conditional-write.js';
import type { CertificateStore } from '../use-cases/ports.js';
import type { OrganisationCertificatePointer, StoredCertificate } from '../domain/certificate.js';

/**
 * Certificates and what hangs on them.
 *   CERT#<id> / CERT            the certificate; gsi2 = CERT / <validUntil>#<id> (register by date);
 *                               gsi1 = RENEWAL / <next stage due date>#<id> while a reminder stage is
 *                               pending (sparse: the sweep's query reads only what is due)
 *   ORG#<orgnr> / ORG           the organisation's latest certificate (revision eligibility, prefill)
 *   COUNTER / certificate#<yr>  the sequence behind human-readable certificate numbers
 */
export const certificateKey = (id: string) => ({ pk: `CERT#${id}`, sk: 'CERT' });
const organisationKey = (organisationNumber: string) => ({ pk: `ORG#${organisationNumber}`, sk: 'ORG' });

export class CertificateRepository implements CertificateStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly reminderDays: readonly number[],
  ) {}

  async nextCertificateId(year: number): Promise<string> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: 'COUNTER', sk: `certificate#${year}` },
        UpdateExpression: 'ADD #seq :one',
        ExpressionAttributeNames: { '#seq': 'sequence' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return formatCertificateId(year, Number(Attributes?.sequence));
  }

  /** Stores a new certificate with its renewal schedule; a second create of the same id only re-points the organisation. */
  async create(certificate: Certificate): Promise<'created' | 'exists'> {
    const first = nextPendingStage(renewalStages(certificate.validUntil, this.reminderDays), {});
    const written = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...certificateKey(certificate.certificateId),
            entity: 'Certificate',
            ...certificate,
            renewal: {},
            gsi2pk: 'CERT',
            gsi2sk: `${certificate.validUntil}#${certificate.certificateId}`,
            ...(first ? { gsi1pk: 'RENEWAL', gsi1sk: `${first.dueDate}#${certificate.certificateId}` } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    // Also on 'exists': a retry after a crash between the two writes still moves the pointer.
    await this.pointOrganisationAt(certificate);
    return written.ok ? 'created' : 'exists';
  }

  /**
   * Moves the organisation's pointer to this certificate unless it already points at one decided
   * later: the newest decision is the organisation's current certificate (a restart's may end
   * before a superseded revision's would have).
   */
  private async pointOrganisationAt(certificate: Certificate): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...organisationKey(certificate.organisationNumber),
            entity: 'OrganisationCertificate',
            organisationNumber: certificate.organisationNumber,
            latestCertificateId: certificate.certificateId,
            latestValidUntil: certificate.validUntil,
            latestApplicationId: certificate.applicationId,
            latestIssuedAt: certificate.issuedAt,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_not_exists(latestIssuedAt) OR latestIssuedAt <= :issuedAt',
          ExpressionAttributeValues: { ':issuedAt': certificate.issuedAt },
        }),
      ),
    );
  }

  /**
   * Ends a certificate early because a newer one replaces it: the last day is cut, the register
   * index follows, and no renewal reminder is pending any more. Once only.
   */
  async supersede(certificateId: string, by: string, validUntil: CalendarDate): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: certificateKey(certificateId),
          UpdateExpression: 'SET supersededBy = :by, issuedValidUntil = validUntil, validUntil = :until, gsi2sk = :g2sk REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(supersededBy)',
          ExpressionAttributeValues: { ':by': by, ':until': validUntil, ':g2sk': `${validUntil}#${certificateId}` },
        }),
      ),
    );
  }

  async get(certificateId: string): Promise<StoredCertificate | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: certificateKey(certificateId) }));
    return Item ? stripKeys<StoredCertificate>(Item) : undefined;
  }

  async latestForOrganisation(organisationNumber: string): Promise<OrganisationCertificatePointer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: organisationKey(organisationNumber), ConsistentRead: true }),
    );
    return Item ? stripKeys<OrganisationCertificatePointer>(Item) : undefined;
  }

  /** Certificates valid on a date, ordered by validUntil: reads only those ending on or after it. */
  async validOn(date: CalendarDate): Promise<StoredCertificate[]> {
    const found: StoredCertificate[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :cert AND gsi2sk >= :from',
          FilterExpression: 'validFrom <= :date',
          ExpressionAttributeValues: { ':cert': 'CERT', ':from': date, ':date': date },
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(page.Items ?? []).map((i) => stripKeys<StoredCertificate>(i)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // A revoked certificate is left out from the Swedish day of its revocation on (revokedAt is an
    // instant, so the day is worked out here rather than in the query).
    return found.filter((c) => !isRevokedOn(c, date));
  }

  /** Every certificate ending on or after `from` (all of them without it), ordered by validUntil. */
  async listEndingFrom(from = ''): Promise<StoredCertificate[]> {
    const found: StoredCertificate[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :cert AND gsi2sk >= :from',
          ExpressionAttributeValues: { ':cert': 'CERT', ':from': from },
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(page.Items ?? []).map((i) => stripKeys<StoredCertificate>(i)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  }

  /**
   * Revokes a certificate at an instant, once: it leaves the register from that (Swedish) day on and
   * no renewal reminder is pending any more. Undefined when it does not exist or was revoked already.
   */
  async revoke(certificateId: string, at: string, reason: string): Promise<StoredCertificate | undefined> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: certificateKey(certificateId),
          UpdateExpression: 'SET revokedAt = :from, revocationReason = :reason REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeValues: { ':from': at, ':reason': reason },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return updated.ok ? stripKeys<StoredCertificate>(updated.value.Attributes ?? {}) : undefined;
  }

  /** Corrects the organisation's name and town as the certificate shows them. */
  async correct(certificateId: string, fields: { organisationName: string; town: string }): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: certificateKey(certificateId),
          UpdateExpression: 'SET organisationName = :name, town = :town',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':name': fields.organisationName, ':town': fields.town },
        }),
      ),
    );
    return written.ok;
  }
}
