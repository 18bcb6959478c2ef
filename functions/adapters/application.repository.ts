import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ApplicationRecord, ApplicationRecordPatch, HistoryEntry, NewHistoryEntry } from '../domain/application-record.js';
import { canTransition, isFinal, type ApplicationStatus } from '../domain/application-status.js';
import { unlessConditionFails } from './conditional-write.js';
import type { ApplicationStore, SubmitOutcome, SubmitWrites, TransitionRequest, TransitionResult } from '../use-cases/ports.js';
import type { ApplicationSummaryRow, OpenSlot } from '../domain/application-record.js';
import { completedIdempotencyPut } from './idempotency.repository.js';

/**
 * Applications in the single table. Every write is one conditional single-item write, and each
 * transition appends its history entry in the same atomic update as the status change; the one
 * exception is a new submission (`submit`), whose items are written together in one transaction.
 *   APP#<id> / APP             the application, its status and history
 *                              gsi2 = ORGAPP#<orgnr> / <submittedAt>#<id>: an organisation's applications
 *                              gsi1 = APP / <submittedAt>#<id>: every application (the staff workspace)
 *   STATUSLINK#<hash> / LINK   private status-page link → application id
 *   ORG#<orgnr> / OPEN         the organisation's one open (not final) application: the slot that a
 *                              new submission must claim with a conditional write, so two racing
 *                              submissions cannot both get in (no read-then-write)
 */
export const applicationKey = (id: string) => ({ pk: `APP#${id}`, sk: 'APP' });
const statusLinkKey = (hash: string) => ({ pk: `STATUSLINK#${hash}`, sk: 'LINK' });
const openSlotKey = (organisationNumber: string) => ({ pk: `ORG#${organisationNumber}`, sk: 'OPEN' });
const organisationApplicationsPk = (organisationNumber: string) => `ORGAPP#${organisationNumber}`;
const allApplicationsPk = 'APP';

