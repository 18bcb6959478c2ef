import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { close, listen } from './http-util.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';

/**
 * DynamoDB for the local system: dynalite in process, persisted in LevelDB under `path` so data
 * survives restarts. Known gaps (see /work/shared/local-aws-notes.md): no transactions, no TTL,
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
  /** Creates the tables that do not exist yet and adds missing GSIs; existing data is kept. */
  ensureTables(tables: CreateTableCommandInput[]): Promise<void>;
  client(): DynamoDBClient;
  stop(): Promise<void>;
}

export async function startLocalDynamoDb(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  if (options.path) mkdirSync(options.path, { recursive: true });
  // createTableMs: 0 skips dynalite's simulated CREATING delay.
  const server: Server = dynalite({ path: options.path, createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  const port = await listen(server, options.port ?? 8000, options.host);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  return {
    endpoint,
    port,
    client: () => client,
    ensureTables: (tables) => ensureTables(client, tables),
    async stop() {
      client.destroy();
      await close(server);
    },
  };
}

async function ensureTables(client: DynamoDBClient, tables: CreateTableCommandInput[]): Promise<void> {
  for (const table of tables) {
    const existing = await describe(client, table.TableName!);
    if (!existing) {
      await client.send(new CreateTableCommand(table));
    } else {
      // A GSI added to the CDK app since the data dir was created: add it rather than failing later.
      const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
      for (const index of table.GlobalSecondaryIndexes ?? []) {
        if (have.has(index.IndexName)) continue;
        await client.send(
          new UpdateTableCommand({
            TableName: table.TableName,
            AttributeDefinitions: table.AttributeDefinitions,
            GlobalSecondaryIndexUpdates: [{ Create: index }],
          }),
        );
        await waitUntilActive(client, table.TableName!);
      }
    }
    await waitUntilActive(client, table.TableName!);
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
