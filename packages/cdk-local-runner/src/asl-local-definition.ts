/**
 * Prepares a synthesised ASL definition for aws-local-stepfunctions, on a copy (the original is
 * never changed):
 *
 * - Durations. The library turns every duration into one `setTimeout`; anything above 2^31-1 ms
 *   (~24.8 days) overflows and fires after 1 ms. So: static durations are clamped; a Task without
 *   TimeoutSeconds gets the longest safe timeout (the library's default would be 60 s, AWS's is
 *   about a year); Wait states whose duration is only known at run time (Timestamp, SecondsPath,
 *   TimestampPath) become a same-named Task run by the local runner (`LOCAL_WAIT_RESOURCE`),
 *   which clamps the computed wait. Such a state shows up as a Task in the history.
 * - Time overrides for tests (fractions of a second allowed): task timeouts are written into
 *   TimeoutSeconds (the library multiplies by 1000, so 0.2 works; asl-validator would reject a
 *   non-integer, which is why the rewritten copy is run unvalidated after the original was
 *   validated); waits and retry intervals use the library's waitTimeOverrides and
 *   retryIntervalOverrides (milliseconds).
 * - Features the library silently ignores (JSONata, variables, distributed Map) fail loudly.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;
export const MAX_TIMER_SECONDS = Math.floor(MAX_TIMER_MS / 1000);

/** Resource of the Task that replaces a Wait with a run-time duration. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

export interface TimeOverrides {
  /** Task state name → TimeoutSeconds to use instead (fractions allowed, e.g. 0.2). */
  taskTimeoutSeconds?: Record<string, number>;
  /** Wait state name → seconds to wait instead (fractions allowed, 0 = no wait). */
  waitSeconds?: Record<string, number>;
  /** Every retrier of every state waits this long between attempts (fractions allowed). */
  retryIntervalSeconds?: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- ASL is untyped JSON here */
export type AslState = Record<string, any>;
export type AslMachine = { StartAt: string; States: Record<string, AslState>; TimeoutSeconds?: number; [k: string]: unknown };

export interface LocalTaskInfo {
  resource: string;
  /** Effective timeout after clamping and overrides; undefined when given by TimeoutSecondsPath. */
  timeoutSeconds: number | undefined;
  heartbeatSeconds: number | undefined;
  /** Seconds a converted Wait waits instead of its computed duration (from `waitSeconds`). */
  waitOverrideSeconds?: number;
}

export interface LocalDefinition {
  definition: AslMachine;
  /** Every Task state (including converted Waits), by name, across Parallel branches and Map processors. */
  tasks: Map<string, LocalTaskInfo>;
  stateNames: { task: Set<string>; wait: Set<string> };
  waitTimeOverrides: Record<string, number>;
  retryIntervalOverrides: Record<string, number>;
}

const clampSeconds = (s: number) => Math.min(s, MAX_TIMER_SECONDS);

/** Calls `visit` for every state of the machine and of its nested machines. */
export function forEachState(machine: AslMachine, visit: (name: string, state: AslState) => void): void {
  for (const [name, state] of Object.entries(machine.States)) {
    visit(name, state);
    for (const branch of state.Branches ?? []) forEachState(branch, visit);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) forEachState(processor, visit);
  }
}

export function localDefinition(original: Record<string, unknown>, overrides: TimeOverrides = {}): LocalDefinition {
  const definition = structuredClone(original) as AslMachine;
  const tasks = new Map<string, LocalTaskInfo>();
  const stateNames = { task: new Set<string>(), wait: new Set<string>() };
  const waitTimeOverrides: Record<string, number> = {};
  const retryIntervalOverrides: Record<string, number> = {};

  rejectUnsupported(definition, 'state machine');
  if (definition.TimeoutSeconds !== undefined) definition.TimeoutSeconds = clampSeconds(definition.TimeoutSeconds);

  forEachState(definition, (name, state) => {
    rejectUnsupported(state, `state '${name}'`);
    if (state.Type === 'Map' && (state.ItemReader || state.ResultWriter || state.ItemProcessor?.ProcessorConfig?.Mode === 'DISTRIBUTED')) {
      throw new Error(`state '${name}': distributed Map does not run locally`);
    }
    for (const retrier of state.Retry ?? []) retrier.MaxDelaySeconds = clampSeconds(retrier.MaxDelaySeconds ?? MAX_TIMER_SECONDS);
    if (state.Retry && overrides.retryIntervalSeconds !== undefined) retryIntervalOverrides[name] = overrides.retryIntervalSeconds * 1000;

    if (state.Type === 'Wait') {
      stateNames.wait.add(name);
      const override = overrides.waitSeconds?.[name];
      if (state.Seconds !== undefined) {
        state.Seconds = clampSeconds(state.Seconds);
        if (override !== undefined) waitTimeOverrides[name] = override * 1000;
      } else {
        convertToLocalWait(state);
        tasks.set(name, { resource: LOCAL_WAIT_RESOURCE, timeoutSeconds: MAX_TIMER_SECONDS, heartbeatSeconds: undefined, waitOverrideSeconds: override });
      }
    } else if (state.Type === 'Task') {
      stateNames.task.add(name);
      const override = overrides.taskTimeoutSeconds?.[name];
      if (override !== undefined) {
        delete state.TimeoutSecondsPath;
        state.TimeoutSeconds = clampSeconds(override);
      } else if (state.TimeoutSecondsPath === undefined) {
        state.TimeoutSeconds = clampSeconds(state.TimeoutSeconds ?? MAX_TIMER_SECONDS);
      }
      if (state.HeartbeatSeconds !== undefined) state.HeartbeatSeconds = clampSeconds(state.HeartbeatSeconds);
      tasks.set(name, { resource: state.Resource, timeoutSeconds: state.TimeoutSeconds, heartbeatSeconds: state.HeartbeatSeconds });
    }
  });

  return { definition, tasks, stateNames, waitTimeOverrides, retryIntervalOverrides };
}

/** Names in `overrides` that are not Task / Wait states of any of the given machines (typos). */
export function unknownOverrideNames(overrides: TimeOverrides, machines: LocalDefinition[]): string[] {
  const has = (kind: 'task' | 'wait', name: string) => machines.some((m) => m.stateNames[kind].has(name));
  return [
    ...Object.keys(overrides.taskTimeoutSeconds ?? {}).filter((n) => !has('task', n)).map((n) => `taskTimeoutSeconds.${n}`),
    ...Object.keys(overrides.waitSeconds ?? {}).filter((n) => !has('wait', n)).map((n) => `waitSeconds.${n}`),
  ];
}

/** Wait with a run-time duration → Task whose input carries the original input and the duration. */
function convertToLocalWait(state: AslState): void {
  const duration =
    state.SecondsPath !== undefined
      ? { 'seconds.$': state.SecondsPath }
      : state.TimestampPath !== undefined
        ? { 'timestamp.$': state.TimestampPath }
        : { timestamp: state.Timestamp };
  for (const key of ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']) delete state[key];
  state.Type = 'Task';
  state.Resource = LOCAL_WAIT_RESOURCE;
  state.Parameters = { 'input.$': '$', ...duration };
  state.TimeoutSeconds = MAX_TIMER_SECONDS;
}

function rejectUnsupported(node: AslState, where: string): void {
  if (node.QueryLanguage === 'JSONata') throw new Error(`${where}: JSONata is not supported locally; write it in JSONPath`);
  for (const field of ['Assign', 'Arguments', 'Output']) {
    if (node[field] !== undefined) throw new Error(`${where}: '${field}' (variables/JSONata) is not supported locally`);
  }
}
