import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { applyEnvironment } from 'cdk-local-runner/lambda-environment';
import { functionEnvironment, lambdaContext, postEvent } from '../helpers/http-events.js';

// Unit tests of the handler's edge cases with mocked AWS clients; the real path runs in test/integration.
// The unit project shares worker processes between files: the environment and the mocks are undone after.
const restoreEnvironment = applyEnvironment(functionEnvironment('QmTable', 'http://127.0.0.1:1'));

const { handler } = await import('../../functions/handlers/submit-application.handler.js');
const example = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as { organisation: { organisationNumber: string } };

const dynamo = mockClient(DynamoDBDocumentClient);
const sfn = mockClient(SFNClient);
afterAll(() => {
  dynamo.restore();
  sfn.restore();
  restoreEnvironment();
});

function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): APIGatewayProxyEventV2 {
  return postEvent('POST /applications', '/applications', body, headers);
}

const invoke = async (event: APIGatewayProxyEventV2) => (await handler(event, lambdaContext)) as { statusCode: number; headers: Record<string, string>; body: string };

beforeEach(() => {
  dynamo.reset();
  sfn.reset();
  const member = { pk: 'MEMBER', sk: example.organisation.organisationNumber, organisationNumber: example.organisation.organisationNumber, name: 'Exempelstad City', town: 'Exempelstad', emails: ['info@exempelstad.example', 'kim.exempelsson@exempelstad.example'] };
  dynamo.on(GetCommand).resolves({});
  dynamo.on(GetCommand, { Key: { pk: 'MEMBER', sk: example.organisation.organisationNumber } }).resolves({ Item: member });
  dynamo.on(PutCommand).resolves({});
  dynamo.on(UpdateCommand).resolves({});
  dynamo.on(TransactWriteCommand).resolves({});
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec' });
});

