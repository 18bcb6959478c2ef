import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PartnerConfirmation, PartnerDecision } from '../domain/partners.js';
import { stripKeys } from './application.repository.js';
import { unlessConditionFails } from './conditional-write.js';
import type { PartnerStore } from '../use-cases/ports.js';

/**
 * The partners' confirmations of an application.
 *   APP#<id> / PARTNER#<nn>      one partner's request: who, the workflow's task token, reminders,
 *                                and its one answer (or that the review ended without it)
 *   PARTNERLINK#<hash> / LINK    the partner's private link → application id, partner index
 * Answer and task token live on the same item, so whichever of "answered" and "workflow waiting"
 * comes second sees the first.
 */
const pad = (n: number) => String(n).padStart(2, '0');
const partnerKey = (applicationId: string, index: number) => ({ pk: `APP#${applicationId}`, sk: `PARTNER#${pad(index)}` });
const partnerLinkKey = (hash: string) => ({ pk: `PARTNERLINK#${hash}`, sk: 'LINK' });
const linkLifetimeSeconds = 366 * 24 * 60 * 60;

export class PartnerRepository implements PartnerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates the request, or attaches the current task token to it (a retried, reminded or resumed wait). */
  async upsertRequest(request: Omit<PartnerConfirmation, 'decision' | 'comment' | 'decidedAt' | 'reminders' | 'releasedAt'>): Promise<PartnerConfirmation> {
    const { Attributes } = await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: partnerKey(request.applicationId, request.index),
        UpdateExpression:
          'SET entity = :entity, applicationId = :app, #index = :index, #role = if_not_exists(#role, :role), organisation = if_not_exists(organisation, :org), #name = if_not_exists(#name, :name), email = if_not_exists(email, :email), requestedAt = if_not_exists(requestedAt, :at), taskToken = :token',
        ExpressionAttributeNames: { '#index': 'index', '#role': 'role', '#name': 'name' },
        ExpressionAttributeValues: {
          ':entity': 'PartnerConfirmation',
          ':app': request.applicationId,
          ':index': request.index,
          ':role': request.role,
          ':org': request.organisation,
          ':name': request.name,
          ':email': request.email,
          ':at': request.requestedAt,
          ':token': request.taskToken,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return stripKeys<PartnerConfirmation>(Attributes ?? {});
  }

  async get(applicationId: string, index: number): Promise<PartnerConfirmation | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: partnerKey(applicationId, index), ConsistentRead: true }));
    return Item ? stripKeys<PartnerConfirmation>(Item) : undefined;
  }

  /** Every partner request of an application, in the application's order. */
  async list(applicationId: string): Promise<PartnerConfirmation[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `APP#${applicationId}`, ':prefix': 'PARTNER#' },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map((item) => stripKeys<PartnerConfirmation>(item));
  }

  /** Records the one answer; of racing answers (or an answer racing the release) exactly one wins. */
  async answer(applicationId: string, index: number, decision: PartnerDecision, comment: string | undefined, at: string): Promise<{ answered: boolean; confirmation: PartnerConfirmation | undefined }> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: partnerKey(applicationId, index),
          UpdateExpression: `SET decision = :d, decidedAt = :at${comment ? ', #comment = :c' : ''}`,
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(decision) AND attribute_not_exists(releasedAt)',
          ...(comment ? { ExpressionAttributeNames: { '#comment': 'comment' } } : {}),
          ExpressionAttributeValues: { ':d': decision, ':at': at, ...(comment ? { ':c': comment } : {}) },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (updated.ok) return { answered: true, confirmation: stripKeys<PartnerConfirmation>(updated.value.Attributes ?? {}) };
    return { answered: false, confirmation: await this.get(applicationId, index) };
  }

  /** Ends an unanswered request (the review ended); returns it when this call released it. */
  async release(applicationId: string, index: number, at: string): Promise<PartnerConfirmation | undefined> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: partnerKey(applicationId, index),
          UpdateExpression: 'SET releasedAt = :at',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(decision) AND attribute_not_exists(releasedAt)',
          ExpressionAttributeValues: { ':at': at },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return updated.ok ? stripKeys<PartnerConfirmation>(updated.value.Attributes ?? {}) : undefined;
  }

  /**
   * The officer's override of a partner who has not confirmed (silent, declined, or not yet asked):
   * creates the request if the workflow has not yet, and never overrides twice or a confirmation.
   * Returns the request when this call overrode it.
   */
  async override(applicationId: string, index: number, partner: Pick<PartnerConfirmation, 'role' | 'organisation' | 'name' | 'email'>, by: string, reason: string, at: string): Promise<PartnerConfirmation | undefined> {
    const updated = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: partnerKey(applicationId, index),
          UpdateExpression:
            'SET entity = :entity, applicationId = :app, #index = :index, #role = if_not_exists(#role, :role), organisation = if_not_exists(organisation, :org), #name = if_not_exists(#name, :name), email = if_not_exists(email, :email), requestedAt = if_not_exists(requestedAt, :at), overriddenAt = :at, overriddenBy = :by, overrideReason = :reason',
          ConditionExpression: 'attribute_not_exists(overriddenAt) AND (attribute_not_exists(decision) OR decision <> :confirm)',
          ExpressionAttributeNames: { '#index': 'index', '#role': 'role', '#name': 'name' },
          ExpressionAttributeValues: {
            ':entity': 'PartnerConfirmation',
            ':app': applicationId,
            ':index': index,
            ':role': partner.role,
            ':org': partner.organisation,
            ':name': partner.name,
            ':email': partner.email,
            ':at': at,
            ':by': by,
            ':reason': reason,
            ':confirm': 'confirm',
          },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return updated.ok ? stripKeys<PartnerConfirmation>(updated.value.Attributes ?? {}) : undefined;
  }

  /** Notes how many reminders went out (the reviewer sees it); setting the number is idempotent. */
  async setReminders(applicationId: string, index: number, reminders: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: partnerKey(applicationId, index),
        UpdateExpression: 'SET reminders = :n',
        ExpressionAttributeValues: { ':n': reminders },
      }),
    );
  }

  async putLink(tokenHash: string, applicationId: string, index: number, now: Date): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...partnerLinkKey(tokenHash), entity: 'PartnerLink', applicationId, index, expiresAt: Math.floor(now.getTime() / 1000) + linkLifetimeSeconds },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findLink(tokenHash: string): Promise<{ applicationId: string; index: number } | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: partnerLinkKey(tokenHash) }));
    return Item ? { applicationId: Item.applicationId as string, index: Item.index as number } : undefined;
  }
}
