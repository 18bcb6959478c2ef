import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDocumentClient } from '../../functions/adapters/aws-clients.js';
import { localSystemFileName } from '../../functions/cli/cli-environment.js';
import { resumeWaitingWorkflows } from './resume-workflows.js';
import type { TimeOverrides } from './asl-local-definition.js';
import { synthesiseLocalModel, type LocalModel } from './cloud-assembly.js';
import { startHttpGateway } from './http-gateway.js';
import { DEFAULT_HOST } from './http-util.js';
import { applyEnvironment, composeEnvironment } from './lambda-environment.js';
import { LambdaRuntime } from './lambda-runtime.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws.js';
import { startLocalDynamoDb } from './local-dynamodb.js';
import { startLocalMail, type Email, type MailFaultKind } from './local-mail.js';
import { LocalStepFunctions, type Execution } from './local-step-functions.js';
import { startLocalSns, type PublishedMessage } from './local-sns.js';
import { isPortFree } from './port-utils.js';
import { seedLocalDemoMembers } from './seed.js';
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
  /** Gateway port (default 3000); 0 = a free port. */
  port?: number;
  dynamodbPort?: number;
  mailPort?: number;
  sfnPort?: number;
  /** Where DynamoDB data persists (default QM_DATA_DIR or '.local'). */
  dataDir?: string;
  /** Environment for the handlers, over the template's and the local endpoints. */
  env?: Record<string, string>;
  timeOverrides?: TimeOverrides;
  /** No per-request log lines and no start-up notices. */
  quiet?: boolean;
  /** Seed demo members into an empty table (default true). */
  seed?: boolean;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** CDK context over cdk.json's, e.g. `{ stage: 'dev' }`. */
  cdkContext?: Record<string, unknown>;
}

export interface LocalSystem {
  urls: { app: string; mail: string; dynamodb: string; stepFunctions: string };
  stepFunctions: LocalStepFunctions;
  mail: { list(): Promise<Email[]>; clear(): Promise<void>; failNextSends(count: number, kind?: MailFaultKind): void; bounce(addresses: string[]): void };
  /** Messages published to SNS topics (the operator's alerts). */
  alerts: PublishedMessage[];
  /** What was derived from the CDK app (tables, functions, routes, state machines, schedules). */
  model: LocalModel;
  /** The environment the handlers run with. */
  env: Record<string, string>;
  /** Invokes a function directly (e.g. a scheduled job), by logical id or ARN. */
  invoke(functionLogicalId: string, event: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

type Role = 'app' | 'dynamodb' | 'mail' | 'sfn' | 'sns';
const previousPorts: Partial<Record<Role, number>> = {};
let running = false;
let handlerEnvironment: Record<string, string> | undefined;

export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
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

    const model = synthesiseLocalModel({ publicBaseUrl, contextOverrides: options.cdkContext });

    const dataDir = path.resolve(options.dataDir ?? process.env.QM_DATA_DIR ?? '.local');
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

    loaded.runtime = await LambdaRuntime.load(model.functions.values());

    if (options.seed !== false && env.TABLE_NAME) {
      const seeded = await seedLocalDemoMembers(env.TABLE_NAME);
      if (seeded > 0) notice(`Seeded ${seeded} demo members into the empty member register.`);
    }
    if (env.TABLE_NAME && env.STATE_MACHINE_ARN) {
      const stateMachineArn = env.STATE_MACHINE_ARN;
      const resumed = await resumeWaitingWorkflows(getDocumentClient(), env.TABLE_NAME, (applicationId) =>
        stepFunctions.startExecution({ stateMachineArn, name: applicationId, input: JSON.stringify({ applicationId }) }),
      );
      if (resumed > 0) notice(`Resumed the workflows of ${resumed} application(s) waiting for review.`);
    }

    const urls = { app: publicBaseUrl, mail: `http://localhost:${mail.port}`, dynamodb: dynamodb.endpoint, stepFunctions: sfnEndpoint.endpoint };
    // CLIs (npm run members, …) join the running system through this file (functions/cli/cli-environment.ts).
    const systemFile = path.join(dataDir, localSystemFileName);
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
      stop,
    };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
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
