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

/** What happened to a stage of one certificate. 'sending' is a claim that expires (see the sweep). */
export interface RenewalStageRecord {
  state: 'sending' | 'sent' | 'skipped';
  at: string;
  /** Why a stage was skipped: a later stage was due too, or the certificate was already renewed. */
  reason?: 'later-stage-due' | 'renewed';
}

export interface RenewalPlan {
  /** The latest due stage that is still pending: the one to send now. */
  stage: RenewalStage;
  /** Earlier due stages still pending (after downtime, say): recorded as skipped, never sent. */
  skip: RenewalStage[];
  /** The first stage after `stage` still pending (not yet due), if any: where the index moves next. */
  next?: RenewalStage;
}

/**
 * What a sweep on `today` does with one certificate: send the latest due pending stage and skip the
 * earlier ones. A stage is pending when it has no record, or when `isReclaimable` says its record is
 * an abandoned claim. Undefined when nothing is due.
 */
export function planRenewal(
  stages: readonly RenewalStage[],
  done: Readonly<Record<string, RenewalStageRecord>>,
  today: string,
  isReclaimable: (record: RenewalStageRecord) => boolean = () => false,
): RenewalPlan | undefined {
  const pending = stages.filter((s) => {
    const record = done[s.id];
    return record === undefined || isReclaimable(record);
  });
  const due = pending.filter((s) => s.dueDate <= today);
  const stage = due.at(-1);
  if (!stage) return undefined;
  const next = pending.find((s) => s.dueDate > today);
  return { stage, skip: due.slice(0, -1), ...(next ? { next } : {}) };
}

export interface RevisionLink {
  organisationNumber: string;
  certificateId: string;
  /** The approved application behind the certificate (the form's prefill). */
  applicationId: string;
  /** Last day the link opens the form: the end of the certificate's revision window. */
  expiresOn: CalendarDate;
  createdAt: string;
}
