import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from './conditional-write.js';

/**
 * Idempotency records for POST /applications: IDEMPOTENCY#<key hash> / KEY. A record remembers the
 * request's fingerprint, the application id it reserved and, once done, the response to replay
 * (without any link token: a replay mints a fresh link). Records expire (TTL) after a day.
 */
export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface IdempotencyRecord {
  requestHash: string;
  applicationId: string;
  state: 'in_progress' | 'completed';
  startedAt: string;
  response?: StoredResponse;
}

const key = (keyHash: string) => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: 'KEY' });
const ttlSeconds = 24 * 60 * 60;

export class IdempotencyRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Reserves the key; returns the existing record instead when the key was used before. */
  async reserve(keyHash: string, record: Omit<IdempotencyRecord, 'state'>, now: Date): Promise<{ reserved: true } | { reserved: false; existing: IdempotencyRecord }> {
    const written = await unlessConditionFails(
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(keyHash),
            entity: 'IdempotencyKey',
            ...record,
            state: 'in_progress',
            expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
          },
          // A released key (its request was refused) is free again.
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :released',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':released': 'released' },
        }),
      ),
    );
    if (written.ok) return { reserved: true };
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(keyHash), ConsistentRead: true }));
    if (!Item || Item.state === 'released') return this.reserve(keyHash, record, now);
    return {
      reserved: false,
      existing: {
        requestHash: Item.requestHash,
        applicationId: Item.applicationId,
        state: Item.state,
        startedAt: Item.startedAt,
        response: Item.response,
      },
    };
  }

  /** The record of a key, if it was used. */
  async get(keyHash: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(keyHash), ConsistentRead: true }));
    if (!Item || Item.state === 'released') return undefined;
    return { requestHash: Item.requestHash, applicationId: Item.applicationId, state: Item.state, startedAt: Item.startedAt, response: Item.response };
  }

  async complete(keyHash: string, response: StoredResponse): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(keyHash),
        UpdateExpression: 'SET #state = :completed, #response = :response',
        ExpressionAttributeNames: { '#state': 'state', '#response': 'response' },
        ExpressionAttributeValues: { ':completed': 'completed', ':response': response },
      }),
    );
  }

  /**
   * Gives back a reservation whose request stored nothing (it lost the race for the organisation's
   * slot): the key is free again. An update, not a delete (writers may not delete); TTL removes it.
   */
  async release(keyHash: string, applicationId: string): Promise<void> {
    await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(keyHash),
          UpdateExpression: 'SET #state = :released REMOVE requestHash',
          ConditionExpression: 'applicationId = :id AND #state = :inProgress',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':id': applicationId, ':inProgress': 'in_progress', ':released': 'released' },
        }),
      ),
    );
  }
}
