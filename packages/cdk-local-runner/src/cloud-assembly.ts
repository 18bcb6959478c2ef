import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App, AppProps } from 'aws-cdk-lib';
import {
  IntrinsicResolver,
  TABLE_TYPES,
  type CfnResource,
  type SynthesisedStack,
} from './cfn-intrinsics.js';
import { functionNameFromArn, stateMachineArn, topicArn } from './local-aws.js';
import { constructName } from './schedules.js';

/**
 * Synthesises the real CDK app in process and reduces it to what the local runner needs. The
 * local system never keeps its own list of tables, functions, routes or workflows: it reads them
 * here, so whatever the CDK app defines is what runs locally.
 */
export interface LocalFunction {
  logicalId: string;
  /** Source file relative to the project root (the resource metadata named by `entryMetadataKey`). */
  entry: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySize: number;
}

export interface LocalRoute {
  /** e.g. `GET /status/{token}` or `$default`. */
  routeKey: string;
  functionLogicalId: string;
}

export interface LocalStateMachine {
  logicalId: string;
  /** The construct id (the logical id without CDK's hash), e.g. `LifecycleStateMachine`. */
  name: string;
  arn: string;
  /** Parsed Amazon States Language definition, every intrinsic resolved. */
  definition: Record<string, unknown>;
}

export interface LocalSchedule {
  logicalId: string;
  /** The construct id (the logical id without CDK's hash), e.g. `RenewalSweepSchedule`. */
  name: string;
  scheduleExpression: string;
  functionLogicalId: string;
  /** Constant input of the target, if the rule sets one. */
  input?: unknown;
  enabled: boolean;
}

/** An EventBridge rule on Step Functions execution status changes, with a function target. */
export interface LocalExecutionEndRule {
  logicalId: string;
  functionLogicalId: string;
  statuses: string[];
  /** Empty: any state machine. */
  stateMachineArns: string[];
}

/** An EventBridge rule on SES events (source aws.ses) with a function target. */
export interface LocalMailEventRule {
  logicalId: string;
  functionLogicalId: string;
  detailTypes: string[];
}

export interface LocalTopic {
  logicalId: string;
  arn: string;
  emailSubscribers: string[];
}

export interface LocalModel {
  tables: CreateTableCommandInput[];
  functions: Map<string, LocalFunction>;
  routes: LocalRoute[];
  stateMachines: Map<string, LocalStateMachine>;
  schedules: LocalSchedule[];
  executionEndRules: LocalExecutionEndRule[];
  mailEventRules: LocalMailEventRule[];
  topics: LocalTopic[];
}

/**
 * The CDK app to run, as the app hands it to the runner. The runner knows nothing else about it:
 * everything it starts comes from the templates this app synthesises.
 */
export interface CdkAppSource {
  /** Builds the app (unsynthesised) with the props the runner chooses: outdir, context. */
  createApp(props: AppProps): App;
  /** Where cdk.json (and cdk.context.json) live, and what function entries are relative to. */
  projectRoot: string;
  /**
   * The resource metadata key that names a Lambda function's handler source (a .ts/.js file with
   * an exported `handler`), relative to `projectRoot`. Functions without it (CDK's own helpers)
   * do not run locally. Default `local:entry`.
   */
  entryMetadataKey?: string;
}

export const DEFAULT_ENTRY_METADATA_KEY = 'local:entry';

export interface CloudAssemblyOptions {
  app: CdkAppSource;
  /** What `Fn::GetAtt HttpApi.ApiEndpoint` becomes: the local gateway's base URL. */
  publicBaseUrl: string;
  /** CDK context on top of cdk.json's (e.g. `{ stage: 'local' }`). */
  contextOverrides?: Record<string, unknown>;
  /** Where the temporary cloud assembly goes (default: the OS temp dir). */
  tmpDir?: string;
}

export function synthesiseLocalModel(options: CloudAssemblyOptions): LocalModel {
  const stacks = synthesiseStacks(options.app, options.contextOverrides, options.tmpDir);
  return modelFromStacks(stacks, options.publicBaseUrl, options.app.entryMetadataKey);
}

/**
 * The stacks synthesised in this process, by app and context. The app's code cannot change within
 * a process, so a restarted local system (or a second one in the same test process) reuses them.
 */
const synthesised = new WeakMap<CdkAppSource['createApp'], Map<string, SynthesisedStack[]>>();

/**
 * Runs `createApp(...).synth()` into a temporary directory that is removed afterwards; once per
 * app, context and process. Callers get their own copy of the templates.
 */
export function synthesiseStacks(app: CdkAppSource, contextOverrides: Record<string, unknown> = {}, tmpDir = os.tmpdir()): SynthesisedStack[] {
  const byContext = synthesised.get(app.createApp) ?? new Map<string, SynthesisedStack[]>();
  synthesised.set(app.createApp, byContext);
  const key = JSON.stringify(contextOverrides);
  let stacks = byContext.get(key);
  if (!stacks) {
    stacks = sharedSynthesis(app, contextOverrides) ?? synthesiseUncached(app, contextOverrides, tmpDir);
    byContext.set(key, stacks);
  }
  return structuredClone(stacks);
}

