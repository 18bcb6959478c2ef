import type { ApplicationRecord } from './application-record.js';
import type { ApplicationType } from './application-type.js';
import { applicationStatuses, isFinal, type ApplicationStatus } from './application-status.js';
import { addDays, addMonths, stockholmDate, type CalendarDate } from './calendar-date.js';
import { isRevokedOn, type Certificate } from './certificate.js';

/** The QM officer's view of the whole programme on one day: what waits, what is late, what lapses. */
export interface ApplicationRow {
  id: string;
  organisationName: string;
  organisationNumber: string;
  town: string;
  applicationType: ApplicationType;
  status: ApplicationStatus;
  submittedAt: string;
  /** Whole days since submission. */
  ageDays: number;
  /** Since when it has waited in its current status. */
  since: string;
  deadline?: string;
}

export interface CertificateRow {
  certificateId: string;
  organisationName: string;
  organisationNumber: string;
  town: string;
  validUntil: CalendarDate;
}

export interface ProgrammeOverview {
  /** Open (not final) applications by status, oldest first. */
  openByStatus: { status: ApplicationStatus; rows: ApplicationRow[] }[];
  overdueReviews: ApplicationRow[];
  completionsNearDeadline: ApplicationRow[];
  failed: ApplicationRow[];
  lapsingSoon: CertificateRow[];
  lapsedWithoutRevision: CertificateRow[];
  figures: {
    year: number;
    applicationsThisYear: Record<ApplicationType, number>;
    /** Median whole days from submission to decision (certified or rejected), this year's decisions. */
    medianDaysToDecision?: number;
    /** Share of this year's decided applications certified at their first review round (0–1). */
    certifiedAtFirstReview?: number;
    decidedThisYear: number;
  };
}

export interface OverviewInput {
  applications: readonly ApplicationRecord[];
  certificates: readonly Certificate[];
  /** Completion deadlines (ISO instants) of applications waiting for a completion. */
  completionDeadlines: ReadonlyMap<string, string>;
  now: Date;
  reviewReminderIntervalDays: number;
  /** Completions whose deadline is this close count as near. */
  completionWarningDays?: number;
  lapsingWithinDays?: number;
  lapsedWithinMonths?: number;
}

const dayMs = 86_400_000;
const wholeDays = (fromIso: string, to: Date) => Math.floor((to.getTime() - Date.parse(fromIso)) / dayMs);

/** When the application entered its current status (the last history entry that moved it there). */
export function enteredStatusAt(application: ApplicationRecord): string {
  const entry = [...application.history].reverse().find((h) => h.to === application.status && h.from !== h.to);
  return entry?.at ?? application.submittedAt;
}

function decidedAt(application: ApplicationRecord): string | undefined {
  return application.history.find((h) => h.to === 'certified' || h.to === 'rejected')?.at;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function buildOverview(input: OverviewInput): ProgrammeOverview {
  const { now } = input;
  const today = stockholmDate(now);
  const row = (a: ApplicationRecord): ApplicationRow => ({
    id: a.id,
    organisationName: a.organisation.name,
    organisationNumber: a.organisation.organisationNumber,
    town: a.organisation.town,
    applicationType: a.applicationType,
    status: a.status,
    submittedAt: a.submittedAt,
    ageDays: wholeDays(a.submittedAt, now),
    since: enteredStatusAt(a),
    ...(input.completionDeadlines.has(a.id) ? { deadline: input.completionDeadlines.get(a.id)! } : {}),
  });
  const rows = input.applications.map(row).sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));

  const openByStatus = applicationStatuses
    .filter((s) => !isFinal(s))
    .map((status) => ({ status, rows: rows.filter((r) => r.status === status) }))
    .filter((group) => group.rows.length > 0);

  const overdueReviews = rows.filter((r) => r.status === 'in_review' && wholeDays(r.since, now) >= input.reviewReminderIntervalDays);
  const warning = (input.completionWarningDays ?? 14) * dayMs;
  const completionsNearDeadline = rows.filter(
    (r) => r.status === 'completion_requested' && r.deadline !== undefined && Date.parse(r.deadline) - now.getTime() <= warning,
  );
  const failed = rows.filter((r) => r.status === 'failed');

  const certRow = (c: Certificate): CertificateRow => ({
    certificateId: c.certificateId,
    organisationName: c.organisationName,
    organisationNumber: c.organisationNumber,
    town: c.town,
    validUntil: c.validUntil,
  });
  const counting = input.certificates.filter((c) => !c.supersededBy && !isRevokedOn(c, today));
  const lapseLimit = addDays(today, input.lapsingWithinDays ?? 180);
  const lapsingSoon = counting.filter((c) => c.validFrom <= today && c.validUntil >= today && c.validUntil <= lapseLimit).map(certRow);
  const lapsedSince = addMonths(today, -(input.lapsedWithinMonths ?? 12));
  // Without a revision: no later certificate for the organisation and no revision under way.
  const revisionUnderWay = new Set(
    input.applications.filter((a) => a.applicationType === 'revision' && !isFinal(a.status)).map((a) => a.organisation.organisationNumber),
  );
  const lapsedWithoutRevision = counting
    .filter((c) => c.validUntil < today && c.validUntil >= lapsedSince)
    .filter((c) => !input.certificates.some((o) => o.organisationNumber === c.organisationNumber && o.validUntil > c.validUntil && !o.revokedAt))
    .filter((c) => !revisionUnderWay.has(c.organisationNumber))
    .map(certRow);

  const year = Number(today.slice(0, 4));
  const thisYear = input.applications.filter((a) => stockholmDate(new Date(a.submittedAt)).startsWith(`${year}-`));
  const decided = input.applications.filter((a) => {
    const at = decidedAt(a);
    return at !== undefined && stockholmDate(new Date(at)).startsWith(`${year}-`);
  });
  const certifiedFirst = decided.filter((a) => a.status === 'certified' && (a.reviewRound ?? 1) === 1).length;

  return {
    openByStatus,
    overdueReviews,
    completionsNearDeadline,
    failed,
    lapsingSoon,
    lapsedWithoutRevision,
    figures: {
      year,
      applicationsThisYear: {
        full: thisYear.filter((a) => a.applicationType === 'full').length,
        revision: thisYear.filter((a) => a.applicationType === 'revision').length,
      },
      medianDaysToDecision: median(decided.map((a) => (Date.parse(decidedAt(a)!) - Date.parse(a.submittedAt)) / dayMs).map((d) => Math.round(d))),
      certifiedAtFirstReview: decided.length ? certifiedFirst / decided.length : undefined,
      decidedThisYear: decided.length,
    },
  };
}

/** Whether an application matches a search by organisation name, organisationsnummer or town. */
export function matchesSearch(fields: { name: string; organisationNumber: string; town: string }, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const digits = q.replace(/\D/g, '');
  return (
    fields.name.toLowerCase().includes(q) ||
    fields.town.toLowerCase().includes(q) ||
    (digits.length >= 4 && fields.organisationNumber.replace(/\D/g, '').includes(digits))
  );
}
