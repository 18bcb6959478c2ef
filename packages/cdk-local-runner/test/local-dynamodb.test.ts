import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb } from '../src/local-dynamodb.js';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

const dir = mkdtempSync(path.join(os.tmpdir(), 'qm-dynalite-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const table = (withGsi: boolean): CreateTableCommandInput => ({
  TableName: 'Tbl',
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: (
    [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'g', AttributeType: 'S' },
    ] as const
  ).slice(0, withGsi ? 2 : 1),
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  ...(withGsi ? { GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }] } : {}),
});

describe('local DynamoDB', () => {
  it('creates tables idempotently, keeps data across restarts, and adds a GSI added later', async () => {
    const first = await startLocalDynamoDb({ port: 0, path: path.join(dir, 'db') });
    await first.ensureTables([table(false)]);
    await first.ensureTables([table(false)]);
    const doc = DynamoDBDocumentClient.from(first.client());
    await doc.send(new PutCommand({ TableName: 'Tbl', Item: { pk: '1', g: 'x' } }));
    await first.stop();

    const second = await startLocalDynamoDb({ port: 0, path: path.join(dir, 'db') });
    await second.ensureTables([table(true)]);
    const doc2 = DynamoDBDocumentClient.from(second.client());
    expect((await second.client().send(new ListTablesCommand({}))).TableNames).toEqual(['Tbl']);
    expect((await doc2.send(new GetCommand({ TableName: 'Tbl', Key: { pk: '1' } }))).Item).toEqual({ pk: '1', g: 'x' });
    await doc2.send(new PutCommand({ TableName: 'Tbl', Item: { pk: '2', g: 'y' } }));
    const byG = await doc2.send(new QueryCommand({ TableName: 'Tbl', IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': 'y' } }));
    expect(byG.Items).toEqual([{ pk: '2', g: 'y' }]);
    expect(readdirSync(dir).filter((f) => f.startsWith('Tbl-before-rebuild-'))).toHaveLength(1);
    await second.stop();
  });
});
