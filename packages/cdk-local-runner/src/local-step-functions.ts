import './promise-with-resolvers.js'; // before the library: it needs Promise.withResolvers on Node 20
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from 'aws-local-stepfunctions';
import { randomUUID } from 'node:crypto';
import {
  LOCAL_WAIT_RESOURCE,
  MAX_TIMER_MS,
  localDefinition,
  unknownOverrideNames,
  type LocalDefinition,
  type LocalTaskInfo,
  type TimeOverrides,
} from './asl-local-definition.js';
import { executionArn as buildExecutionArn } from './local-aws.js';
import { SfnApiError, stateError } from './sfn-errors.js';
import { TaskTokens, type PendingTask } from './task-tokens.js';

/**
 * Step Functions for the local system: runs the synthesised definitions with
 * aws-local-stepfunctions and adds what it lacks: an execution registry with AWS's StartExecution
 * semantics, `.waitForTaskToken` with real task tokens, `$$.Execution`/`$$.StateMachine` context,
 * durations that do not overflow `setTimeout`, and time overrides for tests
 * (see asl-local-definition.ts). Executions live in memory and end with the process.
 *
 * Every Task runs a local function: `lambda:invoke` and `lambda:invoke.waitForTaskToken` call
 * `invokeFunction(FunctionName, Payload)`; a plain Lambda ARN resource calls it with the state
 * input. Other resources fail at start-up (the library would call real AWS).
 */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** JSON text, as in the API. */
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  /** The library's event log (StateEntered, StateExited, StateRetried, StateCaught, Execution*…). */
  history: HistoryEvent[];
}

export type HistoryEvent = { type: string; timestamp: number; state?: { name: string; type: string } } & Record<string, unknown>;

export interface LocalStepFunctionsOptions {
  stateMachines: Array<{ arn: string; definition: Record<string, unknown> }>;
  /** Runs a function by name or ARN with a JSON payload; a thrown error's `name` is the state error. */
  invokeFunction(functionName: string, payload: unknown): Promise<unknown>;
  timeOverrides?: TimeOverrides;
  /** Told when an execution ends (not when the local system itself stops it), like EventBridge. */
  onExecutionEnd?: (execution: Execution) => void;
}

interface Machine {
  arn: string;
  name: string;
  local: LocalDefinition;
  runner: StateMachine;
}

interface RunState {
  abort?: () => void;
  cancelled: boolean;
  inFlight: number;
  settled: Promise<void>;
  cancelWaits: Set<() => void>;
}

