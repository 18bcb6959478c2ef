import { href, html, renderPage, type HtmlSafeString } from './layout.template.js';
import type { ApplicationRecord, StoredHistoryEntry } from '../domain/application-record.js';
import type { ApplicationType } from '../domain/application-type.js';
import type { Locale } from '../domain/locale.js';
import { assessmentLabels, statusLabels } from './labels.js';
import { applicationSummary } from './application-summary.template.js';
import { criteriaCatalogue } from '../domain/criteria-catalogue.js';
import { historyText } from './history-messages.js';
import { localeOf } from './messages.js';
import { datesFor } from './swedish-dates.js';
import { paths } from '../http/paths.js';

const sv = {
  versionNames: { full: 'QM-ansökan (fullständig)', revision: 'Revidering av QM' } as Record<ApplicationType, string>,
  system: 'Systemet',
  reviewer: 'Granskaren',
  partner: 'Samverkanspartnern',
  association: 'Svenska Stadskärnor',
  member: 'Medlemmen',
  title: (id: string) => `Status för ansökan ${id}`,
  heading: (id: string) => `Ansökan ${id}`,
  received: {
    heading: 'Tack! Er ansökan har tagits emot.',
    text: 'Ni får strax en bekräftelse via e-post med en länk till den här sidan.',
  },
  personal:
    'Adressen till den här sidan är personlig: den visar era svar och kontaktuppgifter. Spara den (till exempel som bokmärke) för att följa ansökan, och dela den inte. Länken finns också i bekräftelsen vi skickade via e-post.',
  facts: { organisation: 'Organisation', town: 'Ort', type: 'Typ av ansökan', contact: 'Kontaktperson', submitted: 'Inskickad', status: 'Status' },
  answers: { summary: 'Era svar, som de skickades in', note: 'En kopia av ansökan som den ser ut hos oss.' },
  assessment: {
    heading: 'Granskarens bedömning per kriterium',
    intro: 'Bedömningen av varje kriterium i QM, med granskarens kommentarer: underlag för er egen utvärdering.',
    criterion: 'Kriterium',
    value: 'Bedömning',
    comment: 'Kommentar',
  },
  history: { heading: 'Händelser', caption: 'Ansökans historik', when: 'När', status: 'Status', by: 'Av', comment: 'Kommentar' },
  certificate: {
    heading: (certificateId: string) => `Certifikat ${certificateId}`,
    validity: (organisation: string, from: string, until: string) =>
      html`${organisation} är kvalitetsmärkt (QM). Certifikatet är giltigt från ${from} till och med <strong>${until}</strong>.`,
    award: 'Under giltighetstiden kan ni söka utmärkelsen Årets Stadskärna.',
    register: 'Visa certifikatet i det offentliga registret',
  },
};

/** The page's strings: Swedish first, English second. */
export const statusText: Record<Locale, typeof sv> = {
  sv,
  en: {
    versionNames: { full: 'QM application (full)', revision: 'Revision of QM' },
    system: 'The system',
    reviewer: 'The reviewer',
    partner: 'The partner',
    association: 'Svenska Stadskärnor',
    member: 'The member',
    title: (id: string) => `Status of application ${id}`,
    heading: (id: string) => `Application ${id}`,
    received: {
      heading: 'Thank you! Your application has been received.',
      text: 'You will shortly receive a confirmation by email with a link to this page.',
    },
    personal:
      'The address of this page is personal: it shows your answers and contact details. Keep it (as a bookmark, for example) to follow the application, and do not share it. The link is also in the confirmation we sent by email.',
    facts: { organisation: 'Organisation', town: 'Town', type: 'Type of application', contact: 'Contact person', submitted: 'Submitted', status: 'Status' },
    answers: { summary: 'Your answers, as submitted', note: 'A copy of the application as we hold it.' },
    assessment: {
      heading: "The reviewer's assessment by criterion",
      intro: 'How each QM criterion was assessed, with the reviewer’s comments: a basis for your own evaluation.',
      criterion: 'Criterion',
      value: 'Assessment',
      comment: 'Comment',
    },
    history: { heading: 'History', caption: 'Application history', when: 'When', status: 'Status', by: 'By', comment: 'Comment' },
    certificate: {
      heading: (certificateId: string) => `Certificate ${certificateId}`,
      validity: (organisation: string, from: string, until: string) =>
        html`${organisation} holds the Quality Mark (QM). The certificate is valid from ${from} up to and including <strong>${until}</strong>.`,
      award: 'While it is valid you may apply for the Årets Stadskärna award (Town Centre of the Year).',
      register: 'View the certificate in the public register',
    },
  },
};

