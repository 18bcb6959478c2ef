import { html, renderPage, type HtmlSafeString } from './layout.template.js';
import type { ApplicationRecord, ApplicationType, Locale } from '../domain/application-record.js';
import { statusLabels } from '../domain/application-status.js';
import { assessmentLabels, type AssessedCriterion } from '../domain/assessment.js';
import { criteriaCatalogue } from '../domain/criteria-catalogue.js';
import { localeOf } from './messages.js';
import { datesFor } from './swedish-dates.js';

const sv = {
  versionNames: { full: 'QM-ansökan (fullständig)', revision: 'Revidering av QM' } as Record<ApplicationType, string>,
  system: 'Systemet',
  title: (id: string) => `Ansökan ${id} – status`,
  heading: (id: string) => `Ansökan ${id}`,
  received: {
    heading: 'Tack! Er ansökan har tagits emot.',
    text: 'Ni får strax en bekräftelse via e-post med en länk till den här sidan.',
  },
  facts: { organisation: 'Organisation', town: 'Ort', version: 'Version', submitted: 'Inskickad', status: 'Status' },
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
const statusText: Record<Locale, typeof sv> = {
  sv,
  en: {
    versionNames: { full: 'QM application (full)', revision: 'Revision of QM' },
    system: 'The system',
    title: (id: string) => `Application ${id} – status`,
    heading: (id: string) => `Application ${id}`,
    received: {
      heading: 'Thank you! Your application has been received.',
      text: 'You will shortly receive a confirmation by email with a link to this page.',
    },
    facts: { organisation: 'Organisation', town: 'Town', version: 'Version', submitted: 'Submitted', status: 'Status' },
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
 * The history comments the system itself writes (in Swedish, see the use cases) in English; anything
 * else, such as a reviewer's comment, is shown as written.
 */
const englishHistoryComments: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Mottagningsbekräftelse skickad till den sökande$/, () => 'Acknowledgement sent to the applicant'],
  [/^Granskning påbörjad$/, () => 'Review started'],
  [/^Kompletteringen har kommit in och granskas$/, () => 'The completion has arrived and is being reviewed'],
  [/^Granskningen avbröts: inget beslut fattades inom tidsgränsen$/, () => 'The review was stopped: no decision was made in time'],
  [/^Certifierad: (\S+)$/, (m) => `Certified: ${m[1]}`],
  [/^Ingen komplettering inom (\d+) dagar$/, (m) => `No completion within ${m[1]} days`],
  [/^Arbetsflödet stoppades: okänt fel$/, () => 'The workflow stopped: unknown error'],
  [/^Arbetsflödet stoppades: (.*)$/s, (m) => `The workflow stopped: ${m[1]}`],
];

function historyComment(comment: string | undefined, locale: Locale): string {
  if (!comment || locale === 'sv') return comment ?? '';
  for (const [pattern, translate] of englishHistoryComments) {
    const match = pattern.exec(comment);
    if (match) return translate(match);
  }
  return comment;
}

function actorName(actor: string, locale: Locale): string {
  if (actor === 'system') return statusText[locale].system;
  return actor.includes('@') ? actor.replace(/@.*/, '@…') : actor;
}

export interface StatusPageOptions {
  application: ApplicationRecord;
  /** Shown right after the form was sent. */
  justSubmitted?: boolean;
  /** Extra sections later steps add (certificate, completion link). */
  extra?: HtmlSafeString;
}

/**
 * The applicant's private status page: the application, where it stands, and what happened. In the
 * application's language (Swedish unless it was made in English).
 */
export function renderStatusPage({ application, justSubmitted, extra }: StatusPageOptions): string {
  const locale = localeOf(application);
  const t = statusText[locale];
  const dates = datesFor(locale);
  const status = statusLabels[application.status][locale];
  const body = html`
${justSubmitted ? html`<div class="notice" role="status"><h2>${t.received.heading}</h2><p>${t.received.text}</p></div>` : ''}
<h1>${t.heading(application.id)}</h1>
<dl class="facts">
  <dt>${t.facts.organisation}</dt><dd>${application.organisation.name} (${application.organisation.organisationNumber})</dd>
  <dt>${t.facts.town}</dt><dd>${application.organisation.town}</dd>
  <dt>${t.facts.version}</dt><dd>${t.versionNames[application.applicationType]}</dd>
  <dt>${t.facts.submitted}</dt><dd>${dates.date(application.submittedAt)}</dd>
  <dt>${t.facts.status}</dt><dd><strong class="status status-${application.status}">${status}</strong></dd>
</dl>
${certificateSection(application, locale)}
${assessmentSection(application, locale)}
${extra ?? ''}
<h2>${t.history.heading}</h2>
<table class="history">
  <caption class="visually-hidden">${t.history.caption}</caption>
  <thead><tr><th scope="col">${t.history.when}</th><th scope="col">${t.history.status}</th><th scope="col">${t.history.by}</th><th scope="col">${t.history.comment}</th></tr></thead>
  <tbody>
  ${[...application.history].filter((entry) => entry.event !== 'assessment').reverse().map(
    (entry) => html`<tr><td>${dates.dateTime(entry.at)}</td><td>${statusLabels[entry.to][locale]}</td><td>${actorName(entry.actor, locale)}</td><td>${historyComment(entry.comment, locale)}</td></tr>`,
  )}
  </tbody>
</table>`;
  return renderPage({ title: t.title(application.id), lang: locale, body });
}

/** The assessment of the last decision (drafts a reviewer saved are not shown, nor kept in the visible history). */
function assessmentSection(application: ApplicationRecord, locale: Locale): HtmlSafeString | '' {
  const assessed = (application.assessment as { criteria?: AssessedCriterion[] } | undefined)?.criteria ?? [];
  if (assessed.length === 0) return '';
  const t = statusText[locale].assessment;
  return html`<section aria-labelledby="assessment-heading">
  <h2 id="assessment-heading">${t.heading}</h2>
  <p>${t.intro}</p>
  <table><thead><tr><th scope="col">${t.criterion}</th><th scope="col">${t.value}</th><th scope="col">${t.comment}</th></tr></thead><tbody>
  ${assessed.map((a) => html`<tr><td>${criteriaCatalogue.criteria.find((c) => c.id === a.id)?.title[locale] ?? a.id}</td><td>${assessmentLabels[locale][a.value]}</td><td>${a.comment ?? ''}</td></tr>`)}
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
  <p>${t.award} <a href="/certificates/${certificateId}">${t.register}</a>.</p>
</section>`;
}

export function renderStatusNotFound(): string {
  return renderPage({
    title: 'Länken fungerar inte',
    lang: 'sv',
    body: html`<h1>Länken fungerar inte</h1><p>Vi hittar ingen ansökan för den här länken. Kontrollera att du har kopierat hela länken från e-postmeddelandet.</p>`,
  });
}
