import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TimeOverrides } from './asl-local-definition.js';
import { synthesiseLocalModel, type CdkAppSource, type LocalModel, type LocalStateMachine } from './cloud-assembly.js';
import { startHttpGateway } from './http-gateway.js';
import { DEFAULT_HOST } from './http-util.js';
import { applyEnvironment, composeEnvironment } from './lambda-environment.js';
import { LambdaRuntime } from './lambda-runtime.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';
import { startLocalDynamoDb } from './local-dynamodb.js';
import { startLocalMail, type Email, type MailFaultKind } from './local-mail.js';
import { LocalStepFunctions, type Execution } from './local-step-functions.js';
import { startLocalSns, type PublishedMessage } from './local-sns.js';
import { LOCAL_SYSTEM_FILE, type ScheduleRun } from './join.js';
import { isPortFree } from './port-utils.js';
import { startRunnerControl } from './runner-control.js';
import { findSchedule, scheduledEvent, scheduleNames } from './schedules.js';
import { startSfnEndpoint } from './sfn-endpoint.js';

/**
 * The whole system in one process, derived from the synthesised CDK app: DynamoDB (dynalite),
 * SES (aws-ses-v2-local), Step Functions (aws-local-stepfunctions + our registry/tokens/API),
 * and the HTTP API calling the real handlers in process.
 *
 * One running system per process: handlers share `process.env`, the mail store is a module
 * global, and imported handler modules are cached. Port 0 picks a free port; a later system in
 * the same process reuses the previous one's ports when they are free, so cached handler modules
 * (and SDK clients they built at import time) keep pointing at the right endpoints.
 */
export interface LocalSystemOptions {
  /** The CDK app to run. */
  app: CdkAppSource;
  /** The app's own start-up steps. */
  hooks?: LocalSystemHooks;
  /** Gateway port (default 3000); 0 = a free port. */
  port?: number;
  dynamodbPort?: number;
  mailPort?: number;
  sfnPort?: number;
  /** The runner's control endpoint (schedules); default 0, a free port: CLIs find it in local-system.json. */
  controlPort?: number;
  /** Where DynamoDB data, the mailbox and local-system.json live (default '.local'). */
  dataDir?: string;
  /** Environment for the handlers, over the template's and the local endpoints. */
  env?: Record<string, string>;
  timeOverrides?: TimeOverrides;
  /** No per-request log lines and no start-up notices. */
  quiet?: boolean;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** CDK context over cdk.json's, e.g. `{ stage: 'dev' }`. */
  cdkContext?: Record<string, unknown>;
}

/**
 * Where an app plugs in what only it knows (seed data, workflows to resume after a restart, how it
 * names executions). The runner itself knows nothing of the app beyond its template.
 */
export interface LocalSystemHooks {
  /**
   * After every service runs and the handlers are loaded (with the handlers' environment set),
   * before the gateway serves requests and before CLIs can join. A throw stops the start.
   */
  afterStart?(ctx: LocalSystemContext): Promise<void> | void;
  /** Names an execution started without a name through `ctx.startExecution` (default: a UUID). */
  executionName?(stateMachine: LocalStateMachine, input: unknown): string | undefined;
}

export interface LocalSystemContext {
  model: LocalModel;
  /** The environment the handlers run with (template, local endpoints, overrides); also in process.env. */
  env: Record<string, string>;
  /** The template's table names (locally, a table is named by its logical id). */
  tableNames: string[];
  /** The client is destroyed when afterStart returns; build your own (from `endpoint` or `env`) for later. */
  dynamodb: { endpoint: string; documentClient: DynamoDBDocumentClient };
  /**
   * Starts an execution of a state machine given by logical id, construct id (`LifecycleStateMachine`)
   * or ARN; `name` defaults to the `executionName` hook's, else a UUID.
   */
  startExecution(stateMachine: string, input: unknown, name?: string): { executionArn: string };
  invoke(functionLogicalId: string, event: unknown): Promise<unknown>;
  /** A start-up notice (silent when `quiet`). */
  notice(line: string): void;
}

export interface LocalSystem {
  urls: { app: string; mail: string; dynamodb: string; stepFunctions: string; runner: string };
  stepFunctions: LocalStepFunctions;
  mail: { list(): Promise<Email[]>; clear(): Promise<void>; failNextSends(count: number, kind?: MailFaultKind): void; bounce(addresses: string[]): void };
  /** Messages published to SNS topics (the operator's alerts). */
  alerts: PublishedMessage[];
  /** What was derived from the CDK app (tables, functions, routes, state machines, schedules). */
  model: LocalModel;
  /** The environment the handlers run with. */
  env: Record<string, string>;
  /** Invokes a function directly, by logical id or ARN. */
  invoke(functionLogicalId: string, event: unknown): Promise<unknown>;
  /**
   * Runs a schedule of the template by name (see schedules.ts), its target seeing `now` as the
   * event's time (default: the present); resolves when the target has finished.
   */
  runSchedule(name: string, options?: { now?: Date }): Promise<ScheduleRun>;
  stop(): Promise<void>;
}