/**
 * The environment variable naming a directory where processes that run the same app share its
 * templates, e.g. a test run's worker processes (each starting its own local system): the first to
 * need a context synthesises it and leaves the templates there, the others read them. Whoever sets
 * it promises that the app's code does not change while the directory is in use (one test run).
 */
export const SHARED_SYNTH_DIR_ENV = 'CDK_LOCAL_RUNNER_SYNTH_DIR';

function sharedSynthesis(app: CdkAppSource, contextOverrides: Record<string, unknown>): SynthesisedStack[] | undefined {
  const dir = process.env[SHARED_SYNTH_DIR_ENV];
  if (!dir) return undefined;
  const name = createHash('sha256').update(JSON.stringify([app.projectRoot, contextOverrides])).digest('hex').slice(0, 32);
  const file = path.join(dir, `${name}.json`);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SynthesisedStack[];
  const stacks = synthesiseUncached(app, contextOverrides, dir);
  // Whole or not at all: another process may be reading, or writing the same templates.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(stacks));
  renameSync(temporary, file);
  return stacks;
}

function synthesiseUncached(source: CdkAppSource, contextOverrides: Record<string, unknown>, tmpDir: string): SynthesisedStack[] {
  const outdir = mkdtempSync(path.join(tmpDir, 'local-synth-'));
  try {
    const app = source.createApp({
      outdir,
      // CloudFormation's template validation only warns by default and costs seconds of CPU; the
      // local runner needs the templates, `cdk synth` validates them.
      builtinCloudFormationValidation: false,
      // `new App()` does not read cdk.json (the CLI does): merge its context so feature flags and
      // the stage match `cdk synth`. Bundling is skipped: the local runner imports sources.
      context: { ...cdkJsonContext(source.projectRoot), 'aws:cdk:bundling-stacks': [], ...contextOverrides },
    });
    return app.synth().stacks.map((s) => ({ stackName: s.stackName, template: s.template }));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function cdkJsonContext(projectRoot: string): Record<string, unknown> {
  const read = (file: string, key?: string) => {
    const p = path.join(projectRoot, file);
    if (!existsSync(p)) return {};
    const json = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
    return (key ? json[key] : json) as Record<string, unknown> | undefined;
  };
  return { ...read('cdk.context.json'), ...read('cdk.json', 'context') };
}

export function modelFromStacks(stacks: SynthesisedStack[], publicBaseUrl: string, entryMetadataKey = DEFAULT_ENTRY_METADATA_KEY): LocalModel {
  const resolver = new IntrinsicResolver(stacks, { apiEndpoint: publicBaseUrl });
  const all = stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {}).map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
  const ofType = (...types: string[]) => all.filter((r) => types.includes(r.resource.Type));
  const byId = new Map(all.map((r) => [r.logicalId, r]));
  if (byId.size !== all.length) throw new Error('Two stacks use the same logical id; local names would clash');
  const props = (r: { stack: SynthesisedStack; resource: CfnResource }) =>
    resolver.resolve(r.stack, r.resource.Properties ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  const tables = ofType(...TABLE_TYPES).map((r): CreateTableCommandInput => {
    const p = props(r);
    const index = (i: Record<string, unknown>) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection });
    return {
      TableName: r.logicalId,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      BillingMode: 'PAY_PER_REQUEST',
      ...(p.GlobalSecondaryIndexes?.length ? { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map(index) } : {}),
      ...(p.LocalSecondaryIndexes?.length ? { LocalSecondaryIndexes: p.LocalSecondaryIndexes.map(index) } : {}),
    };
  });

  // Only functions with an entry are application code; CDK's own helper functions are skipped.
  const functions = new Map<string, LocalFunction>();
  for (const r of ofType('AWS::Lambda::Function')) {
    const entry = r.resource.Metadata?.[entryMetadataKey];
    if (typeof entry !== 'string') continue;
    const variables = (r.resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const environment = Object.fromEntries(
      Object.entries(variables).map(([k, v]) => [k, resolver.resolveString(r.stack, v, `${r.logicalId} environment ${k}`)]),
    );
    const timeout = r.resource.Properties?.Timeout;
    const memory = r.resource.Properties?.MemorySize;
    functions.set(r.logicalId, {
      logicalId: r.logicalId,
      entry,
      environment,
      timeoutSeconds: typeof timeout === 'number' ? timeout : 3,
      memorySize: typeof memory === 'number' ? memory : 128,
    });
  }
  const knownFunction = (arn: string, where: string) => {
    const logicalId = functionNameFromArn(arn);
    if (!functions.has(logicalId)) throw new Error(`${where} targets ${arn}, which is not a function with '${entryMetadataKey}' metadata`);
    return logicalId;
  };

  const routes = ofType('AWS::ApiGatewayV2::Route').map((r): LocalRoute => {
    const p = props(r);
    const integrationId = /^integrations\/(.+)$/.exec(String(p.Target))?.[1];
    const integration = integrationId ? byId.get(integrationId) : undefined;
    if (!integration) throw new Error(`Route ${p.RouteKey}: target ${p.Target} is not an integration`);
    const i = props(integration);
    if (i.IntegrationType !== 'AWS_PROXY' || i.PayloadFormatVersion !== '2.0') {
      throw new Error(`Route ${p.RouteKey}: only Lambda proxy integrations with payload 2.0 run locally`);
    }
    // IntegrationUri is the function ARN (HTTP API) or an apigateway …/functions/<arn>/invocations URI.
    const uri = String(i.IntegrationUri);
    const arn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1] ?? uri;
    return { routeKey: String(p.RouteKey), functionLogicalId: knownFunction(arn, `Route ${p.RouteKey}`) };
  });

  const stateMachines = new Map<string, LocalStateMachine>();
  for (const r of ofType('AWS::StepFunctions::StateMachine')) {
    // Only the definition runs locally (logging, tracing and the role do not).
    const { DefinitionString, Definition, DefinitionSubstitutions } = r.resource.Properties ?? {};
    const p = resolver.resolve(r.stack, { DefinitionString, Definition, DefinitionSubstitutions }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    let definition: Record<string, unknown> =
      typeof p.DefinitionString === 'string' ? JSON.parse(substitute(p.DefinitionString, p.DefinitionSubstitutions)) : p.Definition;
    if (!definition) throw new Error(`${r.logicalId}: state machines from S3 (DefinitionS3Location) do not run locally`);
    definition = structuredClone(definition);
    stateMachines.set(r.logicalId, { logicalId: r.logicalId, name: constructName(r.logicalId), arn: stateMachineArn(r.logicalId), definition });
  }

  const schedules: LocalSchedule[] = [];
  for (const r of ofType('AWS::Events::Rule', 'AWS::Scheduler::Schedule')) {
    const p = props(r);
    if (!p.ScheduleExpression) continue; // event-pattern rules are not schedules
    const targets: Array<{ Arn: string; Input?: string }> = r.resource.Type === 'AWS::Events::Rule' ? (p.Targets ?? []) : [p.Target];
    for (const target of targets) {
      schedules.push({
        logicalId: r.logicalId,
        name: constructName(r.logicalId),
        scheduleExpression: String(p.ScheduleExpression),
        functionLogicalId: knownFunction(target.Arn, `Schedule ${r.logicalId}`),
        ...(target.Input !== undefined ? { input: JSON.parse(target.Input) } : {}),
        enabled: (p.State ?? 'ENABLED') === 'ENABLED',
      });
    }
  }

  const executionEndRules: LocalExecutionEndRule[] = [];
  for (const r of ofType('AWS::Events::Rule')) {
    const p = props(r);
    const pattern = p.EventPattern as { source?: string[]; 'detail-type'?: string[]; detail?: { status?: string[]; stateMachineArn?: string[] } } | undefined;
    if (!pattern?.source?.includes('aws.states') || !pattern['detail-type']?.includes('Step Functions Execution Status Change')) continue;
    for (const target of (p.Targets ?? []) as Array<{ Arn: string }>) {
      executionEndRules.push({
        logicalId: r.logicalId,
        functionLogicalId: knownFunction(target.Arn, `Rule ${r.logicalId}`),
        statuses: pattern.detail?.status ?? ['FAILED', 'TIMED_OUT', 'ABORTED', 'SUCCEEDED'],
        stateMachineArns: pattern.detail?.stateMachineArn ?? [],
      });
    }
  }

  // SES bounce and complaint events (EventBridge rules on source aws.ses), raised locally by the
  // mail fault proxy's simulated bounces.
  const mailEventRules: LocalMailEventRule[] = [];
  for (const r of ofType('AWS::Events::Rule')) {
    const p = props(r);
    const pattern = p.EventPattern as { source?: string[]; 'detail-type'?: string[] } | undefined;
    if (!pattern?.source?.includes('aws.ses')) continue;
    for (const target of (p.Targets ?? []) as Array<{ Arn: string }>) {
      mailEventRules.push({ logicalId: r.logicalId, functionLogicalId: knownFunction(target.Arn, `Rule ${r.logicalId}`), detailTypes: pattern['detail-type'] ?? [] });
    }
  }

  // SNS topics and their email subscriptions: locally, a published message lands in the mailbox.
  const topics: LocalTopic[] = ofType('AWS::SNS::Topic').map((r) => ({ logicalId: r.logicalId, arn: topicArn(r.logicalId), emailSubscribers: [] }));
  for (const r of ofType('AWS::SNS::Subscription')) {
    const p = props(r);
    const topic = topics.find((t) => t.arn === p.TopicArn);
    if (topic && (p.Protocol === 'email' || p.Protocol === 'email-json')) topic.emailSubscribers.push(String(p.Endpoint));
  }

  return { tables, functions, routes, stateMachines, schedules, executionEndRules, mailEventRules, topics };
}

/** DefinitionSubstitutions: `${key}` placeholders in DefinitionString. */
function substitute(definition: string, substitutions: Record<string, unknown> | undefined): string {
  if (!substitutions) return definition;
  return definition.replace(/\$\{([^}]+)\}/g, (m, key: string) => (key in substitutions ? String(substitutions[key]) : m));
}
