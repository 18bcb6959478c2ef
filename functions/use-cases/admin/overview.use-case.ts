import type { ApplicationRecord } from '../../domain/application-record.js';
import { addMonths, stockholmDate } from '../../domain/calendar-date.js';
import { buildOverview, matchesSearch, type ProgrammeOverview } from '../../domain/programme-overview.js';
import { currentRound } from '../lifecycle-deps.js';
import type { AdminDeps } from './admin-deps.js';

export interface OverviewResult {
  overview: ProgrammeOverview;
  /** Applications matching the search (when one was made), newest first. */
  search?: { query: string; applications: ApplicationRecord[] };
}

/**
 * The programme at a glance. Reads every application (one partition of the sparse index) and the
 * certificates that ended in the last year or later: hundreds a year today; at tens of thousands a
 * year this page would want counters kept as applications change (see README).
 */
export async function programmeOverview(deps: AdminDeps, query: string | undefined): Promise<OverviewResult> {
  const now = deps.now();
  const today = stockholmDate(now);
  const [applications, certificates] = await Promise.all([deps.applications.listAll(), deps.certificates.listEndingFrom(addMonths(today, -12))]);
  const waiting = applications.filter((a) => a.status === 'completion_requested');
  const requests = await Promise.all(waiting.map((a) => deps.reviews.getCompletionRequest(a.id, currentRound(a))));
  const completionDeadlines = new Map(requests.flatMap((r) => (r ? [[r.applicationId, r.deadline] as const] : [])));
  const overview = buildOverview({ applications, certificates, completionDeadlines, now, reviewReminderIntervalDays: deps.reviewReminderIntervalDays });
  if (query === undefined || query.trim() === '') return { overview };
  const found = applications
    .filter((a) => matchesSearch({ name: a.organisation.name, organisationNumber: a.organisation.organisationNumber, town: a.organisation.town }, query))
    .reverse();
  return { overview, search: { query, applications: found } };
}
