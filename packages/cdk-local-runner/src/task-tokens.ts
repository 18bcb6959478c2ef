import { randomBytes } from 'node:crypto';
import { MAX_TIMER_MS } from './asl-local-definition.js';
import { SfnApiError, stateError } from './sfn-errors.js';

/**
 * Task tokens for `.waitForTaskToken` tasks, which aws-local-stepfunctions does not implement.
 * A token is a pending promise the Task state awaits; SendTaskSuccess/SendTaskFailure settle it.
 * Validation follows AWS: a malformed token is InvalidToken, an unknown or already answered one
 * TaskDoesNotExist, one whose task timed out (or whose execution ended) TaskTimedOut.
 *
 * The task's TimeoutSeconds itself is enforced by the library (States.Timeout, which States.ALL
 * but not States.TaskFailed matches); the timer here only invalidates the token at the same
 * moment. HeartbeatSeconds, which the library ignores, is enforced here (States.HeartbeatTimeout).
 */
export interface PendingTask {
  taskToken: string;
  executionArn: string;
  stateName: string;
}

interface Entry extends PendingTask {
  resolve(output: unknown): void;
  reject(err: Error): void;
  timers: { timeout?: NodeJS.Timeout; heartbeat?: NodeJS.Timeout };
  heartbeatSeconds?: number;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{86}$/;

export class TaskTokens {
  private readonly pending = new Map<string, Entry>();
  private readonly timedOut = new Set<string>();

  /** Issues a token; the promise settles when the token is answered. */
  create(task: Omit<PendingTask, 'taskToken'>, limits: { timeoutSeconds?: number; heartbeatSeconds?: number }) {
    const taskToken = randomBytes(64).toString('base64url'); // 86 url-safe characters
    const { promise, resolve, reject } = withResolvers<unknown>();
    const entry: Entry = { ...task, taskToken, resolve, reject, timers: {}, heartbeatSeconds: limits.heartbeatSeconds };
    if (limits.timeoutSeconds !== undefined) {
      entry.timers.timeout = timer(limits.timeoutSeconds, () => this.expire(entry));
    }
    this.pending.set(taskToken, entry);
    this.armHeartbeat(entry);
    return { taskToken, promise };
  }

  succeed(taskToken: unknown, output: unknown): void {
    this.take(taskToken).resolve(output);
  }

  fail(taskToken: unknown, error: string, cause: string): void {
    this.take(taskToken).reject(stateError(error, cause));
  }

  heartbeat(taskToken: unknown): void {
    this.armHeartbeat(this.get(taskToken));
  }

  /** The task failed before anyone answered (e.g. its Lambda threw): the token dies with it. */
  abandon(taskToken: string, err: Error): void {
    const entry = this.pending.get(taskToken);
    if (!entry) return;
    this.remove(entry);
    entry.reject(err);
  }

  /** The execution ended: its tokens time out, and their tasks stop waiting. */
  closeExecution(executionArn: string): void {
    for (const entry of this.pending.values()) {
      if (entry.executionArn !== executionArn) continue;
      this.remove(entry);
      this.timedOut.add(entry.taskToken);
      entry.reject(stateError('States.Aborted', 'Execution ended'));
    }
  }

  list(executionArn?: string): PendingTask[] {
    return [...this.pending.values()]
      .filter((e) => executionArn === undefined || e.executionArn === executionArn)
      .map(({ taskToken, executionArn: arn, stateName }) => ({ taskToken, executionArn: arn, stateName }));
  }

  private get(taskToken: unknown): Entry {
    if (typeof taskToken !== 'string' || !TOKEN_PATTERN.test(taskToken)) throw new SfnApiError('InvalidToken', 'Invalid token');
    const entry = this.pending.get(taskToken);
    if (entry) return entry;
    if (this.timedOut.has(taskToken)) throw new SfnApiError('TaskTimedOut', 'Task Timed Out');
    throw new SfnApiError('TaskDoesNotExist', 'Task does not exist anymore');
  }

  private take(taskToken: unknown): Entry {
    const entry = this.get(taskToken);
    this.remove(entry);
    return entry;
  }

  private remove(entry: Entry): void {
    clearTimeout(entry.timers.timeout);
    clearTimeout(entry.timers.heartbeat);
    this.pending.delete(entry.taskToken);
  }

  /** TimeoutSeconds elapsed: the library fails the state with States.Timeout; the token dies. */
  private expire(entry: Entry): void {
    this.remove(entry);
    this.timedOut.add(entry.taskToken);
  }

  private armHeartbeat(entry: Entry): void {
    if (entry.heartbeatSeconds === undefined) return;
    clearTimeout(entry.timers.heartbeat);
    entry.timers.heartbeat = timer(entry.heartbeatSeconds, () => {
      this.expire(entry);
      entry.reject(stateError('States.HeartbeatTimeout', 'Task heartbeat timed out'));
    });
  }
}

/** Unref'd: a waiting token must not keep the process alive on its own. */
function timer(seconds: number, fn: () => void): NodeJS.Timeout {
  const t = setTimeout(fn, Math.min(seconds * 1000, MAX_TIMER_MS));
  t.unref();
  return t;
}

function withResolvers<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
