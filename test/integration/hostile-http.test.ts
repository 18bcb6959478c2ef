import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { eventFor, hostileRequest } from '../property/hostile-requests.js';

// The smaller run of issue #7 §6 over real HTTP: the local gateway, the synthesised routes and
// the real handlers. Applications carry a non-member's number, so every request is a refusal:
// afterwards no application is stored and no workflow was started, hence no mail can follow.
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
const runsPerRoute = Number(process.env.FC_HTTP_RUNS ?? 60);
const nonMember = '556677-8899';
let system: TestSystem;

beforeAll(async () => {
  console.log(`hostile HTTP seed: ${seed} (replay with FC_SEED=${seed}); ${runsPerRoute} runs per route`);
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

async function storedApplications(): Promise<number> {
  const result = await system.documentClient.send(
    new ScanCommand({ TableName: system.tableName, Select: 'COUNT', FilterExpression: 'entity IN (:app, :key, :link)', ExpressionAttributeValues: { ':app': 'Application', ':key': 'IdempotencyKey', ':link': 'StatusLink' } }),
  );
  return result.Count ?? 0;
}

describe('hostile requests over HTTP', () => {
  it('every route answers without a 5xx, with a bounded body, and nothing is stored, started or mailed', async () => {
    // Prepare
    const routes = system.model.routes.map((route) => route.routeKey);
    const statuses = new Map<number, number>();

    // Act / Assess (per request)
    for (const routeKey of routes) {
      await fc.assert(
        fc.asyncProperty(hostileRequest({ organisationNumber: nonMember }), async (input) => {
          const { event, bytes } = eventFor(routeKey, input);
          const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
          const response = await system.fetchApp(`${event.rawPath}${query}`, {
            method: event.requestContext.http.method,
            // HTTP carries header values as bytes: what fetch cannot send is left out.
            headers: Object.fromEntries(Object.entries(event.headers).filter(([, v]) => /^[\x20-\x7e\xa0-\xff]*$/.test(v ?? ''))) as Record<string, string>,
            ...(event.requestContext.http.method === 'POST' ? { body: Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8') } : {}),
          });
          const text = await response.text();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, `${routeKey}: ${text.slice(0, 200)}`).toBeLessThan(500);
          expect(text.length).toBeLessThanOrEqual(300_000 + 2 * bytes);
        }),
        { seed, numRuns: runsPerRoute },
      );
    }

    // Assess: nothing happened behind the refusals
    console.log(`hostile HTTP: ${routes.length} routes; ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${n}×${s}`).join(', ')}`);
    expect(routes.length).toBeGreaterThanOrEqual(13);
    expect(await storedApplications()).toBe(0);
    expect(system.stepFunctions.listExecutions()).toEqual([]);
    expect(await system.mails()).toEqual([]);
  }, 300_000);
});
