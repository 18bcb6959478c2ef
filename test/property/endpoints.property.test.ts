import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, type FunctionSpec } from '../../infra/lambda-functions.js';
import { startTestTable, type TestTable } from '../renewals/dynalite-table.js';
import { functionEnvironment, lambdaContext, type Answer } from '../helpers/http-events.js';
import { eventFor, hostileRequest } from './hostile-requests.js';

// Issue #7 §6: hostile input against every HTTP endpoint of infra/lambda-functions.ts, in process
// (API Gateway v2 events, a real DynamoDB API on dynalite, SES and Step Functions mocked so that
// every send is counted). At least 1 000 generated requests per route per run; the seed is printed.
// For every answer: no 5xx, a bounded body; for every refusal: nothing written, no mail, no workflow.
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const runsPerRoute = Number(process.env.FC_RUNS ?? 1000);

let table: TestTable;
const ses = mockClient(SESv2Client);
const sfn = mockClient(SFNClient);
const writes: string[] = [];
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<unknown>;
const handlers = new Map<string, Handler>();
const routes = (Object.entries(httpFunctions) as [string, FunctionSpec][]).flatMap(([, spec]) =>
  (spec.routes ?? []).map((routeKey) => ({ routeKey, entry: spec.entry })),
);

beforeAll(async () => {
  console.log(`endpoint property seed: ${seed} (replay with FC_SEED=${seed}); ${runsPerRoute} runs per route`);
  table = await startTestTable();
  Object.assign(process.env, functionEnvironment(table.tableName, table.endpoint));
  ses.on(SendEmailCommand).resolves({ MessageId: 'm' });
  sfn.on(StartExecutionCommand).resolves({ executionArn: 'arn:exec', startDate: new Date() });
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).resolves({});
  // The handlers' own DynamoDB client: count every write that succeeded.
  const { getDocumentClient } = await import('../../functions/adapters/aws-clients.js');
  getDocumentClient().middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(context.commandName ?? '')) writes.push(context.commandName!);
      return result;
    },
    { step: 'initialize', name: 'countWrites' },
  );
  const { importMembers } = await import('../../functions/use-cases/import-members.use-case.js');
  const { MemberRepository } = await import('../../functions/adapters/member.repository.js');
  await importMembers(
    { members: new MemberRepository(table.db, table.tableName), now: () => new Date() },
    'organisationsnummer,name,town,email\n802999-1000,Exempelstad City,Exempelstad,info@exempelstad.example\n',
  );
  for (const { entry } of routes) {
    if (!handlers.has(entry)) handlers.set(entry, ((await import(path.resolve(entry))) as { handler: Handler }).handler);
  }
});
afterAll(async () => {
  ses.restore();
  sfn.restore();
  await table?.stop();
});

// --- The property, per route ---------------------------------------------------------------------------

describe('every HTTP endpoint under hostile input', () => {
  it('lists every route of infra/lambda-functions.ts', () => {
    // Prepare / Act / Assess: a new route is fuzzed without editing this file
    expect(routes.length).toBeGreaterThanOrEqual(13);
  });

  for (const { routeKey, entry } of routes) {
    it(`${routeKey}: no 5xx, bounded answers, nothing written or sent for a refusal`, async () => {
      // Prepare
      const handler = () => handlers.get(entry)!;
      const statuses = new Map<number, number>();

      // Act / Assess (per generated request)
      await fc.assert(
        fc.asyncProperty(hostileRequest(), async (input) => {
          const { event, bytes } = eventFor(routeKey, input);
          const before = { writes: writes.length, mails: ses.commandCalls(SendEmailCommand).length, starts: sfn.commandCalls(StartExecutionCommand).length };
          const answer = (await handler()(event, lambdaContext)) as Answer;
          statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
          expect(answer.statusCode, `${routeKey} answered ${answer.statusCode}: ${answer.body?.slice(0, 300)}`).toBeLessThan(500);
          expect((answer.body ?? '').length).toBeLessThanOrEqual(300_000 + 2 * bytes);
          if (answer.statusCode >= 400) {
            expect(writes.length - before.writes, `writes for a ${answer.statusCode}`).toBe(0);
            expect(ses.commandCalls(SendEmailCommand).length).toBe(before.mails);
            expect(sfn.commandCalls(StartExecutionCommand).length).toBe(before.starts);
          }
        }),
        { seed, numRuns: runsPerRoute },
      );
      console.log(`${routeKey}: ${[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${n}×${status}`).join(', ')}`);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(runsPerRoute);
    }, 300_000);
  }
});
