import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as scheduleCli } from '../../infra/local/schedule.cli.js';
import { runCli } from '../helpers/cli.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';

// Smoke test of the real system as `npm start` builds it. It checks the plumbing only, not the
// application's behaviour (the handlers are being written; their tests live elsewhere).
describe('local system (real CDK app, free ports)', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startTestSystem({ seed: false, env: { REVIEWER_EMAILS: 'test-reviewer@stadskarnor.example' } });
  });
  afterAll(() => system?.stop());

  it('is healthy, and unknown paths reach the app’s catch-all ($default) route', async () => {
    const health = await system.fetchApp('/health');
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const missing = await system.fetchApp('/no-such-route');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Finns inte' });
  });

  it('serves every route of the template (no 404 from the gateway)', async () => {
    for (const { routeKey } of system.model.routes) {
      const [method, route] = routeKey.split(' ') as [string, string];
      if (method !== 'GET') continue;
      const res = await system.fetchApp(route.replace(/\{[^}]+\}/g, 'x'));
      const body = res.status === 404 ? await res.text() : '';
      expect(body, routeKey).not.toBe('{"message":"Not Found"}');
    }
  });

  it('gives handlers the template environment with local endpoints, caller overrides winning', () => {
    expect(process.env.PUBLIC_BASE_URL).toBe(system.baseUrl);
    expect(process.env.AWS_ENDPOINT_URL_SFN).toBe(system.urls.stepFunctions);
    expect(process.env.REVIEWER_EMAILS).toBe('test-reviewer@stadskarnor.example');
    expect(process.env.TABLE_NAME).toBe(system.tableName);
  });

  it('has created the template tables, with an empty mailbox and the state machines loaded', async () => {
    const { TableNames } = await system.documentClient.send(new ListTablesCommand({}));
    expect(TableNames).toEqual(system.model.tables.map((t) => t.TableName));
    expect(await system.mails()).toEqual([]);
    expect(system.stepFunctions.stateMachineArns).toEqual([...system.model.stateMachines.values()].map((m) => m.arn));
  });

  it('tells CLIs how to reach it', () => {
    const file = path.join(system.dataDir, 'local-system.json');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).environment.AWS_ENDPOINT_URL_DYNAMODB).toBe(system.urls.dynamodb);
  });

  it('runs the renewal sweep by name through npm run schedule, as of the given date', async () => {
    // Act
    const { code, stdout, stderr } = await runCli(scheduleCli, ['RenewalSweep', '--now', '2029-06-01'], system.dataDir);
    // Assess
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toMatch(/^Ran RenewalSweepSchedule → RenewalSweep[0-9A-F]{8} as of 2029-06-01T12:00:00.000Z, on the local system running/);
    expect(stdout).toContain('"today": "2029-06-01"');
  });

  it('names the known schedules when asked for one the template does not have', async () => {
    const { code, stderr } = await runCli(scheduleCli, ['Nightly'], system.dataDir);
    expect([code, stderr]).toEqual([2, "No schedule named 'Nightly'. Known: RenewalSweepSchedule\n"]);
  });
});