/** One action of a TransactWriteItems request. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class ApplicationRepository implements ApplicationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates the application unless one with the same id exists; returns whether it was new. */
  async create(application: ApplicationRecord): Promise<'created' | 'exists'> {
    const written = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.applicationItem(application),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    return written.ok ? 'created' : 'exists';
  }

  /**
   * Stores a new submission in one transaction: the application, the organisation's open slot
   * (conditional: one open application per organisation), the applicant's status link and the
   * request's other records. All of it is written, or none.
   */
  async submit(application: ApplicationRecord, writes: SubmitWrites): Promise<SubmitOutcome> {
    const organisationNumber = application.organisation.organisationNumber;
    const slotItem = { ...openSlotKey(organisationNumber), entity: 'OpenApplicationSlot', applicationId: application.id, claimedAt: writes.claimedAt };
    const slot: TransactItem =
      'free' in writes.slot
        ? { Put: { TableName: this.tableName, Item: slotItem, ConditionExpression: 'attribute_not_exists(applicationId)' } }
        : {
            Put: {
              TableName: this.tableName,
              Item: slotItem,
              ConditionExpression: 'applicationId = :from AND claimedAt = :claimedAt',
              ExpressionAttributeValues: { ':from': writes.slot.takeOverFrom.applicationId, ':claimedAt': writes.slot.takeOverFrom.claimedAt },
            },
          };
    const also = writes.idempotency ? [completedIdempotencyPut(this.tableName, writes.idempotency)] : [];
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: this.applicationItem(application), ConditionExpression: 'attribute_not_exists(pk)' } },
      slot,
      ...(writes.statusLinkHash
        ? [{ Put: { TableName: this.tableName, Item: { ...statusLinkKey(writes.statusLinkHash), entity: 'StatusLink', applicationId: application.id }, ConditionExpression: 'attribute_not_exists(pk)' } }]
        : []),
      ...also,
    ];
    try {
      await this.db.send(new TransactWriteCommand({ TransactItems: items }));
      return { ok: true };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (error.CancellationReasons ?? []).map((r, i) => (r.Code === 'ConditionalCheckFailed' ? i : -1)).filter((i) => i >= 0);
      // The request's own records first: a retry racing its original is answered as the original.
      if (failed.some((i) => i >= items.length - also.length)) return { ok: false, failed: 'idempotency' };
      if (failed.includes(1)) return { ok: false, failed: 'slot' };
      // The application id or the link hash already taken (random: not expected), a conflict or throttling.
      throw error;
    }
  }

  private applicationItem(application: ApplicationRecord) {
    return {
      ...applicationKey(application.id),
      entity: 'Application',
      ...application,
      gsi2pk: organisationApplicationsPk(application.organisation.organisationNumber),
      gsi2sk: `${application.submittedAt}#${application.id}`,
      gsi1pk: allApplicationsPk,
      gsi1sk: `${application.submittedAt}#${application.id}`,
    };
  }

  async get(id: string): Promise<ApplicationRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: applicationKey(id), ConsistentRead: true }),
    );
    return Item ? stripKeys<ApplicationRecord>(Item) : undefined;
  }

  /**
   * Claims the organisation's open-application slot for `applicationId`. Of any number of racing
   * submissions exactly one wins; a retry of the winner (same id) wins again.
   */
  async claimOpenSlot(organisationNumber: string, applicationId: string, now: Date): Promise<{ claimed: true } | { claimed: false; holder: OpenSlot }> {
    const written = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...openSlotKey(organisationNumber), entity: 'OpenApplicationSlot', applicationId, claimedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(applicationId) OR applicationId = :id',
          ExpressionAttributeValues: { ':id': applicationId },
        }),
      ),
    );
    if (written.ok) return { claimed: true };
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: openSlotKey(organisationNumber), ConsistentRead: true }));
    // Released in between: try once more.
    if (typeof Item?.applicationId !== 'string') return this.claimOpenSlot(organisationNumber, applicationId, now);
    return { claimed: false, holder: { applicationId: Item.applicationId as string, claimedAt: Item.claimedAt as string } };
  }

  /** Who holds the organisation's slot, if anyone. */
  async getOpenSlot(organisationNumber: string): Promise<OpenSlot | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: openSlotKey(organisationNumber), ConsistentRead: true }));
    return typeof Item?.applicationId === 'string' ? { applicationId: Item.applicationId, claimedAt: Item.claimedAt as string } : undefined;
  }

  /** Takes the slot over from a holder that is known to be over (final, or abandoned before it was stored). */
  async takeOverOpenSlot(organisationNumber: string, from: OpenSlot, applicationId: string, now: Date): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...openSlotKey(organisationNumber), entity: 'OpenApplicationSlot', applicationId, claimedAt: now.toISOString() },
          ConditionExpression: 'applicationId = :from AND claimedAt = :claimedAt',
          ExpressionAttributeValues: { ':from': from.applicationId, ':claimedAt': from.claimedAt },
        }),
      ),
    );
    return written.ok;
  }

  /**
   * Frees the slot if this application holds it (called when the application reaches a final
   * status). An update, not a delete: the functions that write may put and update, never delete.
   */
  async releaseOpenSlot(organisationNumber: string, applicationId: string): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: openSlotKey(organisationNumber),
          UpdateExpression: 'REMOVE applicationId, claimedAt',
          ConditionExpression: 'applicationId = :id',
          ExpressionAttributeValues: { ':id': applicationId },
        }),
      ),
    );
  }

  /** An organisation's applications, newest first (the reviewer sees the organisation's record). */
  async forOrganisation(organisationNumber: string, limit = 50): Promise<ApplicationSummaryRow[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': organisationApplicationsPk(organisationNumber) },
        ProjectionExpression: 'id, applicationType, #status, submittedAt, certificateId',
        ExpressionAttributeNames: { '#status': 'status' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((i) => ({
      id: i.id as string,
      applicationType: i.applicationType as ApplicationRecord['applicationType'],
      status: i.status as ApplicationStatus,
      submittedAt: i.submittedAt as string,
      ...(typeof i.certificateId === 'string' ? { certificateId: i.certificateId } : {}),
    }));
  }

  /** Every application submitted on or after `since` (ISO instant; all without it), oldest first. */
  async listAll(since = ''): Promise<ApplicationRecord[]> {
    const found: ApplicationRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk >= :since',
          ExpressionAttributeValues: { ':pk': allApplicationsPk, ':since': since },
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...(page.Items ?? []).map((i) => stripKeys<ApplicationRecord>(i)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  }

  /**
   * Appends a history entry that changes no status (a staff action or note), with other attributes
   * set in the same write.
   */
  async appendHistory(id: string, entry: NewHistoryEntry, set: ApplicationRecordPatch = {}): Promise<ApplicationRecord | undefined> {
    const current = await this.get(id);
    if (!current) return undefined;
    const full: HistoryEntry = { ...entry, from: current.status, to: current.status };
    const names: Record<string, string> = { '#history': 'history', '#version': 'version', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = { ':entry': [full], ':one': 1, ':at': entry.at };
    const sets = ['#history = list_append(#history, :entry)', '#version = #version + :one', '#updatedAt = :at', ...setClauses(set, names, values)];
    const updated = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: applicationKey(id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<ApplicationRecord>(updated.Attributes ?? {});
  }

  /**
   * Claims the right to mail an application's status link again (a refused second submission), at
   * most once per `minIntervalMs`: the endpoint must not become a way to flood a contact's inbox.
   */
  async claimStatusLinkResend(id: string, now: Date, minIntervalMs: number): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: applicationKey(id),
          UpdateExpression: 'SET statusLinkResentAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(statusLinkResentAt) OR statusLinkResentAt < :cutoff)',
          ExpressionAttributeValues: { ':now': now.toISOString(), ':cutoff': new Date(now.getTime() - minIntervalMs).toISOString() },
        }),
      ),
    );
    return written.ok;
  }

  async putStatusLink(tokenHash: string, applicationId: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...statusLinkKey(tokenHash), entity: 'StatusLink', applicationId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findIdByStatusLink(tokenHash: string): Promise<string | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: statusLinkKey(tokenHash) }),
    );
    return Item?.applicationId as string | undefined;
  }

  /**
   * Moves the application from one of `from` to `to`, appending the history entry atomically.
   * Fails with 'conflict' when the status is no longer what the caller saw.
   */
  async transition(id: string, request: TransitionRequest): Promise<TransitionResult> {
    const froms = typeof request.from === 'string' ? [request.from] : [...request.from];
    for (const from of froms) {
      if (!canTransition(from, request.to)) throw new Error(`Transition ${from} → ${request.to} is not allowed`);
    }
    const current = await this.get(id);
    if (!current) return { ok: false, reason: 'not_found' };
    if (!froms.includes(current.status)) return { ok: false, reason: 'conflict', current };

    const entry = { at: request.at, actor: request.actor, from: current.status, to: request.to, event: request.event, params: request.params } as HistoryEntry;
    const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#history': 'history', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = {
      ':to': request.to,
      ':from': current.status,
      ':version': current.version,
      ':one': 1,
      ':entry': [entry],
      ':at': request.at,
    };
    const sets = ['#status = :to', '#version = #version + :one', '#history = list_append(#history, :entry)', '#updatedAt = :at'];
    sets.push(...setClauses(request.set ?? {}, names, values));

    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: applicationKey(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#status = :from AND #version = :version',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (!updated.ok) return { ok: false, reason: 'conflict', current: await this.get(id) };
    const application = stripKeys<ApplicationRecord>(updated.value.Attributes ?? {});
    // A final application no longer holds its organisation's slot. Should this release be lost (a
    // crash right here), the next submission finds the holder final and takes the slot over.
    if (isFinal(request.to)) await this.releaseOpenSlot(application.organisation.organisationNumber, id);
    return { ok: true, application };
  }

  /**
   * Appends an event that does not change the status (an assessment, a partner's answer, a reminder)
   * to the history, once per `key`: a retried step or a repeated request does not write it twice.
   * The version is left alone, so an event never makes a concurrent status change fail.
   */
  async appendEvent(id: string, entry: NewHistoryEntry, key: string): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.get(id);
      if (!current) return false;
      if ((current.eventKeys ?? []).includes(key)) return false;
      const full: HistoryEntry = { ...entry, from: current.status, to: current.status };
      const written = await unlessConditionFails(
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: applicationKey(id),
            UpdateExpression: 'SET #history = list_append(#history, :entry), #keys = list_append(if_not_exists(#keys, :none), :keys)',
            // The status the entry names is still the status; the key is not there yet.
            ConditionExpression: '#status = :status AND NOT contains(#keys, :key)',
            ExpressionAttributeNames: { '#history': 'history', '#keys': 'eventKeys', '#status': 'status' },
            ExpressionAttributeValues: { ':entry': [full], ':none': [], ':keys': [key], ':key': key, ':status': current.status },
          }),
        ),
      );
      if (written.ok) return true;
    }
    return false;
  }

  /**
   * Records the certificate number and validity on an application in review, once: a retried
   * certify step finds them there and reuses them. Returns the application as it is after.
   */
  async reserveCertificate(
    id: string,
    fields: { certificateId: string; validFrom: string; validUntil: string; renews?: string; certifiedName: string; certifiedTown: string },
  ): Promise<ApplicationRecord | undefined> {
    const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#certificateId': 'certificateId' };
    const values: Record<string, unknown> = { ':inReview': 'in_review', ':one': 1 };
    const sets = ['#version = #version + :one', ...setClauses(fields, names, values)];
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: applicationKey(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk) AND #status = :inReview AND attribute_not_exists(#certificateId)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return updated.ok ? stripKeys<ApplicationRecord>(updated.value.Attributes ?? {}) : this.get(id);
  }

  /** Replaces what the applicant submitted (a completion), while the status is still `expected`. */
  async replaceContent(
    id: string,
    content: Pick<ApplicationRecord, 'organisation' | 'contact' | 'answers'>,
    expected: ApplicationStatus,
    at: string,
  ): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: applicationKey(id),
          UpdateExpression: 'SET organisation = :o, contact = :c, answers = :a, #updatedAt = :at, #version = #version + :one',
          ConditionExpression: '#status = :expected',
          ExpressionAttributeNames: { '#status': 'status', '#updatedAt': 'updatedAt', '#version': 'version' },
          ExpressionAttributeValues: { ':o': content.organisation, ':c': content.contact, ':a': content.answers, ':at': at, ':expected': expected, ':one': 1 },
        }),
      ),
    );
    return written.ok;
  }

  /**
   * Claims the right to send one notification (e.g. 'acknowledgement') for an application, so a
   * retried step does not mail twice. Answers 'sent' when it went out before, and 'busy' while
   * another attempt holds a live claim; a claim left by a crashed attempt lapses after `leaseMs`
   * (longer than a function's timeout, shorter than the workflow's retries).
   */
  async claimNotification(id: string, key: string, now: Date, leaseMs = 45_000): Promise<'claimed' | 'sent' | 'busy'> {
    const claimed = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: applicationKey(id),
          UpdateExpression: 'SET #n.#k = :claim',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(#n.#k) OR (#n.#k.#state = :sending AND #n.#k.#at < :stale))',
          ExpressionAttributeNames: { '#n': 'notifications', '#k': key, '#state': 'state', '#at': 'at' },
          ExpressionAttributeValues: {
            ':claim': { state: 'sending', at: now.toISOString() },
            ':sending': 'sending',
            ':stale': new Date(now.getTime() - leaseMs).toISOString(),
          },
        }),
      ),
    );
    if (claimed.ok) return 'claimed';
    const current = await this.get(id);
    const notification = current?.notifications?.[key];
    return notification?.state === 'sent' ? 'sent' : 'busy';
  }

  async completeNotification(id: string, key: string, now: Date): Promise<void> {
    await this.setNotification(id, key, { state: 'sent', at: now.toISOString() });
  }

  /** Gives a claim back after a failed send so that the retry may send. */
  async releaseNotification(id: string, key: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: applicationKey(id),
        UpdateExpression: 'REMOVE #n.#k',
        ExpressionAttributeNames: { '#n': 'notifications', '#k': key },
      }),
    );
  }

  /**
   * Appends a note to the history without changing the status (e.g. a bounced mail), conditional
   * on the status read so the entry's from/to stay true; retried if the status moved meanwhile.
   */
  async appendNote(id: string, note: NewHistoryEntry): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await this.get(id);
      if (!current) return false;
      const entry: HistoryEntry = { ...note, from: current.status, to: current.status };
      const written = await unlessConditionFails(
        this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: applicationKey(id),
            UpdateExpression: 'SET #history = list_append(#history, :entry)',
            ConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#history': 'history', '#status': 'status' },
            ExpressionAttributeValues: { ':entry': [entry], ':status': current.status },
          }),
        ),
      );
      if (written.ok) return true;
    }
    return false;
  }

  private async setNotification(id: string, key: string, value: Record<string, string>): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: applicationKey(id),
        UpdateExpression: 'SET #n.#k = :v',
        ExpressionAttributeNames: { '#n': 'notifications', '#k': key },
        ExpressionAttributeValues: { ':v': value },
      }),
    );
  }
}

/** `#sN = :sN` clauses for setting arbitrary attributes, adding their names and values. */
function setClauses(fields: Record<string, unknown>, names: Record<string, string>, values: Record<string, unknown>): string[] {
  return Object.entries(fields).map(([key, value], i) => {
    names[`#s${i}`] = key;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
}

/** Drops the table's key attributes from an item. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _entity, gsi1pk: _g1p, gsi1sk: _g1s, gsi2pk: _g2p, gsi2sk: _g2s, ...rest } = item;
  return rest as T;
}
