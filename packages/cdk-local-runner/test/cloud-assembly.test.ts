import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachState, type AslMachine } from '../src/asl-local-definition.js';
import { IntrinsicResolver, type SynthesisedStack } from '../src/cfn-intrinsics.js';
import { SHARED_SYNTH_DIR_ENV, synthesiseLocalModel, synthesiseStacks, type CdkAppSource, type LocalModel } from '../src/cloud-assembly.js';
import { functionNameFromArn } from '../src/local-aws.js';
import { fixtureApp } from './fixtures/app.js';

const BASE_URL = 'http://localhost:4321';

describe('synthesiseLocalModel (the fixture app)', () => {
  let model: LocalModel;
  let leftBehind: string[];

  beforeAll(() => {
    // Prepare: a temporary directory of our own, to see what synthesis leaves in it.
    const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'cdk-local-runner-cloud-assembly-test-'));
    // Act
    model = synthesiseLocalModel({ app: fixtureApp, publicBaseUrl: BASE_URL, tmpDir });
    leftBehind = readdirSync(tmpDir);
    rmSync(tmpDir, { recursive: true, force: true });
  });

  it('removes its temporary cloud assembly', () => {
    expect(leftBehind).toEqual([]);
  });

  it('finds the HTTP route, served by the function with entry metadata', () => {
    expect(model.routes).toEqual([{ routeKey: 'POST /echo', functionLogicalId: expect.stringMatching(/^Echo[0-9A-F]{8}$/) }]);
  });

  it('gives the function its source entry and a fully resolved environment, and skips functions without an entry', () => {
    expect([...model.functions.values()]).toEqual([
      expect.objectContaining({
        entry: 'test/fixtures/echo.handler.ts',
        environment: { TABLE_NAME: model.tables[0]!.TableName, PUBLIC_BASE_URL: BASE_URL, FIXTURE_VAR: 'from-template' },
      }),
    ]);
  });

  it('turns the table into an on-demand CreateTable request with its GSI', () => {
    expect(model.tables).toEqual([
      expect.objectContaining({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
        GlobalSecondaryIndexes: [expect.objectContaining({ IndexName: 'gsi1' })],
      }),
    ]);
  });

  it("resolves the state machine's Task to the known function and names the machine by its construct id", () => {
    const [machine] = [...model.stateMachines.values()];
    expect(machine).toMatchObject({ name: 'EchoMachine', arn: `arn:aws:states:eu-north-1:000000000000:stateMachine:${machine!.logicalId}` });
    const targets: string[] = [];
    forEachState(machine!.definition as AslMachine, (_name, state) => {
      if (state.Type === 'Task') targets.push(functionNameFromArn(String(state.Parameters?.FunctionName ?? state.Resource)));
    });
    expect(targets).toEqual([...model.functions.keys()]);
  });

  it('lists the schedule with its construct name, expression and target', () => {
    expect(model.schedules).toEqual([
      { logicalId: expect.stringMatching(/^NightlySchedule[0-9A-F]{8}$/), name: 'NightlySchedule', scheduleExpression: 'cron(0 3 * * ? *)', functionLogicalId: [...model.functions.keys()][0], enabled: true },
    ]);
  });
});

describe('IntrinsicResolver', () => {
  const exporter: SynthesisedStack = {
    stackName: 'A',
    template: {
      Resources: { Table: { Type: 'AWS::DynamoDB::GlobalTable' } },
      Outputs: { Out: { Value: { Ref: 'Table' }, Export: { Name: 'A:TableName' } } },
    },
  };
  const importer: SynthesisedStack = {
    stackName: 'B',
    template: {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function' },
        Api: { Type: 'AWS::ApiGatewayV2::Api' },
        Role: { Type: 'AWS::IAM::Role' },
        Bucket: { Type: 'AWS::S3::Bucket' },
      },
    },
  };
  const resolver = new IntrinsicResolver([exporter, importer], { apiEndpoint: BASE_URL });
  const resolve = (value: unknown) => resolver.resolve(importer, value);

  it('resolves imports, joins, subs and pseudo parameters to local values', () => {
    expect(resolve({ 'Fn::ImportValue': 'A:TableName' })).toBe('Table');
    expect(resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('arn:aws:lambda:eu-north-1:000000000000:function:Fn');
    expect(resolve({ 'Fn::GetAtt': ['Api', 'ApiEndpoint'] })).toBe(BASE_URL);
    expect(resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }]] })).toBe(
      'arn:aws:eu-north-1:000000000000',
    );
    expect(resolve({ 'Fn::Sub': '${Fn.Arn}/${AWS::Region}' })).toBe('arn:aws:lambda:eu-north-1:000000000000:function:Fn/eu-north-1');
    expect(resolve({ 'Fn::Sub': ['${Fn}-${X}', { X: 'x' }] })).toBe('Fn-x');
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(resolve({ a: { Ref: 'AWS::NoValue' }, b: 1 })).toEqual({ b: 1 });
  });

  it('fails loudly on what it cannot resolve', () => {
    expect(() => resolve({ 'Fn::GetAtt': ['Bucket', 'Arn'] })).toThrow(/Bucket\.Arn/);
    expect(() => resolve({ Ref: 'Missing' })).toThrow(/Missing/);
    expect(() => resolve({ 'Fn::Sub': '${Missing}' })).toThrow(/Missing/);
    expect(() => resolve({ 'Fn::ImportValue': 'nope' })).toThrow(/nope/);
    expect(() => resolve({ 'Fn::If': ['C', 1, 2] })).toThrow(/Fn::If/);
  });
});

describe('one synthesis shared between processes', () => {
  it('synthesises once per context into the shared directory, and reads it from there after', () => {
    // Prepare: two sources of the same app, as two processes would each have (no in-process cache between them)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'runner-shared-'));
    let builds = 0;
    const counted = (): CdkAppSource => ({ ...fixtureApp, createApp: (props) => (builds++, fixtureApp.createApp(props)) });
    const before = process.env[SHARED_SYNTH_DIR_ENV];
    process.env[SHARED_SYNTH_DIR_ENV] = dir;
    try {
      // Act
      const first = synthesiseStacks(counted(), { purpose: 'shared-test' });
      const second = synthesiseStacks(counted(), { purpose: 'shared-test' });
      const other = synthesiseStacks(counted(), { purpose: 'another-context' });
      // Assess
      expect(builds).toBe(2);
      expect(second).toEqual(first);
      expect(other.map((s) => s.stackName)).toEqual(first.map((s) => s.stackName));
      expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    } finally {
      if (before === undefined) delete process.env[SHARED_SYNTH_DIR_ENV];
      else process.env[SHARED_SYNTH_DIR_ENV] = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
