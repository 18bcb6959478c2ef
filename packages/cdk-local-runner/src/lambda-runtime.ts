import type { Context } from 'aws-lambda';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalFunction } from './cloud-assembly.js';
import { functionNameFromArn, lambdaArn } from './local-aws.js';

/**
 * Runs the functions' handlers in this process: imports each `entry` (tsx is the loader under
 * `npm start`, vitest transforms TypeScript in tests) and calls `handler(event, context)`.
 * Events and results go through JSON like a real invocation, so a handler cannot depend on
 * objects shared with its caller. Not emulated: the function timeout (getRemainingTimeInMillis
 * counts down, nothing is killed), memory limits, cold starts and per-function isolation.
 *
 * Set `process.env` (lambda-environment.ts) before `load`: handlers may read it at import time.
 */
type Handler = (event: unknown, context: Context, callback?: (err: unknown, result?: unknown) => void) => unknown;

export class LambdaRuntime {
  private constructor(private readonly handlers: Map<string, { fn: LocalFunction; handler: Handler }>) {}

  /**
   * Imports every handler now, so a broken one fails at start-up rather than on first use. Entries
   * are relative to `root` (the app's project root).
   */
  static async load(functions: Iterable<LocalFunction>, root: string): Promise<LambdaRuntime> {
    const handlers = new Map<string, { fn: LocalFunction; handler: Handler }>();
    for (const fn of functions) {
      const mod = (await import(pathToFileURL(path.resolve(root, fn.entry)).href)) as { handler?: unknown };
      if (typeof mod.handler !== 'function') throw new Error(`${fn.entry} (${fn.logicalId}) does not export a function 'handler'`);
      handlers.set(fn.logicalId, { fn, handler: mod.handler as Handler });
    }
    return new LambdaRuntime(handlers);
  }

  has(nameOrArn: string): boolean {
    return this.handlers.has(functionNameFromArn(nameOrArn));
  }

  /** Invokes by name or ARN. A thrown error propagates unchanged (its `name` is what Step Functions matches). */
  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const name = functionNameFromArn(nameOrArn);
    const entry = this.handlers.get(name);
    if (!entry) throw Object.assign(new Error(`Function not found: ${nameOrArn}`), { name: 'ResourceNotFoundException' });
    const { fn, handler } = entry;
    const context = lambdaContext(fn);
    const input = roundTrip(event);
    const result =
      handler.length >= 3
        ? await new Promise((resolve, reject) => {
            const maybe = handler(input, context, (err, value) => (err ? reject(err) : resolve(value)));
            if (maybe && typeof (maybe as Promise<unknown>).then === 'function') (maybe as Promise<unknown>).then(resolve, reject);
          })
        : await handler(input, context);
    return roundTrip(result);
  }
}

function roundTrip(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function lambdaContext(fn: LocalFunction): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  const noop = () => undefined;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.logicalId,
    functionVersion: '$LATEST',
    invokedFunctionArn: lambdaArn(fn.logicalId),
    memoryLimitInMB: String(fn.memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.logicalId}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: noop,
    fail: noop,
    succeed: noop,
  };
}