describe('POST /applications (handler edge cases)', () => {
  it('stores a valid application and starts the execution named after it', async () => {
    // Act
    const response = await invoke(post(JSON.stringify(example)));
    // Assess
    expect(response.statusCode).toBe(201);
    const body = JSON.parse(response.body);
    expect(body.status).toBe('submitted');
    expect(response.headers.location).toBe(body.statusUrl);
    const start = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(start.name).toBe(body.id);
    expect(JSON.parse(start.input!)).toEqual({ applicationId: body.id });
  });

  it('writes the application, the organisation’s slot, the status link and the idempotency record in one transaction, then starts the workflow', async () => {
    const order: string[] = [];
    dynamo.on(TransactWriteCommand).callsFake(() => (order.push('transaction'), {}));
    sfn.on(StartExecutionCommand).callsFake(() => (order.push('start'), { executionArn: 'arn:exec' }));
    // Act
    const response = await invoke(post(JSON.stringify(example), { 'content-type': 'application/json', 'idempotency-key': 'k-tx' }));
    // Assess: one transaction of conditional puts, and no other write
    expect(response.statusCode).toBe(201);
    const { id } = JSON.parse(response.body) as { id: string };
    const [transaction, ...more] = dynamo.commandCalls(TransactWriteCommand);
    expect(more).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    const puts = transaction!.args[0].input.TransactItems!.map((item) => item.Put!);
    expect(puts.map((put) => String(put.Item!.pk).replace(/#.*/, '#'))).toEqual(['APP#', 'ORG#', 'STATUSLINK#', 'IDEMPOTENCY#']);
    expect(puts.every((put) => put.ConditionExpression)).toBe(true);
    expect(puts[0]!.Item!.id).toBe(id);
    expect(puts[1]!.Item).toMatchObject({ pk: `ORG#${example.organisation.organisationNumber}`, sk: 'OPEN', applicationId: id });
    expect(puts[3]!.Item).toMatchObject({ state: 'completed', applicationId: id });
    // The workflow starts only after the transaction.
    const started = sfn.commandCalls(StartExecutionCommand)[0]!;
    expect(started.args[0].input.name).toBe(id);
    expect(order).toEqual(['transaction', 'start']);
  });

  it('answers 409 application-in-progress and stores nothing when another submission wins the slot in the transaction', async () => {
    // Prepare: the slot looks free when read, then another submission claims it first
    dynamo.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }] }),
    );
    let slotReads = 0;
    dynamo.on(GetCommand, { Key: { pk: `ORG#${example.organisation.organisationNumber}`, sk: 'OPEN' } }).callsFake(() =>
      slotReads++ === 0 ? {} : { Item: { applicationId: 'A-20261125-WINNER', claimedAt: new Date().toISOString() } },
    );
    dynamo.on(GetCommand, { Key: { pk: 'APP#A-20261125-WINNER', sk: 'APP' } }).resolves({ Item: { id: 'A-20261125-WINNER', status: 'submitted', notifications: {} } });
    // Act
    const response = await invoke(post(JSON.stringify(example)));
    // Assess
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body).type).toMatch(/application-in-progress$/);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers 415 for an unsupported content type and touches nothing', async () => {
    const response = await invoke(post('<xml/>', { 'content-type': 'application/xml' }));
    expect(response.statusCode).toBe(415);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 400 for malformed JSON', async () => {
    const response = await invoke(post('{"type": "full",'));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).title).toBe('Ogiltig JSON');
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('answers 413 for a body over 1 MB', async () => {
    const response = await invoke(post(JSON.stringify({ ...example, padding: 'x'.repeat(1_000_001) })));
    expect(response.statusCode).toBe(413);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('refuses non-members in Swedish and writes nothing', async () => {
    // Prepare: a valid organisation number that is not in the register
    dynamo.on(GetCommand).resolves({});
    // Act
    const response = await invoke(post(JSON.stringify(example)));
    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).detail).toMatch(/Endast medlemmar/);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('replays the first response for a repeated idempotency key', async () => {
    // Prepare: the key was used for the same body, and that request completed
    const first = await invoke(post(JSON.stringify(example), { 'content-type': 'application/json', 'idempotency-key': 'k-1' }));
    const transaction = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const stored = transaction.map((item) => item.Put!.Item!).find((item) => String(item.pk).startsWith('IDEMPOTENCY#'))!;
    const storedResponse = stored.response as { body: string };
    dynamo.reset();
    dynamo.on(GetCommand).resolves({});
    dynamo.on(PutCommand).resolves({});
    dynamo.on(GetCommand, { Key: { pk: 'MEMBER', sk: example.organisation.organisationNumber } }).resolves({ Item: { organisationNumber: example.organisation.organisationNumber, emails: ['kim.exempelsson@exempelstad.example'] } });
    dynamo.on(GetCommand, { Key: { pk: stored.pk, sk: 'KEY' } }).resolves({ Item: stored });
    sfn.reset();
    sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec' });
    // Act
    const second = await invoke(post(JSON.stringify(example), { 'content-type': 'application/json', 'idempotency-key': 'k-1' }));
    // Assess
    expect(second.statusCode).toBe(201);
    const [firstBody, secondBody] = [JSON.parse(first.body), JSON.parse(second.body)];
    expect({ ...secondBody, statusUrl: undefined }).toEqual({ ...firstBody, statusUrl: undefined });
    // The stored receipt keeps no link token: the replay carries a fresh link to the same page.
    expect(storedResponse.body).not.toContain('/status/');
    expect(secondBody.statusUrl).toMatch(/\/status\/[A-Za-z0-9_-]{43}$/);
    expect(second.headers['idempotent-replayed']).toBe('true');
    // Nothing new is stored but the fresh link; the same execution is started again (idempotent), in
    // case the first request stored its application and failed before starting it.
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(PutCommand).map((c) => String(c.args[0].input.Item?.pk))).toEqual([expect.stringMatching(/^STATUSLINK#/)]);
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name)).toEqual([firstBody.id]);
  });

  it('refuses the same idempotency key with a different body', async () => {
    dynamo.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    dynamo.on(GetCommand).callsFake((input: { Key: { pk: string } }) =>
      input.Key.pk === 'MEMBER'
        ? { Item: { organisationNumber: example.organisation.organisationNumber } }
        : { Item: { requestHash: 'another-body', applicationId: 'A-20261125-AAAAAA', state: 'completed', startedAt: new Date().toISOString() } },
    );
    const response = await invoke(post(JSON.stringify(example), { 'content-type': 'application/json', 'idempotency-key': 'k-1' }));
    expect(response.statusCode).toBe(422);
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  it('answers a 5xx only for real failures, never for bad input: DynamoDB down → 500 problem', async () => {
    dynamo.on(GetCommand).rejects(new Error('connection reset'));
    const response = await invoke(post(JSON.stringify(example)));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('connection reset');
  });
});
