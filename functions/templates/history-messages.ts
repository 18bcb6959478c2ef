import type { StoredHistoryEntry } from '../domain/application-record.js';
import { assessmentLines } from './labels.js';
import { criteriaCatalogue } from '../domain/criteria-catalogue.js';
import type { HistoryCriterion, HistoryEvent, HistoryEventParams } from '../domain/history-event.js';
import type { Locale } from '../domain/locale.js';
import { partnerConfirmationStatement, partnerPublicName } from '../domain/partners.js';
import { formatEnglishCalendarDate } from './swedish-dates.js';

/** How one locale words every kind of history entry, from its params. */
export type HistoryMessages = { [E in HistoryEvent]: (params: HistoryEventParams[E]) => string };

/** The assessment by criterion, one line each ("Titel: Uppfyllt – kommentar"), in the locale's titles. */
const criteriaLines = (criteria: readonly HistoryCriterion[], locale: Locale) => assessmentLines(criteria, criteriaCatalogue.criteria, locale).join('; ');

/** What a person typed, after the event's own words: ": text" when there is any. */
const typed = (text: string | undefined, separator = ': ') => (text ? `${separator}${text}` : '');

/**
 * The history in words, Swedish first (the sentences the system has always written: tests and
 * acceptance checks read them), English second. Free text in params (a reviewer's comment, a
 * staff reason, a note) is shown as typed in both.
 */
