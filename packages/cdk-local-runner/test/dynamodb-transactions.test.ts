import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalDynamoDb, type LocalDynamoDb } from '../src/local-dynamodb.js';

// TransactWriteItems on the local DynamoDB (dynalite has none; src/dynamodb-transactions.ts).
let db: LocalDynamoDb;
let doc: DynamoDBDocumentClient;
const TableName = 'TxTable';

beforeAll(async () => {
  db = await startLocalDynamoDb({ port: 0 });
  await db.ensureTables([
    {
      TableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [{ IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    },
  ]);
  doc = DynamoDBDocumentClient.from(db.client());
});
afterAll(async () => {
  await db.stop();
});

const get = async (pk: string) => (await doc.send(new GetCommand({ TableName, Key: { pk, sk: 'A' }, ConsistentRead: true }))).Item;
const putNew = (pk: string, extra: Record<string, unknown> = {}) => ({
  Put: { TableName, Item: { pk, sk: 'A', ...extra }, ConditionExpression: 'attribute_not_exists(pk)' },
});

async function cancellation(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransactionCanceledException);
  return error as TransactionCanceledException;
}

describe('TransactWriteItems on the local DynamoDB', () => {
  it('applies every action when every condition holds', async () => {
    await doc.send(new PutCommand({ TableName, Item: { pk: 'ok-upd', sk: 'A', n: 1 } }));
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          putNew('ok-1', { g: 'ok' }),
          putNew('ok-2'),
          { Update: { TableName, Key: { pk: 'ok-upd', sk: 'A' }, UpdateExpression: 'SET n = n + :one', ConditionExpression: 'n = :n', ExpressionAttributeValues: { ':one': 1, ':n': 1 } } },
        ],
      }),
    );
    expect(await get('ok-1')).toEqual({ pk: 'ok-1', sk: 'A', g: 'ok' });
    expect(await get('ok-2')).toEqual({ pk: 'ok-2', sk: 'A' });
    expect(await get('ok-upd')).toEqual({ pk: 'ok-upd', sk: 'A', n: 2 });
    const byG = await doc.send(new QueryCommand({ TableName, IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': 'ok' } }));
    expect(byG.Items).toEqual([{ pk: 'ok-1', sk: 'A', g: 'ok' }]);
  });

  it('a passing condition check writes nothing, a failing one cancels the rest', async () => {
    await doc.send(new PutCommand({ TableName, Item: { pk: 'cc', sk: 'A', state: 'open', g: 'cc' } }));
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { ConditionCheck: { TableName, Key: { pk: 'cc', sk: 'A' }, ConditionExpression: '#s = :open', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':open': 'open' } } },
          putNew('cc-1'),
        ],
      }),
    );
    expect(await get('cc')).toEqual({ pk: 'cc', sk: 'A', state: 'open', g: 'cc' });
    expect(await get('cc-1')).toBeDefined();

    const error = await cancellation(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName, Key: { pk: 'cc', sk: 'A' }, ConditionExpression: '#s = :closed', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':closed': 'closed' } } },
            putNew('cc-2'),
          ],
        }),
      ),
    );
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None']);
    expect(await get('cc')).toEqual({ pk: 'cc', sk: 'A', state: 'open', g: 'cc' });
    expect(await get('cc-2')).toBeUndefined();
  });

  it('all or nothing: one failed condition leaves every item as it was, and names the action that failed', async () => {
    await doc.send(new PutCommand({ TableName, Item: { pk: 'an-upd', sk: 'A', n: 1, g: 'before' } }));
    await doc.send(new PutCommand({ TableName, Item: { pk: 'an-taken', sk: 'A', by: 'someone' } }));
    await doc.send(new PutCommand({ TableName, Item: { pk: 'an-replaced', sk: 'A', v: 'old' } }));
    const error = await cancellation(
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            putNew('an-new', { g: 'new' }),
            { Update: { TableName, Key: { pk: 'an-upd', sk: 'A' }, UpdateExpression: 'SET n = :n, g = :g', ExpressionAttributeValues: { ':n': 9, ':g': 'after' } } },
            { Put: { TableName, Item: { pk: 'an-replaced', sk: 'A', v: 'new' } } },
            { ...putNew('an-taken'), Put: { ...putNew('an-taken').Put, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
          ],
        }),
      ),
    );
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'None', 'None', 'ConditionalCheckFailed']);
    expect(error.CancellationReasons?.[3]?.Item).toEqual({ pk: { S: 'an-taken' }, sk: { S: 'A' }, by: { S: 'someone' } });
    expect(await get('an-new')).toBeUndefined();
    expect(await get('an-upd')).toEqual({ pk: 'an-upd', sk: 'A', n: 1, g: 'before' });
    expect(await get('an-replaced')).toEqual({ pk: 'an-replaced', sk: 'A', v: 'old' });
    expect(await get('an-taken')).toEqual({ pk: 'an-taken', sk: 'A', by: 'someone' });
    // The index follows the items: no entry for the undone write, the old one for the restored item.
    const query = (g: string) => doc.send(new QueryCommand({ TableName, IndexName: 'byG', KeyConditionExpression: 'g = :g', ExpressionAttributeValues: { ':g': g } }));
    expect((await query('new')).Items).toEqual([]);
    expect((await query('after')).Items).toEqual([]);
    expect((await query('before')).Items).toHaveLength(1);
  });

  it('refuses two actions on one item, and an action dynalite refuses undoes the others', async () => {
    await expect(doc.send(new TransactWriteCommand({ TransactItems: [putNew('dup'), putNew('dup')] }))).rejects.toThrow(/multiple operations on one item/);
    expect(await get('dup')).toBeUndefined();
    await expect(
      doc.send(new TransactWriteCommand({ TransactItems: [putNew('bad-1'), { Update: { TableName, Key: { pk: 'bad-2', sk: 'A' }, UpdateExpression: 'SET = broken' } }] })),
    ).rejects.toThrow();
    expect(await get('bad-1')).toBeUndefined();
    expect(await get('bad-2')).toBeUndefined();
  });

  it('serialised: of racing transactions that claim one slot exactly one wins, and only its items exist; readers never see half of one', async () => {
    const contenders = Array.from({ length: 12 }, (_, i) => `c${i}`);
    let halfSeen = 0;
    let reading = true;
    // A reader that checks, throughout, that no contender's item is ever seen without its slot: a
    // loser's write, applied and undone inside its transaction, must never be visible.
    const reader = (async () => {
      while (reading) {
        const items = await Promise.all(contenders.map((c) => get(`race-${c}`)));
        const slot = await get('race-slot');
        items.forEach((item, i) => {
          if (item && slot?.holder !== contenders[i]) halfSeen++;
        });
      }
    })();
    const results = await Promise.allSettled(
      contenders.map((c) =>
        doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { TableName, Item: { pk: 'race-slot', sk: 'A', holder: c }, ConditionExpression: 'attribute_not_exists(holder)' } },
              putNew(`race-${c}`),
            ],
          }),
        ),
      ),
    );
    reading = false;
    await reader;
    const winners = contenders.filter((_, i) => results[i]!.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(TransactionCanceledException);
    expect((await get('race-slot'))?.holder).toBe(winners[0]);
    for (const c of contenders) expect(await get(`race-${c}`)).toEqual(c === winners[0] ? { pk: `race-${c}`, sk: 'A' } : undefined);
    expect(halfSeen).toBe(0);
  });
});
