import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { addTransactions } from 'cdk-local-runner/dynamodb-transactions';
import type { AddressInfo } from 'node:net';
import type { EmailMessage, Mailer } from '../../functions/domain/email-message.js';

/**
 * A real DynamoDB API (dynalite, in memory, in this process, on a free port) with the table of
 * infra/stateful-stack.ts: pk/sk plus the sparse gsi1 (renewals) and gsi2 (register).
 */
export interface TestTable {
  endpoint: string;
  tableName: string;
  db: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export const testCredentials = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

export async function startTestTable(tableName = 'QmTable'): Promise<TestTable> {
  const server = dynalite({ createTableMs: 0, updateTableMs: 0, deleteTableMs: 0 });
  // TransactWriteItems, as the local system has it (a submission writes in one transaction).
  const transactions = await addTransactions(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: testCredentials });
  const key = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
  const index = (name: string) => ({
    IndexName: name,
    KeySchema: [
      { AttributeName: `${name}pk`, KeyType: 'HASH' as const },
      { AttributeName: `${name}sk`, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].map(key),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [index('gsi1'), index('gsi2')],
    }),
  );
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
  return {
    endpoint,
    tableName,
    db,
    async stop() {
      client.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await transactions.stop();
    },
  };
}

/** A Mailer that keeps what it is given; `failNext` makes the next sends throw. */
export class RecordingMailer implements Mailer {
  readonly messages: EmailMessage[] = [];
  failNext = 0;

  async send(message: EmailMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('SES is unavailable');
    }
    // A little latency, so that overlapping sweeps really overlap.
    await new Promise((r) => setTimeout(r, 5));
    this.messages.push(message);
  }
}
