import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { addDays, type CalendarDate } from '../domain/calendar-date.js';
import type { RenewalStageRecord } from '../domain/renewal-stages.js';
import { stripKeys } from './application.repository.js';
import { certificateKey } from './certificate.repository.js';
import type { StoredCertificate } from '../domain/certificate.js';
import { unlessConditionFails } from './conditional-write.js';
import type { DueCertificates, RenewalStore, SettleStageRequest } from '../use-cases/ports.js';
import type { RevisionLink } from '../domain/renewal-stages.js';

/**
 * What the renewal sweep reads and writes (the certificate items are described in
 * certificate.repository.ts):
 *   CERT#<id> / CERT             `renewal.<stage>` records each stage once: 'sending' (a claim with a
 *                                lease), then 'sent'; or 'skipped'. gsi1 = RENEWAL / <due>#<id> points
 *                                at the next pending stage and is removed after the lapse stage.
 *   REVISIONLINK#<hash> / LINK   a reminder's private link to the revision form → organisation,
 *                                certificate, application; usable until `expiresOn`
 * Every write is a single-item conditional UpdateItem.
 */
const revisionLinkKey = (hash: string) => ({ pk: `REVISIONLINK#${hash}`, sk: 'LINK' });

/** Revision links are kept this long after they stop working, so that the form can say "expired" (410). */
const revisionLinkRetentionDays = 90;