type Role = 'app' | 'dynamodb' | 'mail' | 'sfn' | 'sns' | 'control';
const previousPorts: Partial<Record<Role, number>> = {};
let running = false;
let handlerEnvironment: Record<string, string> | undefined;

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  if (running) throw new Error('A local system is already running in this process; stop it first');
  running = true;
  const host = options.host ?? DEFAULT_HOST;
  const notice = (line: string) => options.quiet || console.log(line);
  const cleanups: Array<() => Promise<void> | void> = [];
  let stopGateway: (() => Promise<void>) | undefined;
  const stop = async () => {
    const gatewayStop = stopGateway;
    stopGateway = undefined;
    await gatewayStop?.(); // first: no new requests while the rest winds down
    for (const cleanup of cleanups.reverse().splice(0)) await cleanup();
    running = false;
  };

  try {
    // The gateway listens first: its port is part of PUBLIC_BASE_URL, which synthesis needs.
    const gateway = await startHttpGateway({ port: await choosePort('app', options.port ?? 3000, host), host, quiet: options.quiet });
    stopGateway = () => gateway.stop();
    remember('app', options.port, gateway.port);
    const publicBaseUrl = `http://localhost:${gateway.port}`;

    const model = synthesiseLocalModel({ app: options.app, publicBaseUrl, contextOverrides: options.cdkContext });

    const dataDir = path.resolve(options.dataDir ?? '.local');
    const dynamodb = await startLocalDynamoDb({
      port: await choosePort('dynamodb', options.dynamodbPort ?? 8000, host),
      host,
      path: path.join(dataDir, 'dynamodb'),
    });
    cleanups.push(() => dynamodb.stop());
    remember('dynamodb', options.dynamodbPort, dynamodb.port);
    await dynamodb.ensureTables(model.tables);

    const loaded: { runtime?: LambdaRuntime } = {}; // handlers load after the services they need
    const invoke = (name: string, event: unknown) => {
      if (!loaded.runtime) throw new Error('Handlers are not loaded yet');
      return loaded.runtime.invoke(name, event);
    };
    // EventBridge, locally: an event goes to each matching rule's function, asynchronously.
    const deliverEvent = (rule: { logicalId: string; functionLogicalId: string }, event: unknown) => {
      Promise.resolve()
        .then(() => invoke(rule.functionLogicalId, event))
        .catch((err: unknown) => console.error(`Rule ${rule.logicalId} → ${rule.functionLogicalId} failed:`, err));
    };

    const mail = await startLocalMail({
      port: await choosePort('mail', options.mailPort ?? 8005, host),
      host,
      storeFile: path.join(dataDir, 'mail.json'),
      // The configuration set's event destination and the SES-event rules of the CDK app.
      onMailEvent: (event) => {
        for (const rule of model.mailEventRules) if (rule.detailTypes.includes(event['detail-type'])) deliverEvent(rule, event);
      },
    });
    cleanups.push(() => mail.stop());
    remember('mail', options.mailPort, mail.port);

    // SNS has no fixed port of its own (nothing outside the handlers talks to it); a later system
    // in this process reuses it, as SDK clients cache their endpoint.
    const sns = await startLocalSns({
      topics: model.topics,
      host,
      port: await choosePort('sns', 0, host),
      deliverEmail: (to, subject, text) => mail.deliverDirect(to, 'no-reply@sns.amazonaws.com', subject, text),
    });
    cleanups.push(() => sns.stop());
    remember('sns', 0, sns.port);
    const stepFunctions = new LocalStepFunctions({
      stateMachines: [...model.stateMachines.values()],
      invokeFunction: invoke,
      timeOverrides: options.timeOverrides,
      // EventBridge's "Step Functions Execution Status Change" rules of the CDK app, delivered locally.
      onExecutionEnd: (execution) => {
        for (const rule of model.executionEndRules) {
          if (!rule.statuses.includes(execution.status)) continue;
          if (rule.stateMachineArns.length > 0 && !rule.stateMachineArns.includes(execution.stateMachineArn)) continue;
          deliverEvent(rule, executionStatusChangeEvent(execution));
        }
      },
    });
    const sfnEndpoint = await startSfnEndpoint(stepFunctions, { port: await choosePort('sfn', options.sfnPort ?? 8083, host), host });
    cleanups.push(() => sfnEndpoint.stop());
    remember('sfn', options.sfnPort, sfnEndpoint.port);

    const env = composeEnvironment(
      model.functions.values(),
      {
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
        AWS_ENDPOINT_URL_SES: mail.endpoint,
        AWS_ENDPOINT_URL_SESV2: mail.endpoint,
        AWS_ENDPOINT_URL_SFN: sfnEndpoint.endpoint,
        AWS_ENDPOINT_URL_SNS: sns.endpoint,
        PUBLIC_BASE_URL: publicBaseUrl,
        // EMF metric lines are for CloudWatch; locally they would only bury the log.
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
      options.env,
    );
    warnIfHandlersSawOtherEndpoints(env);
    cleanups.push(applyEnvironment(env));
    // Before the environment is restored and the services stop: running handlers may still need them.
    cleanups.push(() => stepFunctions.close());

    loaded.runtime = await LambdaRuntime.load(model.functions.values(), options.app.projectRoot);

    // Schedules run on request only (schedules.ts), synchronously, so the caller sees the result.
    const runSchedule = async (name: string, { now = new Date() }: { now?: Date } = {}): Promise<ScheduleRun> => {
      const schedule = findSchedule(model.schedules, name);
      const event = scheduledEvent(schedule, now);
      const result = await invoke(schedule.functionLogicalId, event);
      return { schedule: schedule.name, functionLogicalId: schedule.functionLogicalId, time: now.toISOString(), result: result ?? null };
    };
    const control = await startRunnerControl(
      {
        schedules: () => model.schedules.map((s) => ({ name: s.name, names: scheduleNames(s), scheduleExpression: s.scheduleExpression, functionLogicalId: s.functionLogicalId, enabled: s.enabled })),
        runSchedule: (name, now) => runSchedule(name, { now }),
      },
      { port: await choosePort('control', options.controlPort ?? 0, host), host },
    );
    cleanups.push(() => control.stop());
    remember('control', options.controlPort ?? 0, control.port);

    if (options.hooks?.afterStart) {
      const documentClient = DynamoDBDocumentClient.from(
        new DynamoDBClient({ endpoint: dynamodb.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
        { marshallOptions: { removeUndefinedValues: true } },
      );
      try {
        await options.hooks.afterStart({
          model,
          env,
          tableNames: model.tables.map((t) => t.TableName!),
          dynamodb: { endpoint: dynamodb.endpoint, documentClient },
          startExecution: (stateMachine, input, name) => {
            const machine = findStateMachine(model, stateMachine);
            const executionName = name ?? options.hooks?.executionName?.(machine, input);
            return stepFunctions.startExecution({ stateMachineArn: machine.arn, name: executionName, input: JSON.stringify(input) });
          },
          invoke,
          notice,
        });
      } finally {
        documentClient.destroy();
      }
    }

    const urls = { app: publicBaseUrl, mail: `http://localhost:${mail.port}`, dynamodb: dynamodb.endpoint, stepFunctions: sfnEndpoint.endpoint, runner: control.endpoint };
    // CLIs join the running system through this file (join.ts).
    const systemFile = path.join(dataDir, LOCAL_SYSTEM_FILE);
    writeFileSync(systemFile, JSON.stringify({ pid: process.pid, urls, environment: env }, null, 2));
    cleanups.push(() => rmSync(systemFile, { force: true }));

    gateway.setApp(model.routes, invoke);
    return {
      urls,
      stepFunctions,
      mail: { list: () => mail.list(), clear: () => mail.clear(), failNextSends: (n, kind) => mail.failNextSends(n, kind), bounce: (a) => mail.bounce(a) },
      alerts: sns.published,
      model,
      env,
      invoke,
      runSchedule,
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}

/** A state machine by logical id, construct id or ARN. */
function findStateMachine(model: LocalModel, nameOrArn: string): LocalStateMachine {
  const machines = [...model.stateMachines.values()];
  const found = machines.find((m) => m.logicalId === nameOrArn || m.name === nameOrArn || m.arn === nameOrArn);
  if (!found) throw new Error(`No state machine '${nameOrArn}'. Known: ${machines.map((m) => m.name).join(', ') || '(none)'}`);
  return found;
}

/** The EventBridge event AWS sends when an execution's status changes. */
function executionStatusChangeEvent(execution: Execution) {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: '000000000000',
    time: (execution.stopDate ?? new Date()).toISOString(),
    region: LOCAL_REGION,
    resources: [execution.executionArn],
    detail: {
      executionArn: execution.executionArn,
      stateMachineArn: execution.stateMachineArn,
      name: execution.name,
      status: execution.status,
      startDate: execution.startDate.getTime(),
      stopDate: execution.stopDate?.getTime() ?? null,
      input: execution.input,
      output: execution.output ?? null,
      error: execution.error ?? null,
      cause: execution.cause ?? null,
    },
  };
}

/** Port 0: the port a previous system in this process used, if free, else any free port. */
async function choosePort(role: Role, requested: number, host: string): Promise<number> {
  if (requested !== 0) return requested;
  const previous = previousPorts[role];
  return previous !== undefined && (await isPortFree(previous, host)) ? previous : 0;
}

function remember(role: Role, requested: number | undefined, actual: number) {
  if (requested === 0) previousPorts[role] = actual;
}

/** Handler modules are imported once per process; endpoints they saw at import time may be stale. */
function warnIfHandlersSawOtherEndpoints(env: Record<string, string>) {
  const keys = ['PUBLIC_BASE_URL', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SESV2', 'AWS_ENDPOINT_URL_SFN', 'AWS_ENDPOINT_URL_SNS'];
  const changed = keys.filter((k) => handlerEnvironment && handlerEnvironment[k] !== env[k]);
  if (changed.length) {
    console.warn(`Handlers were loaded earlier in this process with other ${changed.join(', ')}; clients built at import time still use the old values.`);
  }
  handlerEnvironment ??= env;
}
