import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import type { AuditEntry, AuditItemKind } from '../domain/audit.js';
import { stripKeys } from './application.repository.js';
import type { AuditStore } from '../use-cases/ports.js';

/**
 * The staff audit log. Entries are only ever put (a conditional put of a new key): this code has no
 * update or delete of them, so the log cannot be edited through the system.
 *   AUDIT / <at>#<uuid>               one entry, newest last; gsi1 = AUDIT#<kind>#<item id> / <at>#<uuid>
 */
const auditItemPk = (kind: AuditItemKind, itemId: string) => `AUDIT#${kind}#${itemId}`;

export class AuditRepository implements AuditStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
    const full: AuditEntry = { ...entry, id: randomUUID() };
    const sk = `${full.at}#${full.id}`;
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: 'AUDIT', sk, entity: 'AuditEntry', ...full, gsi1pk: auditItemPk(full.itemKind, full.itemId), gsi1sk: sk },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return full;
  }

  /** The newest entries first. */
  async latest(limit = 200): Promise<AuditEntry[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'AUDIT' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (Items ?? []).map((i) => stripKeys<AuditEntry>(i));
  }

  /** One item's entries, oldest first. */
  async forItem(kind: AuditItemKind, itemId: string): Promise<AuditEntry[]> {
    const { Items } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': auditItemPk(kind, itemId) },
      }),
    );
    return (Items ?? []).map((i) => stripKeys<AuditEntry>(i));
  }
}