/**
 * Who a history row names: the applicant's own address in full (it is theirs), the system, or the
 * role of the association's people (their addresses are not the applicant's to see).
 */
function actorName(entry: StoredHistoryEntry, application: ApplicationRecord, locale: Locale): string {
  const t = statusText[locale];
  if (entry.actor === 'system') return t.system;
  const own = [application.contact.email, application.history[0]?.actor].filter((a): a is string => !!a).map((a) => a.toLowerCase());
  if (own.includes(entry.actor.toLowerCase())) return entry.actor;
  // A partner's answer is the partner's; an override is the association's (its staff, not named).
  if (entry.event === 'partner_confirmed' || entry.event === 'partner_declined') return t.partner;
  if (entry.event === 'partner_overridden') return t.association;
  return entry.from === 'awaiting_confirmation' ? t.member : t.reviewer;
}

/** One row of the history as a person reads it: what happened, possibly in several recorded steps. */
interface HistoryRow {
  at: string;
  status: StoredHistoryEntry['to'];
  actor: string;
  comments: string[];
}

/** Steps the system takes right after another one belong to the same event ("received, confirmed, review started"). */
const sameEventWithinMs = 5 * 60_000;

/**
 * The history in the order it happened, with the system's immediate follow-up steps merged into
 * the event that caused them: the row keeps the first step's time and actor and the last step's
 * status; the comments of all steps are kept.
 */
export function historyRows(application: ApplicationRecord, locale: Locale): HistoryRow[] {
  const rows: HistoryRow[] = [];
  let startedAt = 0;
  for (const entry of application.history) {
    // Staff notes stay in the workspace; a saved assessment is shown in its own section.
    if (entry.internal || entry.event === 'assessment') continue;
    const at = Date.parse(entry.at);
    const comment = historyText(entry, locale);
    const last = rows.at(-1);
    if (last && entry.actor === 'system' && at - startedAt <= sameEventWithinMs) {
      last.status = entry.to;
      if (comment) last.comments.push(comment);
      continue;
    }
    startedAt = at;
    rows.push({ at: entry.at, status: entry.to, actor: actorName(entry, application, locale), comments: comment ? [comment] : [] });
  }
  return rows;
}

export interface StatusPageOptions {
  application: ApplicationRecord;
  /** Shown on the first view right after the form was sent. */
  justSubmitted?: boolean;
  /** Extra sections later steps add (certificate, completion link). */
  extra?: HtmlSafeString;
}

/**
 * The applicant's private status page: the application, where it stands, what happened, and a
 * copy of the answers. In the application's language (Swedish unless it was made in English).
 */
