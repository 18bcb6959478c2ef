import { UpdateCommand, GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from './conditional-write.js';
import type { DeliverabilityStore } from '../use-cases/ports.js';
import type { DeliverabilityEvent } from '../domain/deliverability.js';

/**
 * What SES told us about an address (bounces, complaints), in the single table:
 *   ADDRESS#<lower-case address> / DELIVERABILITY
 * Recording is keyed by the SES message id, so an event delivered twice is recorded once.
 */
const addressKey = (address: string) => ({ pk: `ADDRESS#${address.toLowerCase()}`, sk: 'DELIVERABILITY' });

export class DeliverabilityRepository implements DeliverabilityStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Returns false when this message's event for this address was already recorded. */
  async record(event: DeliverabilityEvent): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: addressKey(event.address),
          UpdateExpression:
            'SET entity = :entity, address = :address, #state = :state, reason = :reason, #at = :at, lastMessageId = :mid, applicationId = :app, events = if_not_exists(events, :zero) + :one',
          ConditionExpression: 'attribute_not_exists(pk) OR lastMessageId <> :mid',
          ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
          ExpressionAttributeValues: {
            ':entity': 'Deliverability',
            ':address': event.address.toLowerCase(),
            ':state': event.state,
            ':reason': event.reason,
            ':at': event.at,
            ':mid': event.messageId,
            ':app': event.applicationId ?? null,
            ':zero': 0,
            ':one': 1,
          },
        }),
      ),
    );
    return written.ok;
  }

  async get(address: string): Promise<(DeliverabilityEvent & { events: number }) | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: addressKey(address) }));
    return Item as (DeliverabilityEvent & { events: number }) | undefined;
  }
}
