import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listSchedules, readRunningSystem, runSchedule } from '../src/join.js';
import { startLocalSystem, type LocalSystem, type LocalSystemContext } from '../src/local-system.js';
import { scheduleCli } from '../src/schedule-cli.js';
import { fixtureApp } from './fixtures/app.js';

// The whole runner on the fixture app: the hook API, and schedules run on request (in process,
// over the control endpoint, and through the schedule CLI, joining or starting a system).
const freePorts = { port: 0, dynamodbPort: 0, mailPort: 0, sfnPort: 0, controlPort: 0, quiet: true };
type Echo = { event: { time?: string; 'detail-type'?: string } };

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('local system with hooks and schedules (fixture app)', () => {
  let system: LocalSystem;
  let dataDir: string;
  let seen: { ctx: LocalSystemContext; execution: { executionArn: string } } | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdk-local-runner-system-'));
    system = await startLocalSystem({
      ...freePorts,
      app: fixtureApp,
      dataDir,
      hooks: {
        afterStart: (ctx) => {
          seen = { ctx, execution: ctx.startExecution('EchoMachine', { from: 'hook' }) };
        },
        executionName: (machine, input) => `${machine.name}-${(input as { from: string }).from}`,
      },
    });
  });
  afterAll(async () => {
    await system?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives afterStart the tables, the environment, and executions named by the executionName hook', async () => {
    expect(seen?.ctx.tableNames).toEqual(system.model.tables.map((t) => t.TableName));
    expect(seen?.ctx.env.TABLE_NAME).toBe(seen?.ctx.tableNames[0]);
    expect(seen?.ctx.dynamodb.endpoint).toBe(system.urls.dynamodb);
    const execution = await system.stepFunctions.waitForExecution(seen!.execution.executionArn);
    expect([execution.name, execution.status]).toEqual(['EchoMachine-hook', 'SUCCEEDED']);
  });

  it('runs a schedule by name, its target seeing the given time in the event', async () => {
    // Act
    const run = await system.runSchedule('NightlySchedule', { now: new Date('2029-06-01T12:00:00Z') });
    // Assess
    expect(run).toMatchObject({ schedule: 'NightlySchedule', time: '2029-06-01T12:00:00.000Z' });
    expect((run.result as Echo).event).toMatchObject({ 'detail-type': 'Scheduled Event', time: '2029-06-01T12:00:00Z' });
  });

  it('lists and runs schedules over the control endpoint that local-system.json names', async () => {
    // Prepare
    const running = readRunningSystem(dataDir);
    // Act
    const schedules = await listSchedules(running!.urls.runner);
    const run = await runSchedule(running!.urls.runner, 'Echo', new Date('2030-01-02T03:04:05Z'));
    // Assess
    expect(schedules).toEqual([expect.objectContaining({ name: 'NightlySchedule', names: expect.arrayContaining(['Echo']), scheduleExpression: 'cron(0 3 * * ? *)' })]);
    expect((run.result as Echo).event.time).toBe('2030-01-02T03:04:05Z');
  });

  it('answers an unknown schedule with the known ones, in process and over HTTP', async () => {
    await expect(system.runSchedule('Weekly')).rejects.toThrow("No schedule named 'Weekly'. Known: NightlySchedule");
    await expect(runSchedule(system.urls.runner, 'Weekly')).rejects.toMatchObject({ status: 404, message: expect.stringContaining('Known: NightlySchedule') });
  });

  it('runs a schedule from the CLI, joining the running system', async () => {
    // Prepare
    const { out, err, io } = collect();
    // Act
    const code = await scheduleCli(['NightlySchedule', '--now', '2029-06-01'], { dataDir, start: () => Promise.reject(new Error('must join, not start')), ...io });
    // Assess
    expect([code, err]).toEqual([0, []]);
    expect(out[0]).toBe(`Ran NightlySchedule → ${system.model.schedules[0]!.functionLogicalId} as of 2029-06-01T12:00:00.000Z, on the local system running on ${dataDir}.`);
    expect(JSON.parse(out[1]!).event.time).toBe('2029-06-01T12:00:00Z');
  });

  it('refuses a bad --now or an unknown name from the CLI with exit code 2', async () => {
    const badDate = collect();
    const unknown = collect();
    const codes = [
      await scheduleCli(['NightlySchedule', '--now', '2029-02-30'], { dataDir, start: () => Promise.reject(new Error('unused')), ...badDate.io }),
      await scheduleCli(['Weekly'], { dataDir, start: () => Promise.reject(new Error('unused')), ...unknown.io }),
    ];
    expect(codes).toEqual([2, 2]);
    expect(badDate.err[0]).toMatch(/^--now needs a date/);
    expect(unknown.err).toEqual(["No schedule named 'Weekly'. Known: NightlySchedule"]);
  });
});

describe('schedule CLI with no system running', () => {
  it('starts one in process on the data directory, runs the schedule and stops it', async () => {
    // Prepare
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdk-local-runner-cli-'));
    const { out, io } = collect();
    let started: LocalSystem | undefined;
    try {
      // Act
      const code = await scheduleCli(['NightlySchedule', '--now', '2029-06-01T05:00:00Z'], {
        dataDir,
        start: async () => (started = await startLocalSystem({ ...freePorts, app: fixtureApp, dataDir })),
        ...io,
      });
      // Assess
      expect(code).toBe(0);
      expect(out[0]).toContain(`on a local system started for this run on ${dataDir}`);
      expect(JSON.parse(out[1]!).event.time).toBe('2029-06-01T05:00:00Z');
      expect(readRunningSystem(dataDir)).toBeUndefined(); // stopped again: its local-system.json is gone
    } finally {
      await started?.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
