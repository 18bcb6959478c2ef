import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from './conditional-write.js';
import type { Member } from '../domain/member.js';
import type { MemberStore } from '../use-cases/ports.js';

/**
 * The member register: MEMBER / <organisationsnummer>. One item collection keeps "list the
 * register" a Query; lookups by organisation number are single GetItems.
 */
const memberKey = (organisationNumber: string) => ({ pk: 'MEMBER', sk: organisationNumber });

export class MemberRepository implements MemberStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(organisationNumber: string): Promise<Member | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: memberKey(organisationNumber) }),
    );
    return Item ? toMember(Item) : undefined;
  }

  /** The whole register, in organisation-number order (one item collection: a paged Query). */
  async list(): Promise<Member[]> {
    const members: Member[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'MEMBER' }, ExclusiveStartKey: startKey }),
      );
      members.push(...(page.Items ?? []).map(toMember));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return members;
  }

  /** Adds a member or replaces its name, town and addresses (an end of membership is kept). */
  async put(member: Member, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: memberKey(member.organisationNumber),
        UpdateExpression: 'SET entity = :entity, organisationNumber = :nr, #name = :name, town = :town, emails = :emails, updatedAt = :at REMOVE email',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':entity': 'Member', ':nr': member.organisationNumber, ':name': member.name, ':town': member.town, ':emails': member.emails, ':at': now.toISOString() },
      }),
    );
  }

  /** Ends an existing membership on a date (its last day); false when there is no such member. */
  async endMembership(organisationNumber: string, lastDay: string, now: Date): Promise<boolean> {
    const written = await unlessConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: memberKey(organisationNumber),
          UpdateExpression: 'SET membershipEndsOn = :day, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':day': lastDay, ':at': now.toISOString() },
        }),
      ),
    );
    return written.ok;
  }

  async isEmpty(): Promise<boolean> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'MEMBER' },
        Limit: 1,
      }),
    );
    return (Items ?? []).length === 0;
  }

  /**
   * Inserts or replaces members, 25 at a time in parallel. Single puts rather than BatchWriteItem:
   * the functions that write are granted PutItem and UpdateItem only, and the workspace imports too.
   */
  async upsertMany(members: readonly Member[], now: Date): Promise<void> {
    for (let i = 0; i < members.length; i += 25) {
      await Promise.all(
        members.slice(i, i + 25).map((m) =>
          this.db.send(
            new PutCommand({ TableName: this.tableName, Item: { ...memberKey(m.organisationNumber), entity: 'Member', ...m, updatedAt: now.toISOString() } }),
          ),
        ),
      );
    }
  }
}

function toMember(Item: Record<string, unknown>): Member {
  // Items written before several addresses were allowed carry `email` alone.
  const emails = Array.isArray(Item.emails) ? (Item.emails as string[]) : typeof Item.email === 'string' ? [Item.email] : [];
  return {
    organisationNumber: Item.organisationNumber as string,
    name: Item.name as string,
    town: Item.town as string,
    emails,
    ...(typeof Item.membershipEndsOn === 'string' ? { membershipEndsOn: Item.membershipEndsOn } : {}),
  };
}
