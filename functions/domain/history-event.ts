import type { AssessmentValue } from './assessment.js';
import type { PartnerRole } from './partners.js';

/**
 * What a history entry records, as a code and its data: never as prose. The words are the
 * templates' (functions/templates/history-messages.ts, one table per locale), so a page shows an
 * entry in its own language and rewording a sentence cannot break its translation. Dates are ISO
 * strings, numbers are numbers; free text a person typed (a reviewer's comment, a staff reason, a
 * note) is kept as typed and shown as typed, never translated.
 */

/** A partner as the history names it: role and organisation, worded by the page's locale. */
export interface HistoryPartner {
  role: PartnerRole;
  organisation: string;
}

/** One criterion of an assessment, in catalogue order (titles come from the catalogue by locale). */
export interface HistoryCriterion {
  id: string;
  value: AssessmentValue;
  comment?: string;
}

/** Every kind of entry and the data it carries. */
export interface HistoryEventParams {
  /** The application arrived (or awaits the member's confirmation): the status says it all. */
  submitted: Record<string, never>;
  member_confirmed: Record<string, never>;
  member_declined: Record<string, never>;
  member_confirmation_expired: { days: number };
  acknowledged: Record<string, never>;
  review_started: Record<string, never>;
  completion_received: Record<string, never>;
  review_overdue: Record<string, never>;
  /** `comment` is the reviewer's, to the applicant. */
  certified: { certificateId: string; comment?: string };
  rejected: { comment?: string };
  completion_requested: { comment?: string };
  completion_expired: { days: number };
  /** `error` is the failed step's error name (technical, shown as it is). */
  put_on_hold: { error?: string };
  resumed: Record<string, never>;
  withdrawn: { reason: string };
  restarted: { reason?: string };
  restart_failed: Record<string, never>;
  /** Staff started a new execution for an application on hold. */
  resume_requested: { reason?: string };
  review_links_resent: { round: number; reviewers: string[]; reason?: string };
  reviewers_changed: { round: number; reviewers: string[]; reason?: string };
  /** `lastDay` is a calendar date (YYYY-MM-DD). */
  completion_extended: { lastDay: string; reason: string };
  note: { text: string };
  /** `from` is a calendar date (YYYY-MM-DD). */
  certificate_revoked: { certificateId: string; from: string; reason: string };
  certificate_corrected: {
    certificateId: string;
    before: { organisationName: string; town: string };
    after: { organisationName: string; town: string };
    reason: string;
  };
  /** A mail about the application bounced (`bounceType` as SES gives it) or drew a complaint. */
  mail_undeliverable: { recipient: 'reviewer' | 'staff' | 'recipient'; kind: 'bounce' | 'complaint'; bounceType?: string };
  /** A reviewer saved an assessment (`saved`) or decided on it. */
  assessment: { round: number; saved: boolean; criteria: HistoryCriterion[] };
  partner_confirmed: { partner: HistoryPartner };
  partner_declined: { partner: HistoryPartner; comment?: string };
  partner_reminded: { partner: HistoryPartner; reminder: number };
  partner_overridden: { partner: HistoryPartner; reason: string };
}

export type HistoryEvent = keyof HistoryEventParams;

/** `{ event, params }` with params typed by event: a discriminated union. */
export type HistoryRecord = { [E in HistoryEvent]: { event: E; params: HistoryEventParams[E] } }[HistoryEvent];

/** Builds the `{ event, params }` of an entry, typed by the event. */
export function historyEvent<E extends HistoryEvent>(event: E, params: HistoryEventParams[E]): { event: E; params: HistoryEventParams[E] } {
  return { event, params };
}


/** The partner as the history keeps it (a confirmation carries more: its address, its token). */
export function historyPartner(partner: HistoryPartner): HistoryPartner {
  return { role: partner.role, organisation: partner.organisation };
}