export class RenewalRepository implements RenewalStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Certificates with a renewal stage due on or before `today`: one Query on the sparse gsi1, which
   * holds only certificates with a pending stage, keyed by that stage's due date. It reads what is
   * due and nothing else, however many certificates the table holds.
   */
  async due(today: CalendarDate): Promise<DueCertificates> {
    const certificates: StoredCertificate[] = [];
    let scannedCount = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :renewal AND gsi1sk <= :upTo',
          ExpressionAttributeValues: { ':renewal': 'RENEWAL', ':upTo': `${today}#\uffff` },
          ExclusiveStartKey: startKey,
        }),
      );
      scannedCount += page.ScannedCount ?? 0;
      certificates.push(...(page.Items ?? []).map((i) => stripKeys<StoredCertificate>(i)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { certificates, scannedCount };
  }

  /**
   * The first certificate on the renewal index due after `today` (one Query, one item): where the
   * renewal sweep has work next. Undefined when nothing is scheduled.
   */
  async nextDueAfter(today: CalendarDate): Promise<StoredCertificate | undefined> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :renewal AND gsi1sk > :after',
        ExpressionAttributeValues: { ':renewal': 'RENEWAL', ':after': `${today}#\uffff` },
        Limit: 1,
      }),
    );
    const item = page.Items?.[0];
    return item ? stripKeys<StoredCertificate>(item) : undefined;
  }

  /**
   * Claims one stage (or records it skipped) and records the earlier ones skipped, in one
   * conditional write. It succeeds only if none of these stages has a record, apart from abandoned
   * claims, so each stage is settled once even when sweeps overlap. Returns the claim's timestamp,
   * or undefined when another sweep got there first.
   */
  async settle(request: SettleStageRequest): Promise<string | undefined> {
    const at = request.now.toISOString();
    const names: Record<string, string> = { '#r': 'renewal', '#state': 'state', '#at': 'at' };
    const values: Record<string, unknown> = {
      ':sending': 'sending',
      ':stale': new Date(request.now.getTime() - request.leaseMs).toISOString(),
    };
    const sets: string[] = [];
    // A revoked certificate gets no more renewal mail, even if the sweep read it before the revocation.
    const conditions = ['attribute_exists(pk)', 'attribute_not_exists(revokedAt)'];

    const touch = (stage: string, i: number, record: RenewalStageRecord) => {
      names[`#s${i}`] = stage;
      values[`:v${i}`] = record;
      sets.push(`#r.#s${i} = :v${i}`);
      conditions.push(`(attribute_not_exists(#r.#s${i}) OR (#r.#s${i}.#state = :sending AND #r.#s${i}.#at < :stale))`);
    };
    const main: RenewalStageRecord =
      request.as === 'sending' ? { state: 'sending', at } : { state: 'skipped', at, ...(request.reason ? { reason: request.reason } : {}) };
    touch(request.stage, 0, main);
    request.skip.forEach((stage, i) => touch(stage, i + 1, { state: 'skipped', at, reason: 'later-stage-due' }));

    if (request.markExpired) {
      names['#expired'] = 'expired';
      values[':true'] = true;
      sets.push('#expired = :true');
    }
    let remove = '';
    if (request.as === 'skipped') {
      const index = this.indexUpdate(request.certificateId, request.nextDueDate, names, values);
      if (index.set) sets.push(index.set);
      remove = index.remove;
    }

    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: certificateKey(request.certificateId),
          UpdateExpression: `SET ${sets.join(', ')}${remove}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return written.ok ? at : undefined;
  }

  /**
   * Marks a claimed stage sent and moves the index to the next stage (or off it), in one write,
   * provided the claim is still ours. False when a slower sender lost its claim to another sweep.
   */
  async complete(certificateId: string, stage: string, claimedAt: string, nextDueDate: CalendarDate | undefined, now: Date): Promise<boolean> {
    const names: Record<string, string> = { '#r': 'renewal', '#s': stage, '#state': 'state', '#at': 'at' };
    const values: Record<string, unknown> = {
      ':sent': { state: 'sent', at: now.toISOString() } satisfies RenewalStageRecord,
      ':sending': 'sending',
      ':claimedAt': claimedAt,
    };
    const index = this.indexUpdate(certificateId, nextDueDate, names, values);
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: certificateKey(certificateId),
          UpdateExpression: `SET #r.#s = :sent${index.set ? `, ${index.set}` : ''}${index.remove}`,
          ConditionExpression: '#r.#s.#state = :sending AND #r.#s.#at = :claimedAt',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      ),
    );
    return written.ok;
  }

  /** Gives a claim back after a failed send, so that the next sweep sends the stage. */
  async release(certificateId: string, stage: string, claimedAt: string): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: certificateKey(certificateId),
          UpdateExpression: 'REMOVE #r.#s',
          ConditionExpression: '#r.#s.#state = :sending AND #r.#s.#at = :claimedAt',
          ExpressionAttributeNames: { '#r': 'renewal', '#s': stage, '#state': 'state', '#at': 'at' },
          ExpressionAttributeValues: { ':sending': 'sending', ':claimedAt': claimedAt },
        }),
      ),
    );
  }

  /**
   * Points the index at the next pending stage (or takes the certificate off it) when nothing is due
   * at the indexed date, e.g. after the configured stages changed. Safe from a stale read: a stale
   * view has fewer stages done, so it can only point the index earlier, never past a pending stage.
   */
  async reindex(certificateId: string, nextDueDate: CalendarDate | undefined): Promise<void> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const index = this.indexUpdate(certificateId, nextDueDate, names, values);
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: certificateKey(certificateId),
          UpdateExpression: `${index.set ? `SET ${index.set}` : ''}${index.remove}`.trim(),
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
          ExpressionAttributeNames: names,
          ...(index.set ? { ExpressionAttributeValues: values } : {}),
        }),
      ),
    );
  }

  async putRevisionLink(tokenHash: string, link: RevisionLink): Promise<void> {
    const keepUntil = Date.parse(`${addDays(link.expiresOn, revisionLinkRetentionDays)}T00:00:00Z`);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...revisionLinkKey(tokenHash), entity: 'RevisionLink', ...link, expiresAt: Math.floor(keepUntil / 1000) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findRevisionLink(tokenHash: string): Promise<RevisionLink | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: revisionLinkKey(tokenHash) }));
    if (!Item) return undefined;
    const { expiresAt: _expiresAt, ...link } = stripKeys<RevisionLink & { expiresAt?: number }>(Item);
    return link;
  }

  /** The index part of an update: move gsi1sk to the next due date, or remove the index keys. */
  private indexUpdate(
    certificateId: string,
    nextDueDate: CalendarDate | undefined,
    names: Record<string, string>,
    values: Record<string, unknown>,
  ): { set?: string; remove: string } {
    names['#g1sk'] = 'gsi1sk';
    if (nextDueDate) {
      values[':nextKey'] = `${nextDueDate}#${certificateId}`;
      return { set: '#g1sk = :nextKey', remove: '' };
    }
    names['#g1pk'] = 'gsi1pk';
    return { remove: ' REMOVE #g1pk, #g1sk' };
  }
}
