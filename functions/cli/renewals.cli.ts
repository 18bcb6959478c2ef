// npm run renewals -- [--now YYYY-MM-DD]
import { readRunningSystem, runSchedule } from 'cdk-local-runner/join';
import { isCalendarDate, stockholmDate } from '../domain/calendar-date.js';
import type { NextRenewalStage, RenewalSweepReport } from '../use-cases/renewal-sweep.use-case.js';
import { localDataDir, processIo, runWhenStarted, useCliEnvironment, type CliIo } from './cli-environment.js';

const usage = 'Usage: npm run renewals -- [--now YYYY-MM-DD]   (runs the renewal sweep as of that date; default: today in Sweden)';

/** Reads `--now YYYY-MM-DD` (or `--now=YYYY-MM-DD`); undefined for today, an error message otherwise. */
export function parseRenewalsArgs(argv: readonly string[]): { today?: string } | { error: string } {
  let today: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--now') today = argv[++i];
    else if (arg.startsWith('--now=')) today = arg.slice('--now='.length);
    else return { error: `Unknown argument: ${arg}\n${usage}` };
    if (today === undefined || !isCalendarDate(today)) return { error: `--now needs a date as YYYY-MM-DD\n${usage}` };
  }
  return today ? { today } : {};
}

/**
 * The last line of every run: when the sweep has something to do next, so that a person trying the
 * system can run it again as of that date (README, step 5), whatever today is.
 */
export function formatNextStage(next: NextRenewalStage | undefined): string {
  return next ? `next: ${next.stage} ${next.certificateId} on ${next.dueDate}` : 'next: nothing scheduled (no certificate has a pending reminder)';
}

export function formatSweepReport(report: RenewalSweepReport, target: string): string {
  const lines = [
    `Renewal sweep as of ${report.today} against ${target}`,
    `Examined ${report.examined} due certificate(s); the index query read ${report.readCount} item(s), plus ${report.pointReads} single-item read(s).`,
  ];
  const section = (title: string, rows: string[]) => {
    lines.push(rows.length === 0 ? `${title}: none` : `${title}:`);
    for (const row of rows) lines.push(`  ${row}`);
  };
  section('Sent', report.sent.map((e) => `${e.stage.padEnd(11)} ${e.certificateId}  ${e.organisationName}`));
  section('Skipped', report.skipped.map((e) => `${e.stage.padEnd(11)} ${e.certificateId}  ${e.organisationName}  (${e.reason === 'renewed' ? 'already renewed' : 'a later stage was due'})`));
  section('Expired', report.expired);
  if (report.busy.length > 0) section('Left to another sweep running now', report.busy);
  if (report.reindexed.length > 0) section('Nothing due after all (stages changed); moved to their next stage', report.reindexed);
  if (report.failed.length > 0) section('FAILED (will be retried)', report.failed.map((e) => `${e.stage.padEnd(11)} ${e.certificateId}  ${e.error}`));
  return lines.join('\n');
}

/**
 * The sweep's schedule in the CDK app (`scheduledFunctions.RenewalSweep` in infra/lambda-functions.ts):
 * locally, `npm run renewals` runs that schedule on the running system, as `npm run schedule --
 * RenewalSweep` would, so the sweep runs exactly as the deployed rule runs it.
 */
const RENEWAL_SCHEDULE = 'RenewalSweep';

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseRenewalsArgs(argv);
  if ('error' in args) {
    io.err(args.error);
    return 2;
  }
  const target = useCliEnvironment(io.env);
  // Imported after the environment is set: the adapters read it when first used.
  const { renewalSweepDependencies } = await import('../handlers/renewal-sweep.handler.js');
  const { dependencies } = await import('../adapters/dependencies.js');
  const { nextRenewalStage, runRenewalSweep } = await import('../use-cases/renewal-sweep.use-case.js');
  const deps = renewalSweepDependencies();
  const today = args.today ?? stockholmDate(deps.now());
  if (target === 'local') {
    const running = readRunningSystem(localDataDir(io.env))!; // useCliEnvironment found it
    // Midday UTC of `today` is the same date in Sweden; the handler takes its day from the event's time.
    const run = await runSchedule(running.urls.runner, RENEWAL_SCHEDULE, new Date(`${today}T12:00:00Z`));
    const report = run.result as RenewalSweepReport;
    io.out(formatSweepReport(report, 'the local system'));
    if (report.sent.length > 0) io.out(`The emails are in the local mailbox: ${running.urls.mail}`);
    io.out(formatNextStage(await nextRenewalStage({ renewals: dependencies().renewals, reminderDays: deps.reminderDays }, today)));
    return 0; // a failed send makes the handler throw, so runSchedule rejects
  }
  const report = await runRenewalSweep(deps, { today });
  io.out(formatSweepReport(report, `table ${io.env.TABLE_NAME}`));
  io.out(formatNextStage(await nextRenewalStage({ renewals: dependencies().renewals, reminderDays: deps.reminderDays }, today)));
  return report.failed.length > 0 ? 1 : 0;
}

runWhenStarted(import.meta.url, main);
