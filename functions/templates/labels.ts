import type { ApplicationStatus } from '../domain/application-status.js';
import type { AssessedCriterion, AssessmentError, AssessmentValue } from '../domain/assessment.js';
import type { AuditAction } from '../domain/audit.js';
import type { Criterion } from '../domain/criteria-catalogue.js';
import type { Locale } from '../domain/locale.js';
import type { ReviewDecision } from '../domain/review.js';

/**
 * The words for the domain's codes: statuses, assessment values, decisions, staff actions. The
 * domain names things by code; pages, mails and exports say them in the reader's language here.
 */

/** What applicants read: the words of the programme. */
export const statusLabels: Record<Locale, Record<ApplicationStatus, string>> = {
  sv: {
    awaiting_confirmation: 'Väntar på bekräftelse från medlemmen',
    declined: 'Avslutad – medlemmen bekräftade inte ansökan',
    submitted: 'Ansökan mottagen',
    acknowledged: 'Mottagen, väntar på granskning',
    in_review: 'Under granskning',
    completion_requested: 'Komplettering begärd',
    certified: 'Godkänd – certifierad',
    rejected: 'Avslag',
    expired: 'Avslutad – svaret kom inte in i tid',
    failed: 'Tekniskt fel – vi har larmats och återkommer',
    on_hold: 'Vilande – ett tekniskt fel åtgärdas, sedan fortsätter ärendet',
    withdrawn: 'Tillbakadragen',
  },
  en: {
    awaiting_confirmation: 'Awaiting confirmation from the member',
    declined: 'Closed – the member did not confirm the application',
    submitted: 'Application received',
    acknowledged: 'Received, awaiting review',
    in_review: 'In review',
    completion_requested: 'Completion requested',
    certified: 'Approved – certified',
    rejected: 'Rejected',
    expired: 'Closed – no answer in time',
    failed: 'Technical error – we have been alerted',
    on_hold: 'On hold – a technical problem is being fixed, then it continues',
    withdrawn: 'Withdrawn',
  },
};

export const assessmentLabels: Record<Locale, Record<AssessmentValue, string>> = {
  sv: { met: 'Uppfyllt', partly: 'Delvis uppfyllt', not_met: 'Inte uppfyllt' },
  en: { met: 'Met', partly: 'Partly met', not_met: 'Not met' },
};

/** One line per assessed criterion, e.g. "Handlingsplan: Delvis uppfyllt – Saknar tidsplan". */
export function assessmentLines(assessed: readonly AssessedCriterion[], criteria: readonly Criterion[], locale: Locale): string[] {
  return assessed.map((a) => {
    const criterion = criteria.find((c) => c.id === a.id);
    return `${criterion?.title[locale] ?? a.id}: ${assessmentLabels[locale][a.value]}${a.comment ? ` – ${a.comment}` : ''}`;
  });
}

// The reviewer's page and the staff workspace are Swedish only (the association's own staff).

export const decisionLabels: Record<ReviewDecision, string> = {
  approve: 'Godkänn – certifiera',
  reject: 'Avslå',
  request_completion: 'Begär komplettering',
};

export const decisionPastTense: Record<ReviewDecision, string> = {
  approve: 'godkände ansökan',
  reject: 'avslog ansökan',
  request_completion: 'begärde komplettering',
};

export const auditActionLabels: Record<AuditAction, string> = {
  'sign-in': 'Loggade in',
  'sign-out': 'Loggade ut',
  'resend-review-links': 'Skickade nya granskningslänkar',
  'change-reviewers': 'Bytte granskare',
  'extend-completion': 'Förlängde tiden för komplettering',
  withdraw: 'Drog tillbaka ansökan',
  retry: 'Startade om ansökan',
  note: 'Intern anteckning',
  'override-partners': 'Godkände utan samverkanspartnernas bekräftelse',
  revoke: 'Återkallade certifikatet',
  correct: 'Rättade certifikatet',
  'member-saved': 'Sparade medlem',
  'membership-ended': 'Avslutade medlemskap',
  'members-imported': 'Importerade medlemsregister',
};

/** The reviewer's assessment errors (domain/assessment.ts), in the review page's Swedish. */
export function assessmentErrorText(error: AssessmentError, criteria: readonly Criterion[]): string {
  const title = (id: string) => `”${criteria.find((c) => c.id === id)?.title.sv ?? id}”`;
  switch (error.code) {
    case 'assessment_value_invalid':
      return `Välj Uppfyllt, Delvis uppfyllt eller Inte uppfyllt för ${title(error.params.criterionId)}.`;
    case 'assessment_comment_too_long':
      return `Kommentaren till ${title(error.params.criterionId)} får vara högst ${error.params.max} tecken.`;
    case 'approve_needs_all_met':
      return `Ansökan kan godkännas först när alla kriterier är bedömda som uppfyllda. Inte uppfyllt eller inte bedömt: ${error.params.criterionIds.map(title).join(', ')}.`;
    case 'criterion_not_met':
      return `${title(error.params.criterionId)} är ${error.params.value ? assessmentLabels.sv[error.params.value].toLowerCase() : 'inte bedömt'}.`;
    case 'completion_needs_criteria':
      return 'Ange vilka kriterier kompletteringen gäller: bedöm minst ett kriterium som delvis uppfyllt eller inte uppfyllt.';
  }
}