export const historyMessages: Record<Locale, HistoryMessages> = {
  sv: {
    submitted: () => '',
    member_confirmed: () => 'Medlemmen bekräftade ansökan och kontaktpersonen',
    member_declined: () => 'Medlemmen avböjde ansökan',
    member_confirmation_expired: ({ days }) => `Medlemmen bekräftade inte ansökan inom ${days} dagar`,
    acknowledged: () => 'Mottagningsbekräftelse skickad till den sökande',
    review_started: () => 'Granskning påbörjad',
    completion_received: () => 'Kompletteringen har kommit in och granskas',
    review_overdue: () => 'Granskningen avbröts: inget beslut fattades inom tidsgränsen',
    certified: ({ certificateId, comment }) => comment ?? `Certifierad: ${certificateId}`,
    rejected: ({ comment }) => comment ?? '',
    completion_requested: ({ comment }) => comment ?? '',
    completion_expired: ({ days }) => `Ingen komplettering inom ${days} dagar`,
    put_on_hold: ({ error }) => `Vilande efter ett tekniskt fel: ${error ?? 'okänt fel'}`,
    resumed: () => 'Återupptagen efter tekniskt fel',
    withdrawn: ({ reason }) => `Tillbakadragen: ${reason}`,
    restarted: ({ reason }) => `Startad om${typed(reason)}`,
    restart_failed: () => 'Omstarten kunde inte starta arbetsflödet',
    resume_requested: ({ reason }) => `Återupptas${typed(reason)}`,
    review_links_resent: ({ round, reviewers, reason }) =>
      `Nya länkar till: ${reviewers.join(', ')} (omgång ${round}); tidigare länkar gäller inte längre${typed(reason, '. Skäl: ')}`,
    reviewers_changed: ({ round, reviewers, reason }) =>
      `Nya granskare: ${reviewers.join(', ')} (omgång ${round}); tidigare länkar gäller inte längre${typed(reason, '. Skäl: ')}`,
    completion_extended: ({ lastDay, reason }) => `Tiden för komplettering förlängd till ${lastDay}: ${reason}`,
    note: ({ text }) => text,
    certificate_revoked: ({ certificateId, from, reason }) => `Certifikatet ${certificateId} återkallat från ${from}: ${reason}`,
    certificate_corrected: ({ certificateId, before, after, reason }) =>
      `Certifikatet ${certificateId} rättat. Namn: ${before.organisationName} → ${after.organisationName}; ort: ${before.town} → ${after.town}. Skäl: ${reason}`,
    mail_undeliverable: ({ recipient, kind, bounceType }) =>
      `E-post till en ${{ reviewer: 'granskare', staff: 'personal', recipient: 'mottagare' }[recipient]} ${kind === 'bounce' ? `kunde inte levereras (${bounceType ?? ''})` : 'markerades som skräppost av mottagaren'}`,
    assessment: ({ round, saved, criteria }) =>
      saved ? `Bedömning sparad (omgång ${round})${typed(criteriaLines(criteria, 'sv'))}` : `Bedömning (omgång ${round}): ${criteriaLines(criteria, 'sv')}`,
    partner_confirmed: ({ partner }) => `${partnerPublicName(partner, 'sv')} bekräftade: ”${partnerConfirmationStatement}”`,
    partner_declined: ({ partner, comment }) => `${partnerPublicName(partner, 'sv')} avböjde: ${comment ?? ''}`,
    partner_reminded: ({ partner, reminder }) => `Påminnelse ${reminder} till ${partnerPublicName(partner, 'sv')} om att bekräfta samverkan`,
    partner_overridden: ({ partner, reason }) => `Ansökan får godkännas utan bekräftelse från ${partnerPublicName(partner, 'sv')}: ${reason}`,
  },
  en: {
    submitted: () => '',
    member_confirmed: () => 'The member confirmed the application and the contact person',
    member_declined: () => 'The member declined the application',
    member_confirmation_expired: ({ days }) => `The member did not confirm the application within ${days} days`,
    acknowledged: () => 'Acknowledgement sent to the applicant',
    review_started: () => 'Review started',
    completion_received: () => 'The completion has arrived and is being reviewed',
    review_overdue: () => 'The review was stopped: no decision was made in time',
    certified: ({ certificateId, comment }) => comment ?? `Certified: ${certificateId}`,
    rejected: ({ comment }) => comment ?? '',
    completion_requested: ({ comment }) => comment ?? '',
    completion_expired: ({ days }) => `No completion within ${days} days`,
    put_on_hold: ({ error }) => `On hold after a technical error: ${error ?? 'unknown error'}`,
    resumed: () => 'Resumed after a technical error',
    withdrawn: ({ reason }) => `Withdrawn: ${reason}`,
    restarted: ({ reason }) => `Restarted${typed(reason)}`,
    restart_failed: () => 'The restart could not start the workflow',
    resume_requested: ({ reason }) => `Being resumed${typed(reason)}`,
    review_links_resent: ({ round, reviewers, reason }) =>
      `New links to: ${reviewers.join(', ')} (round ${round}); earlier links no longer work${typed(reason, '. Reason: ')}`,
    reviewers_changed: ({ round, reviewers, reason }) =>
      `New reviewers: ${reviewers.join(', ')} (round ${round}); earlier links no longer work${typed(reason, '. Reason: ')}`,
    completion_extended: ({ lastDay, reason }) => `Time for the completion extended to ${formatEnglishCalendarDate(lastDay)}: ${reason}`,
    note: ({ text }) => text,
    certificate_revoked: ({ certificateId, from, reason }) => `Certificate ${certificateId} revoked from ${formatEnglishCalendarDate(from)}: ${reason}`,
    certificate_corrected: ({ certificateId, before, after, reason }) =>
      `Certificate ${certificateId} corrected. Name: ${before.organisationName} → ${after.organisationName}; town: ${before.town} → ${after.town}. Reason: ${reason}`,
    mail_undeliverable: ({ recipient, kind, bounceType }) =>
      `Mail to a ${{ reviewer: 'reviewer', staff: 'staff member', recipient: 'recipient' }[recipient]} ${kind === 'bounce' ? `could not be delivered (${bounceType ?? ''})` : 'was marked as spam by the recipient'}`,
    assessment: ({ round, saved, criteria }) =>
      saved ? `Assessment saved (round ${round})${typed(criteriaLines(criteria, 'en'))}` : `Assessment (round ${round}): ${criteriaLines(criteria, 'en')}`,
    partner_confirmed: ({ partner }) =>
      `${partnerPublicName(partner, 'en')} confirmed: “We take part in the collaboration and stand behind the application and its financing agreement”`,
    partner_declined: ({ partner, comment }) => `${partnerPublicName(partner, 'en')} declined: ${comment ?? ''}`,
    partner_reminded: ({ partner, reminder }) => `Reminder ${reminder} to ${partnerPublicName(partner, 'en')} to confirm the collaboration`,
    partner_overridden: ({ partner, reason }) => `The application may be approved without confirmation from ${partnerPublicName(partner, 'en')}: ${reason}`,
  },
};

/**
 * An entry in words, in `locale`. An entry from before entries had codes (no `event` or no
 * `params`, or a code this version does not know) shows its stored comment, as stored.
 */
export function historyText(entry: StoredHistoryEntry, locale: Locale): string {
  const messages = historyMessages[locale];
  if (!entry.event || !entry.params || !Object.hasOwn(messages, entry.event)) {
    const { comment } = entry as { comment?: unknown };
    return typeof comment === 'string' ? comment : '';
  }
  // The table and the params agree by event (HistoryMessages); TypeScript cannot follow the pair through the lookup.
  return (messages[entry.event] as (params: unknown) => string)(entry.params);
}