export function renderStatusPage({ application, justSubmitted, extra }: StatusPageOptions): string {
  const locale = localeOf(application);
  const t = statusText[locale];
  const dates = datesFor(locale);
  const status = statusLabels[locale][application.status];
  const { contact } = application;
  const body = html`
<h1>${t.heading(application.id)}</h1>
${justSubmitted ? html`<div class="notice" role="status"><h2>${t.received.heading}</h2><p>${t.received.text}</p></div>` : ''}
<p class="personal-link">${t.personal}</p>
<dl class="facts">
  <dt>${t.facts.organisation}</dt><dd>${application.organisation.name} (${application.organisation.organisationNumber})</dd>
  <dt>${t.facts.town}</dt><dd>${application.organisation.town}</dd>
  <dt>${t.facts.type}</dt><dd>${t.versionNames[application.applicationType]}</dd>
  <dt>${t.facts.contact}</dt><dd>${contact.name}, ${contact.email}</dd>
  <dt>${t.facts.submitted}</dt><dd>${dates.date(application.submittedAt)}</dd>
  <dt>${t.facts.status}</dt><dd><strong class="status status-${application.status}">${status}</strong></dd>
</dl>
${certificateSection(application, locale)}
${assessmentSection(application, locale)}
${extra ?? ''}
<h2>${t.history.heading}</h2>
<table class="history stack">
  <caption class="visually-hidden">${t.history.caption}</caption>
  <thead><tr><th scope="col">${t.history.when}</th><th scope="col">${t.history.status}</th><th scope="col">${t.history.by}</th><th scope="col">${t.history.comment}</th></tr></thead>
  <tbody>
  ${historyRows(application, locale)
    .reverse()
    .map(
      (row) =>
        html`<tr><td data-label="${t.history.when}">${dates.dateTime(row.at)}</td><td data-label="${t.history.status}">${statusLabels[locale][row.status]}</td><td data-label="${t.history.by}">${row.actor}</td><td data-label="${t.history.comment}">${row.comments.join('. ')}</td></tr>`,
    )}
  </tbody>
</table>
<details class="answers-copy">
  <summary><h2>${t.answers.summary}</h2></summary>
  <p>${t.answers.note}</p>
  ${applicationSummary(application, { locale, headingLevel: 3, idPrefix: 'sent' })}
</details>`;
  return renderPage({ title: t.title(application.id), lang: locale, body });
}

/** The assessment of the last decision (drafts a reviewer saved are not shown, nor kept in the visible history). */
function assessmentSection(application: ApplicationRecord, locale: Locale): HtmlSafeString | '' {
  const assessed = application.assessment?.criteria ?? [];
  if (assessed.length === 0) return '';
  const t = statusText[locale].assessment;
  return html`<section aria-labelledby="assessment-heading">
  <h2 id="assessment-heading">${t.heading}</h2>
  <p>${t.intro}</p>
  <table class="stack"><thead><tr><th scope="col">${t.criterion}</th><th scope="col">${t.value}</th><th scope="col">${t.comment}</th></tr></thead><tbody>
  ${assessed.map((a) => html`<tr><td data-label="${t.criterion}">${criteriaCatalogue.criteria.find((c) => c.id === a.id)?.title[locale] ?? a.id}</td><td data-label="${t.value}">${assessmentLabels[locale][a.value]}</td><td data-label="${t.comment}">${a.comment ?? ''}</td></tr>`)}
  </tbody></table>
</section>`;
}

function certificateSection(application: ApplicationRecord, locale: Locale): HtmlSafeString | '' {
  const { certificateId, validFrom, validUntil } = application;
  if (application.status !== 'certified' || typeof certificateId !== 'string' || typeof validFrom !== 'string' || typeof validUntil !== 'string') return '';
  const t = statusText[locale].certificate;
  const dates = datesFor(locale);
  return html`<section class="notice" aria-labelledby="certificate-heading">
  <h2 id="certificate-heading">${t.heading(certificateId)}</h2>
  <p>${t.validity(application.organisation.name, dates.calendarDate(validFrom), dates.calendarDate(validUntil))}</p>
  <p>${t.award} <a href="${href(paths.certificate(certificateId))}">${t.register}</a>.</p>
</section>`;
}

export function renderStatusNotFound(): string {
  return renderPage({
    title: 'Länken fungerar inte',
    lang: 'sv',
    body: html`<h1>Länken fungerar inte</h1><p>Vi hittar ingen ansökan för den här länken. Kontrollera att du har kopierat hela länken från e-postmeddelandet.</p>`,
  });
}
