import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isClosed, LOCAL_CREDENTIALS, LOCAL_REGION, type Email, type Execution, type LocalSystem } from 'cdk-local-runner';
import { startQmLocalSystem, type QmLocalSystemOptions } from '../../infra/local/qm-local.js';

/**
 * The whole local system for a test: free ports, a fresh data directory (removed on stop unless
 * `keepData`), quiet. One per test file (see the runner's local-system.ts: one system per process); start it
 * in `beforeAll` and stop it in `afterAll`.
 */
export interface TestSystemOptions extends QmLocalSystemOptions {
  keepData?: boolean;
}

export interface TestSystem extends LocalSystem {
  baseUrl: string;
  dataDir: string;
  /** The application table (TABLE_NAME). */
  tableName: string;
  /** lib-dynamodb client on the local DynamoDB. */
  documentClient: DynamoDBDocumentClient;
  /** fetch against the local HTTP API; `path` starts with '/'. */
  fetchApp(path: string, init?: RequestInit): Promise<Response>;
  mails(): Promise<Email[]>;
  /** Polls the mailbox until an email matches. */
  waitForMail(predicate: (email: Email) => boolean, timeoutMs?: number): Promise<Email>;
  /** Polls until `condition` holds: a positive signal to wait for, never a fixed pause. Throws naming `what`. */
  waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs?: number): Promise<void>;
  /**
   * Waits until the workflows are quiet: every running execution waits for a callback or a timer
   * (`parked` decides, per execution, that it waits where it should) and no function runs for one.
   * From then on nothing happens until a callback, a timer or a new request.
   */
  waitUntilQuiet(parked?: (execution: Execution) => boolean, timeoutMs?: number): Promise<void>;
  /** Waits until the execution (by name or ARN) exists and `predicate` holds; default: it has ended. */
  waitForExecution(nameOrArn: string, predicate?: (execution: Execution) => boolean, timeoutMs?: number): Promise<Execution>;
}

async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startTestSystem(overrides: TestSystemOptions = {}): Promise<TestSystem> {
  const { keepData, ...options } = overrides;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'qm-test-system-'));
  let system: LocalSystem;
  try {
    system = await startQmLocalSystem({ port: 0, dynamodbPort: 0, mailPort: 0, sfnPort: 0, quiet: true, ...options, dataDir });
  } catch (err) {
    if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const documentClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: system.urls.dynamodb, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const baseUrl = system.urls.app;

  return {
    ...system,
    baseUrl,
    dataDir,
    tableName: system.env.TABLE_NAME ?? '',
    documentClient,
    fetchApp: (p, init) => fetch(baseUrl + p, { redirect: 'manual', ...init }),
    mails: () => system.mail.list(),
    async waitForMail(predicate, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (await system.mail.list()).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) {
          const subjects = (await system.mail.list()).map((m) => `${m.destination.to.join(',')}: ${m.subject}`);
          throw new Error(`No matching email within ${timeoutMs} ms. Mailbox:\n  ${subjects.join('\n  ') || '(empty)'}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    waitUntil,
    waitUntilQuiet: (parked = (e) => system.stepFunctions.pendingTasks(e.executionArn).length > 0, timeoutMs = 30_000) =>
      waitUntil(
        () => system.stepFunctions.handlersInFlight() === 0 && system.stepFunctions.listExecutions({ statusFilter: 'RUNNING' }).every(parked),
        'every running workflow parked with no function running',
        timeoutMs,
      ),
    waitForExecution: (nameOrArn, predicate = isClosed, timeoutMs = 30_000) => system.stepFunctions.waitForExecution(nameOrArn, predicate, timeoutMs),
    async stop() {
      documentClient.destroy();
      await system.stop();
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
