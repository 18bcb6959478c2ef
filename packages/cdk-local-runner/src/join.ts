import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * How other processes (an app's CLIs) find a running local system: it writes this file into its
 * data directory while it runs. This module imports nothing heavy, so a CLI can read the file
 * without loading the runner (dynalite, the Step Functions interpreter, …).
 */
export const LOCAL_SYSTEM_FILE = 'local-system.json';

export interface RunningSystemFile {
  pid: number;
  urls: { app: string; mail: string; dynamodb: string; stepFunctions: string; runner: string };
  /** The environment the handlers run with: a CLI takes it to reach the same table, mail, … */
  environment: Record<string, string>;
}

/** The running system that wrote `dataDir/local-system.json`, or undefined (none, or it died without removing it). */
export function readRunningSystem(dataDir: string): RunningSystemFile | undefined {
  const file = path.resolve(dataDir, LOCAL_SYSTEM_FILE);
  if (!existsSync(file)) return undefined;
  const running = JSON.parse(readFileSync(file, 'utf8')) as RunningSystemFile;
  return isAlive(running.pid) ? running : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A schedule as the control endpoint lists it. */
export interface ScheduleInfo {
  name: string;
  /** Every name it answers to (construct id, logical id, target function). */
  names: string[];
  scheduleExpression: string;
  functionLogicalId: string;
  enabled: boolean;
}

/** What running a schedule gives back: the target's result (as an invocation returns it). */
export interface ScheduleRun {
  schedule: string;
  functionLogicalId: string;
  /** The time the target was told (the event's `time`). */
  time: string;
  result: unknown;
}

/** Lists the schedules of the system whose control endpoint is `runnerUrl`. */
export async function listSchedules(runnerUrl: string): Promise<ScheduleInfo[]> {
  return (await call(runnerUrl, '/schedules', { method: 'GET' })) as ScheduleInfo[];
}

/** Runs a schedule now (synchronously: resolves with the target's result, rejects with its error). */
export async function runSchedule(runnerUrl: string, name: string, now?: Date): Promise<ScheduleRun> {
  const body = JSON.stringify(now ? { time: now.toISOString() } : {});
  return (await call(runnerUrl, `/schedules/${encodeURIComponent(name)}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })) as ScheduleRun;
}

async function call(runnerUrl: string, pathname: string, init: RequestInit): Promise<unknown> {
  const res = await fetch(runnerUrl + pathname, init);
  const body = (await res.json()) as { error?: string };
  // The status tells a caller an unknown schedule (404) from a target that failed (500).
  if (!res.ok) throw Object.assign(new Error(body.error ?? `${init.method} ${pathname}: ${res.status}`), { status: res.status });
  return body;
}
