import { listSchedules, readRunningSystem, runSchedule, type ScheduleRun } from './join.js';
import type { LocalSystem } from './local-system.js';
import { parseNow } from './schedules.js';

/**
 * `<app's script> <schedule> [--now YYYY-MM-DD | ISO timestamp]` and `--list`: runs one of the
 * template's schedules on the local system. It joins the system running on `dataDir` (through its
 * local-system.json) or, when none runs, starts one in this process for the run and stops it after:
 * the same data either way. Only this module and join.ts load up front; the runner itself is
 * imported by `start` when it is needed.
 */
export interface ScheduleCliOptions {
  dataDir: string;
  /** Starts the app's local system in this process (quiet), for when none is running. */
  start(): Promise<LocalSystem>;
  out(text: string): void;
  err(text: string): void;
  /** For the usage line, e.g. `npm run schedule --`. */
  command?: string;
}

export async function scheduleCli(argv: readonly string[], options: ScheduleCliOptions): Promise<number> {
  const usage = `Usage: ${options.command ?? 'schedule'} <name> [--now YYYY-MM-DD|ISO-timestamp]   or   --list`;
  let name: string | undefined;
  let nowText: string | undefined;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--now') nowText = argv[++i] ?? '';
    else if (arg.startsWith('--now=')) nowText = arg.slice('--now='.length);
    else if (arg === '--list') list = true;
    else if (!arg.startsWith('-') && name === undefined) name = arg;
    else return fail(options, `Unknown argument: ${arg}\n${usage}`);
  }
  const now = nowText === undefined ? undefined : parseNow(nowText);
  if (nowText !== undefined && !now) return fail(options, `--now needs a date (YYYY-MM-DD) or an ISO timestamp, not '${nowText}'\n${usage}`);
  if (!list && !name) return fail(options, usage);

  const running = readRunningSystem(options.dataDir);
  const system = running ? undefined : await options.start();
  const runnerUrl = running?.urls.runner ?? system!.urls.runner;
  try {
    if (list) {
      for (const s of await listSchedules(runnerUrl)) {
        options.out(`${s.name.padEnd(28)} ${s.scheduleExpression.padEnd(28)} → ${s.functionLogicalId}${s.enabled ? '' : ' (disabled)'}  also: ${s.names.filter((n) => n !== s.name).join(', ')}`);
      }
      return 0;
    }
    let run: ScheduleRun;
    try {
      run = await runSchedule(runnerUrl, name!, now);
    } catch (err) {
      // 2 for a name the template does not have (like a usage error), 1 for a target that failed.
      options.err(err instanceof Error ? err.message : String(err));
      return (err as { status?: number }).status === 404 ? 2 : 1;
    }
    const where = running ? `the local system running on ${options.dataDir}` : `a local system started for this run on ${options.dataDir}`;
    options.out(`Ran ${run.schedule} → ${run.functionLogicalId} as of ${run.time}, on ${where}.`);
    options.out(JSON.stringify(run.result, null, 2));
    return 0;
  } finally {
    await system?.stop();
  }
}

function fail(options: ScheduleCliOptions, message: string): number {
  options.err(message);
  return 2;
}
