import { BatchWriteCommand, GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Member } from '../domain/member.js';

/**
 * The member register: MEMBER / <organisationsnummer>. One item collection keeps "list the
 * register" a Query; lookups by organisation number are single GetItems.
 */
const memberKey = (organisationNumber: string) => ({ pk: 'MEMBER', sk: organisationNumber });

function toMember(item: Record<string, unknown>): Member {
  // Items written before several addresses were allowed carry `email` alone.
  const emails = Array.isArray(item.emails) ? (item.emails as string[]) : typeof item.email === 'string' ? [item.email] : [];
  return { organisationNumber: String(item.organisationNumber), name: String(item.name), town: String(item.town), emails };
}

export class MemberRepository {
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

  /** The whole register, in organisation number order (one Query, paged). */
  async list(): Promise<Member[]> {
    const members: Member[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': 'MEMBER' },
          ExclusiveStartKey: startKey,
        }),
      );
      members.push(...(page.Items ?? []).map(toMember));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return members;
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

  /** Inserts or replaces members, 25 at a time, retrying what DynamoDB leaves unprocessed. */
  async upsertMany(members: readonly Member[], now: Date): Promise<void> {
    for (let i = 0; i < members.length; i += 25) {
      let requests: NonNullable<ConstructorParameters<typeof BatchWriteCommand>[0]['RequestItems']>[string] = members
        .slice(i, i + 25)
        .map((m) => ({
          PutRequest: { Item: { ...memberKey(m.organisationNumber), entity: 'Member', ...m, updatedAt: now.toISOString() } },
        }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        if (attempt > 8) throw new Error('DynamoDB kept leaving member writes unprocessed');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const result = await this.db.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = result.UnprocessedItems?.[this.tableName] ?? [];
      }
    }
  }
}
