import { addDays, type CalendarDate } from './calendar-date.js';

/**
 * Renewal reminders: one stage per configured number of days before validUntil (default 180, 90,
 * 30), then the lapse notice the day after validUntil, always last. A stage is due from its date
 * on, until it is sent or skipped.
 */
export interface RenewalStage {
  /** 'remind-180', 'remind-90', 'remind-30', 'lapsed'. */
  id: string;
  kind: 'reminder' | 'lapse';
  dueDate: CalendarDate;
  daysBefore?: number;
}

export function renewalStages(validUntil: CalendarDate, reminderDays: readonly number[]): RenewalStage[] {
  const reminders = [...new Set(reminderDays)]
    .sort((a, b) => b - a)
    .map((days): RenewalStage => ({ id: `remind-${days}`, kind: 'reminder', dueDate: addDays(validUntil, -days), daysBefore: days }));
  return [...reminders, { id: 'lapsed', kind: 'lapse', dueDate: addDays(validUntil, 1) }];
}

/** The first stage not yet sent or skipped, if any. */
export function nextPendingStage(stages: readonly RenewalStage[], done: Readonly<Record<string, unknown>>): RenewalStage | undefined {
  return stages.find((s) => !(s.id in done));
}
