import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CompletedRequest, IdempotencyRecord } from '../domain/idempotency.js';
import type { IdempotencyStore } from '../use-cases/ports.js';
import type { TransactItem } from './application.repository.js';

/**
 * Idempotency records for POST /applications: IDEMPOTENCY#<key hash> / KEY. A record remembers the
 * request's fingerprint, its application id and the response to replay (without any link token: a
 * replay mints a fresh link). Records expire (TTL) after a day.
 *
 * A submission writes its record as `completed` in the same transaction as the application
 * (`completedIdempotencyPut`): there is no reservation that a crash could leave behind. (`in_progress`
 * records were written by the earlier reserve-then-complete sequence; they expire within a day.)
 */

const key = (keyHash: string) => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: 'KEY' });
const ttlSeconds = 24 * 60 * 60;

/**
 * The record of a request done with `response`, as an action of the transaction that does the
 * request's writes (ApplicationRepository.submit): the transaction is cancelled when the key is in
 * use (not unused or released).
 */
export function completedIdempotencyPut(tableName: string, done: CompletedRequest): TransactItem {
  const { keyHash, record, response, now } = done;
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...key(keyHash),
        entity: 'IdempotencyKey',
        ...record,
        state: 'completed',
        response,
        expiresAt: Math.floor(now.getTime() / 1000) + ttlSeconds,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR #state = :released',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':released': 'released' },
    },
  };
}

export class IdempotencyRepository implements IdempotencyStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}


  /** The record of a key, if it was used. */
  async get(keyHash: string): Promise<IdempotencyRecord | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: key(keyHash), ConsistentRead: true }));
    if (!Item || Item.state === 'released') return undefined;
    return { requestHash: Item.requestHash, applicationId: Item.applicationId, state: Item.state, startedAt: Item.startedAt, response: Item.response };
  }
}