const TOKEN_PLACEHOLDER = 'LOCAL-TASK-TOKEN-PLACEHOLDER-7f3c1e';
const LAMBDA_INVOKE = /^arn:aws[a-z-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[^:]+:[^:]+:function:/;

export const isClosed = (e: Execution) => e.status !== 'RUNNING';
export const hasEnteredState = (stateName: string) => (e: Execution) =>
  e.history.some((ev) => ev.type === 'StateEntered' && ev.state?.name === stateName);

/** The error of executions ended because the local system stopped: no end event for those. */
const LOCAL_SYSTEM_STOPPED = 'LocalSystemStopped';

export class LocalStepFunctions {
  private readonly machines = new Map<string, Machine>();
  private readonly executions = new Map<string, Execution>();
  private readonly runs = new Map<string, RunState>();
  private readonly listeners = new Set<() => void>();
  private readonly tokens = new TaskTokens();
  private closed = false;

  constructor(private readonly options: LocalStepFunctionsOptions) {
    for (const { arn, definition } of options.stateMachines) {
      // Validate the definition as synthesised; run the rewritten copy, which may hold fractions.
      new StateMachine(definition as unknown as StateMachineDefinition);
      const local = localDefinition(definition, options.timeOverrides);
      for (const [name, task] of local.tasks) {
        if (!LAMBDA_INVOKE.test(task.resource) && !LAMBDA_ARN.test(task.resource) && task.resource !== LOCAL_WAIT_RESOURCE) {
          throw new Error(`Task '${name}' uses ${task.resource}; only Lambda tasks run locally`);
        }
      }
      const runner = new StateMachine(local.definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
      this.machines.set(arn, { arn, name: arn.split(':').pop()!, local, runner });
    }
    const unknown = unknownOverrideNames(options.timeOverrides ?? {}, [...this.machines.values()].map((m) => m.local));
    if (unknown.length) throw new Error(`timeOverrides name states that do not exist: ${unknown.join(', ')}`);
  }

  get stateMachineArns(): string[] {
    return [...this.machines.keys()];
  }

  startExecution(request: { stateMachineArn: string; name?: string; input?: string }): { executionArn: string; startDate: Date } {
    if (this.closed) throw new SfnApiError('ServiceUnavailable', 'The local Step Functions service is stopping');
    const machine = this.machines.get(request.stateMachineArn);
    if (!machine) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${request.stateMachineArn}'`);
    const name = request.name ?? randomUUID();
    if (!isValidExecutionName(name)) {
      throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
    }
    const input = request.input ?? '{}';
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(input);
    } catch {
      throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${input}'`);
    }
    const executionArn = buildExecutionArn(machine.name, name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      // AWS: idempotent while running with the same input; otherwise ExecutionAlreadyExists.
      if (existing.status === 'RUNNING' && existing.input === input) return { executionArn, startDate: existing.startDate };
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const execution: Execution = {
      executionArn, stateMachineArn: machine.arn, name, status: 'RUNNING', input, startDate: new Date(), history: [],
    };
    this.executions.set(executionArn, execution);
    const run: RunState = { cancelled: false, inFlight: 0, settled: Promise.resolve(), cancelWaits: new Set() };
    this.runs.set(executionArn, run);
    // Like AWS, the execution starts after StartExecution has answered.
    run.settled = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run(machine, execution, run, parsedInput))
      .catch((err: Error) => {
        // A bug here must not leave the execution RUNNING forever (or crash the process).
        if (execution.status === 'RUNNING') this.finish(execution, { status: 'FAILED', error: 'States.Runtime', cause: String(err?.stack ?? err) });
        this.cancel(executionArn);
      });
    this.notify();
    return { executionArn, startDate: execution.startDate };
  }

  stopExecution(request: { executionArn: string; error?: string; cause?: string }): { stopDate: Date } {
    const execution = this.describeExecution(request.executionArn);
    if (execution.status === 'RUNNING') {
      this.finish(execution, { status: 'ABORTED', error: request.error, cause: request.cause });
      this.cancel(execution.executionArn);
    }
    return { stopDate: execution.stopDate! };
  }

  describeExecution(executionArn: string): Execution {
    const execution = this.executions.get(executionArn);
    if (!execution) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return execution;
  }

  /** Newest first, like AWS. */
  listExecutions(filter: { stateMachineArn?: string; statusFilter?: ExecutionStatus } = {}): Execution[] {
    if (filter.stateMachineArn && !this.machines.has(filter.stateMachineArn)) {
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${filter.stateMachineArn}'`);
    }
    return [...this.executions.values()]
      .filter((e) => !filter.stateMachineArn || e.stateMachineArn === filter.stateMachineArn)
      .filter((e) => !filter.statusFilter || e.status === filter.statusFilter)
      .reverse();
  }

  /** `output` is JSON text, as in the API. */
  sendTaskSuccess(request: { taskToken: string; output: string }): void {
    let output: unknown;
    try {
      output = JSON.parse(request.output);
    } catch {
      throw new SfnApiError('InvalidOutput', 'Invalid Output: not valid JSON');
    }
    this.tokens.succeed(request.taskToken, output);
  }

  sendTaskFailure(request: { taskToken: string; error?: string; cause?: string }): void {
    this.tokens.fail(request.taskToken, request.error ?? '', request.cause ?? '');
  }

  sendTaskHeartbeat(request: { taskToken: string }): void {
    this.tokens.heartbeat(request.taskToken);
  }

  /**
   * Functions running for an execution right now (a task's handler, also the one that received a
   * callback token). 0 with every execution at a wait or a callback means nothing more happens
   * until a callback, a timer or a new execution: what a test waits for before asserting that
   * nothing else happened.
   */
  handlersInFlight(executionArn?: string): number {
    if (executionArn) return this.runs.get(executionArn)?.inFlight ?? 0;
    let count = 0;
    for (const run of this.runs.values()) count += run.inFlight;
    return count;
  }

  /** Tasks waiting for SendTaskSuccess/Failure, e.g. to answer them from a test. */
  pendingTasks(executionArn?: string): PendingTask[] {
    return this.tokens.list(executionArn);
  }

  /** By ARN or by name (a name must be unique across state machines). */
  getExecution(nameOrArn: string): Execution | undefined {
    const byArn = this.executions.get(nameOrArn);
    if (byArn) return byArn;
    const byName = [...this.executions.values()].filter((e) => e.name === nameOrArn);
    if (byName.length > 1) throw new Error(`Execution name '${nameOrArn}' is ambiguous; use its ARN`);
    return byName[0];
  }

  /** Resolves once the execution exists and `predicate` holds (default: it has ended). */
  waitForExecution(nameOrArn: string, predicate: (e: Execution) => boolean = isClosed, timeoutMs = 10_000): Promise<Execution> {
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        settle();
      };
      const check = () => {
        try {
          const execution = this.getExecution(nameOrArn);
          if (execution && predicate(execution)) finish(() => resolve(execution));
        } catch (err) {
          finish(() => reject(err));
        }
      };
      const timer = setTimeout(() => {
        const e = this.getExecution(nameOrArn);
        const last = e?.history.at(-1);
        const where = last ? `${last.type} ${last.state?.name ?? ''}`.trim() : 'none';
        finish(() =>
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for execution '${nameOrArn}' (status ${e?.status ?? 'not started'}, last event ${where})`)),
        );
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  /**
   * Stops every running execution and waits (at most `graceMs`) for their tasks still in flight
   * (a handler that is running cannot be interrupted), so the process can exit.
   */
  async close(graceMs = 5_000): Promise<void> {
    this.closed = true;
    for (const execution of this.executions.values()) {
      if (execution.status === 'RUNNING') {
        this.finish(execution, { status: 'ABORTED', error: LOCAL_SYSTEM_STOPPED, cause: 'The local system stopped' });
      }
      this.cancel(execution.executionArn);
    }
    const deadline = Date.now() + graceMs;
    const runs = [...this.runs.values()];
    while (Date.now() < deadline && runs.some((r) => r.inFlight > 0)) await new Promise((r) => setTimeout(r, 20));
    await Promise.race([Promise.all(runs.map((r) => r.settled)), new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())).unref())]);
  }

  private async run(machine: Machine, execution: Execution, run: RunState, input: unknown): Promise<void> {
    if (run.cancelled) return;
    const { result, eventLogs, abort } = machine.runner.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: this.taskHandlers(machine, execution, run),
        waitTimeOverrides: machine.local.waitTimeOverrides,
        retryIntervalOverrides: machine.local.retryIntervalOverrides,
      },
      context: {
        Execution: { Id: execution.executionArn, Name: execution.name, StartTime: execution.startDate.toISOString() },
        StateMachine: { Id: machine.arn, Name: machine.name },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    run.abort = abort;
    const events = (async () => {
      for await (const event of eventLogs) {
        execution.history.push(event as unknown as HistoryEvent);
        this.notify();
      }
    })();
    const outcome = await result.then(
      (output): Outcome => ({ status: 'SUCCEEDED', output: JSON.stringify(output) }),
      (err: unknown): Outcome => {
        if (err instanceof ExecutionAbortedError) return { status: 'ABORTED' };
        if (err instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'Execution timed out' };
        const cause = err instanceof ExecutionError && err.cause instanceof Error ? err.cause : (err as Error);
        return { status: 'FAILED', error: cause.name, cause: cause.message };
      },
    );
    await events; // the history is complete before the status says the execution ended
    if (execution.status === 'RUNNING') this.finish(execution, outcome);
    this.cancel(execution.executionArn);
  }

  private finish(execution: Execution, outcome: Outcome): void {
    Object.assign(execution, outcome, { stopDate: new Date() });
    this.notify();
    if (outcome.error !== LOCAL_SYSTEM_STOPPED) this.options.onExecutionEnd?.(execution);
  }

  /** Ends everything an execution still waits on: the run, its tokens and long waits. */
  private cancel(executionArn: string): void {
    const run = this.runs.get(executionArn);
    if (!run || run.cancelled) return;
    run.cancelled = true;
    run.abort?.();
    this.tokens.closeExecution(executionArn);
    for (const cancelWait of run.cancelWaits) cancelWait();
  }

  private taskHandlers(machine: Machine, execution: Execution, run: RunState) {
    const handlers: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [stateName, task] of machine.local.tasks) {
      handlers[stateName] = async (input) => {
        // After a stop, retries must not call functions again.
        if (run.cancelled) throw stateError('States.Aborted', 'Execution ended');
        return this.runTask(stateName, task, execution, run, input);
      };
    }
    return handlers as never;
  }

  private async runTask(stateName: string, task: LocalTaskInfo, execution: Execution, run: RunState, input: unknown) {
    if (task.resource === LOCAL_WAIT_RESOURCE) return this.localWait(task, run, input as LocalWaitInput);
    if (LAMBDA_ARN.test(task.resource)) return this.invoke(run, task.resource, input);
    const { FunctionName, Payload } = input as { FunctionName: string; Payload?: unknown };
    if (!task.resource.endsWith('.waitForTaskToken')) {
      return { ExecutedVersion: '$LATEST', Payload: (await this.invoke(run, FunctionName, Payload ?? {})) ?? null, StatusCode: 200 };
    }
    const { taskToken, promise } = this.tokens.create(
      { executionArn: execution.executionArn, stateName },
      { timeoutSeconds: task.timeoutSeconds, heartbeatSeconds: task.heartbeatSeconds },
    );
    const payload = JSON.parse(JSON.stringify(Payload ?? {}).split(TOKEN_PLACEHOLDER).join(taskToken));
    this.notify();
    // The Lambda itself runs synchronously; if it fails, so does the task. Its result is ignored.
    this.invoke(run, FunctionName, payload).then(
      () => this.notify(), // waiters may be watching for what the handler did with the token
      (err: Error) => this.tokens.abandon(taskToken, err),
    );
    return promise;
  }

  /** Calls the function; a failure becomes a state error named like the thrown error, as Lambda reports it. */
  private async invoke(run: RunState, functionName: string, payload: unknown): Promise<unknown> {
    run.inFlight++; // close() waits for running handlers; they cannot be interrupted
    try {
      return await this.options.invokeFunction(functionName, payload);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      throw stateError(e.name, JSON.stringify({ errorType: e.name, errorMessage: e.message, trace: e.stack?.split('\n') ?? [] }));
    } finally {
      run.inFlight--;
    }
  }

  private async localWait(task: LocalTaskInfo, run: RunState, { input, seconds, timestamp }: LocalWaitInput): Promise<unknown> {
    let ms: number;
    if (task.waitOverrideSeconds !== undefined) ms = task.waitOverrideSeconds * 1000;
    else if (seconds !== undefined) {
      if (typeof seconds !== 'number' || seconds < 0) throw stateError('States.Runtime', `Wait seconds must be a number >= 0, got ${JSON.stringify(seconds)}`);
      ms = seconds * 1000;
    } else {
      const at = Date.parse(String(timestamp));
      if (Number.isNaN(at)) throw stateError('States.Runtime', `Wait timestamp is not a timestamp: ${JSON.stringify(timestamp)}`);
      ms = at - Date.now();
    }
    // Stay below the Task's own (maximal) timeout so a clamped wait ends as a wait, not a timeout.
    ms = Math.max(0, Math.min(ms, MAX_TIMER_MS - 60_000));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        run.cancelWaits.delete(finish);
        resolve();
      }
      run.cancelWaits.add(finish);
    });
    return input;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** AWS: 1–80 characters, no whitespace, brackets, wildcards, special or control characters. */
function isValidExecutionName(name: string): boolean {
  const control = [...name].some((c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f));
  return name.length >= 1 && name.length <= 80 && !control && !/[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name);
}

type Outcome = Pick<Execution, 'status' | 'output' | 'error' | 'cause'>;
type LocalWaitInput = { input: unknown; seconds?: unknown; timestamp?: unknown };
