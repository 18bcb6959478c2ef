import { randomUUID } from 'node:crypto';
import type { LocalSchedule } from './cloud-assembly.js';
import { LOCAL_ACCOUNT, LOCAL_PARTITION, LOCAL_REGION } from './local-aws.js';

/**
 * EventBridge schedules, run on request. Locally nothing fires on its own (a daily job would run
 * whenever someone happens to have the system up, and tests could not say when); instead a
 * schedule is run by name, with the time its target should see, through `LocalSystem.runSchedule`,
 * the runner's control endpoint or a CLI.
 */

/**
 * CDK's logical ids are the construct id followed by an 8-digit hash of its path
 * (`RenewalSweepSchedule29E4BB8D`); people know the construct id.
 */
export function constructName(logicalId: string): string {
  return /^(.+?)[0-9A-F]{8}$/.exec(logicalId)?.[1] ?? logicalId;
}

/**
 * The names a schedule answers to: its logical id, its construct id, and its target function's
 * construct id (`RenewalSweep`): what one calls the job it runs.
 */
export function scheduleNames(schedule: LocalSchedule): string[] {
  return [...new Set([schedule.name, schedule.logicalId, constructName(schedule.functionLogicalId)])];
}

export class UnknownScheduleError extends Error {
  override name = 'UnknownScheduleError';
  constructor(
    requested: string,
    readonly known: string[],
  ) {
    super(`No schedule named '${requested}'. Known: ${known.length ? known.join(', ') : '(the template has none)'}`);
  }
}

/** The schedule called `name`; an unambiguous name only (two schedules may target one function). */
export function findSchedule(schedules: readonly LocalSchedule[], name: string): LocalSchedule {
  const matches = schedules.filter((s) => scheduleNames(s).includes(name));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new Error(`'${name}' names ${matches.length} schedules (${matches.map((s) => s.name).join(', ')}); use one of those`);
  throw new UnknownScheduleError(name, schedules.map((s) => s.name));
}

/**
 * What EventBridge delivers: the rule's constant input if it sets one, otherwise a "Scheduled
 * Event" whose `time` is when the schedule fired. That `time` is how a target learns "now" from
 * its event, so a run as of another date needs nothing but the event.
 */
export function scheduledEvent(schedule: LocalSchedule, time: Date): unknown {
  if (schedule.input !== undefined) return schedule.input;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT,
    time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: LOCAL_REGION,
    resources: [`arn:${LOCAL_PARTITION}:events:${LOCAL_REGION}:${LOCAL_ACCOUNT}:rule/${schedule.logicalId}`],
    detail: {},
  };
}

/**
 * `--now`: a date (YYYY-MM-DD, taken at 12:00 UTC, the same calendar day from UTC-11 to UTC+11,
 * whatever zone the target reckons its day in) or an ISO timestamp. Undefined for a bad value.
 */
export function parseNow(text: string): Date | undefined {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
  const date = new Date(dateOnly ? `${text}T12:00:00Z` : text);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date rolls 2029-02-30 over to March; a date that does not come back as given is no date.
  return dateOnly && date.toISOString().slice(0, 10) !== text ? undefined : date;
}
