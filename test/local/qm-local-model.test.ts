import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachState, functionNameFromArn, synthesiseLocalModel, type AslMachine, type LocalModel } from 'cdk-local-runner';
import { qmApp } from '../../infra/local/qm-local.js';

// The QM app as the local runner sees it (the runner's own tests use a fixture app): its routes,
// functions, table, workflow and renewal schedule all come through.

const BASE_URL = 'http://localhost:4321';

describe('synthesiseLocalModel (the real CDK app)', () => {
  let model: LocalModel;
  let leftBehind: string[];

  beforeAll(() => {
    const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'qm-cloud-assembly-test-'));
    model = synthesiseLocalModel({ app: qmApp, publicBaseUrl: BASE_URL, tmpDir });
    leftBehind = readdirSync(tmpDir);
    rmSync(tmpDir, { recursive: true, force: true });
  });

  it('removes its temporary cloud assembly', () => {
    expect(leftBehind).toEqual([]);
  });

  it('finds the HTTP routes, each served by a known function', () => {
    const keys = model.routes.map((r) => r.routeKey);
    expect(keys).toEqual(expect.arrayContaining(['GET /apply', 'POST /applications', 'GET /status/{token}']));
    for (const route of model.routes) expect(model.functions.has(route.functionLogicalId)).toBe(true);
  });

  it('gives every function its source entry and a fully resolved environment', () => {
    expect(model.functions.size).toBeGreaterThan(0);
    const tableNames = model.tables.map((t) => t.TableName);
    for (const fn of model.functions.values()) {
      expect(fn.entry).toMatch(/^functions\/.+\.ts$/);
      for (const [key, value] of Object.entries(fn.environment)) {
        expect(typeof value, `${fn.logicalId} ${key}`).toBe('string');
        expect(value, `${fn.logicalId} ${key}`).not.toMatch(/"(Ref|Fn::)|\[object Object\]|\$\{Token\[/);
      }
      expect(fn.environment.PUBLIC_BASE_URL).toBe(BASE_URL);
      expect(tableNames).toContain(fn.environment.TABLE_NAME);
    }
  });

  it('points STATE_MACHINE_ARN at a state machine it knows', () => {
    const arns = [...model.stateMachines.values()].map((m) => m.arn);
    const used = [...model.functions.values()].map((f) => f.environment.STATE_MACHINE_ARN).filter(Boolean);
    expect(used.length).toBeGreaterThan(0);
    for (const arn of used) expect(arns).toContain(arn);
  });

  it('turns the table into a CreateTable request with its GSIs, on demand', () => {
    expect(model.tables).toHaveLength(1);
    const [table] = model.tables;
    expect(table).toMatchObject({ BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }] });
    expect(table!.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(expect.arrayContaining(['gsi1', 'gsi2']));
  });

  it("resolves every Task's FunctionName, in every state machine, to a known function", () => {
    expect(model.stateMachines.size).toBeGreaterThan(0);
    for (const machine of model.stateMachines.values()) {
      expect(machine.arn).toBe(`arn:aws:states:eu-north-1:000000000000:stateMachine:${machine.logicalId}`);
      let tasks = 0;
      forEachState(machine.definition as AslMachine, (name, state) => {
        if (state.Type !== 'Task') return;
        tasks++;
        const target = String(state.Parameters?.FunctionName ?? state.Resource);
        expect(model.functions.has(functionNameFromArn(target)), `${name} → ${target}`).toBe(true);
      });
      expect(tasks).toBeGreaterThan(0);
    }
  });

  it('lists the renewal sweep among schedules that target known functions', () => {
    expect(model.schedules.map((s) => s.name)).toContain('RenewalSweepSchedule');
    for (const schedule of model.schedules) {
      expect(schedule.scheduleExpression).toMatch(/^(rate|cron)\(/);
      expect(model.functions.has(schedule.functionLogicalId)).toBe(true);
    }
  });
});
