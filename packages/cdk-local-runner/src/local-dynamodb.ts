import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  ScanCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import { addTransactions } from './dynamodb-transactions.js';
import { close, listen } from './http-util.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';

/**
 * DynamoDB for the local system: dynalite in process, persisted in LevelDB under `path` so data
 * survives restarts. TransactWriteItems is added in front of it (dynamodb-transactions.ts: serialised,
 * all or nothing). Known gaps (see /work/shared/local-aws-notes.md): no TransactGetItems, no TTL,
 * no streams, no PartiQL.
 */
export interface LocalDynamoDbOptions {
  port?: number;
  /** LevelDB directory; in memory when omitted. */
  path?: string;
  host?: string;
}

export interface LocalDynamoDb {
  endpoint: string;
  port: number;
  /** Creates missing tables; rebuilds (keeping the items) a table whose keys or GSIs changed. */
  ensureTables(tables: CreateTableCommandInput[]): Promise<void>;
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  // createTableMs: 0 skips dynalite's simulated CREATING delay.
  const server: Server = dynalite({ path: options.path, createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  const transactions = await addTransactions(server);
  const port = await listen(server, options.port ?? 8000, options.host);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    port,
    client: () => client,
    ensureTables: (tables) => ensureTables(client, tables, options.path && path.dirname(options.path)),
    async stop() {
      client.destroy();
      await close(server);
      await transactions.stop();
    },
  };
}

async function ensureTables(client: DynamoDBClient, tables: CreateTableCommandInput[], backupDir?: string): Promise<void> {
  for (const table of tables) {
    const existing = await describe(client, table.TableName!);
    if (!existing) {
      await client.send(new CreateTableCommand(table));
    } else if (schemaOf(existing) !== schemaOf(table)) {
      // The CDK app changed the keys or GSIs since the data dir was created. dynalite cannot add a
      // GSI to a table (UpdateTable ignores it), so rebuild the table and copy the items over.
      await rebuildTable(client, table, backupDir);
    }
    await waitUntilActive(client, table.TableName!);
  }
}

/** Key schema and GSI keys, comparable as a string. */
function schemaOf(t: { KeySchema?: KeySchemaElement[]; GlobalSecondaryIndexes?: Array<{ IndexName?: string; KeySchema?: KeySchemaElement[] }> }): string {
  const keys = (k: KeySchemaElement[] | undefined) => (k ?? []).map((e) => `${e.AttributeName}:${e.KeyType}`).join(',');
  const indexes = (t.GlobalSecondaryIndexes ?? []).map((i) => `${i.IndexName}(${keys(i.KeySchema)})`).sort();
  return `${keys(t.KeySchema)} ${indexes.join(' ')}`;
}

async function rebuildTable(client: DynamoDBClient, table: CreateTableCommandInput, backupDir?: string): Promise<void> {
  const items: Record<string, AttributeValue>[] = [];
  let ExclusiveStartKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table.TableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  // A copy on disk first, in case the new schema rejects an item.
  const backup = backupDir ? path.join(backupDir, `${table.TableName}-before-rebuild-${Date.now()}.json`) : undefined;
  if (backup) writeFileSync(backup, JSON.stringify(items));
  console.warn(`Table ${table.TableName}: schema changed in the CDK app; rebuilding it with its ${items.length} items${backup ? ` (backup: ${backup})` : ''}.`);
  await client.send(new DeleteTableCommand({ TableName: table.TableName }));
  for (let i = 0; i < 500 && (await describe(client, table.TableName!)); i++) await new Promise((r) => setTimeout(r, 10));
  await client.send(new CreateTableCommand(table));
  await waitUntilActive(client, table.TableName!);
  for (let i = 0; i < items.length; i += 25) {
    let requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (requests.length) {
      const result = await client.send(new BatchWriteItemCommand({ RequestItems: { [table.TableName!]: requests } }));
      requests = (result.UnprocessedItems?.[table.TableName!] ?? []) as typeof requests;
    }
  }
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

/** The SDK waiter polls every 20 s; dynalite is ready within milliseconds. */
async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const table = await describe(client, tableName);
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}
