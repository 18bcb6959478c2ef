import type { ApplicationRecord } from '../domain/application-record.js';
import type { Locale } from '../domain/locale.js';
import { sectionsFor, type Question } from '../domain/question-catalogue.js';
import { html, safe, type HtmlSafeString } from './layout.template.js';
import { uiMessages } from './messages.js';

export const labels = {
  sv: { organisation: 'Organisation', contact: 'Kontaktperson', name: 'Namn', organisationNumber: 'Organisationsnummer', town: 'Ort', municipality: 'Kommun', website: 'Webbplats', role: 'Roll', email: 'E-post', phone: 'Telefon' },
  en: { organisation: 'Organisation', contact: 'Contact person', name: 'Name', organisationNumber: 'Organisation number', town: 'Town', municipality: 'Municipality', website: 'Website', role: 'Role', email: 'Email', phone: 'Phone' },
} as const;

export function answerText(question: Question, value: unknown, locale: Locale = 'sv'): string {
  if (value === undefined || value === null || value === '') return '–';
  if (question.kind === 'boolean') return value ? uiMessages[locale].yes : uiMessages[locale].no;
  if (question.kind === 'number' && typeof value === 'number') return value.toLocaleString(locale === 'en' ? 'en-GB' : 'sv-SE');
  if ((question.kind === 'select' || question.kind === 'multiselect') && 'options' in question) {
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => question.options.find((o) => o.value === v)?.label[locale] ?? String(v)).join(', ');
  }
  return String(value);
}

export interface SummaryOptions {
  locale?: Locale;
  /** The level of the section headings (2 on a page of its own, 3 inside a section). */
  headingLevel?: 2 | 3;
  /** Prefix of the heading ids, so two summaries never share an id. */
  idPrefix?: string;
}

/** The organisation and the contact person, read-only. */
export function organisationAndContact(application: ApplicationRecord, options: SummaryOptions = {}): HtmlSafeString {
  const { locale = 'sv', headingLevel = 2, idPrefix = 'summary' } = options;
  const t = labels[locale];
  const h = safe(`h${headingLevel}`);
  const { organisation: o, contact: c } = application;
  return html`
<section aria-labelledby="${idPrefix}-organisation">
  <${h} id="${idPrefix}-organisation">${t.organisation}</${h}>
  <dl class="facts">
    <dt>${t.name}</dt><dd>${o.name}</dd>
    <dt>${t.organisationNumber}</dt><dd>${o.organisationNumber}</dd>
    <dt>${t.town}</dt><dd>${o.town}</dd>
    <dt>${t.municipality}</dt><dd>${o.municipality}</dd>
    <dt>${t.website}</dt><dd>${o.website ?? '–'}</dd>
  </dl>
</section>
<section aria-labelledby="${idPrefix}-contact">
  <${h} id="${idPrefix}-contact">${t.contact}</${h}>
  <dl class="facts">
    <dt>${t.name}</dt><dd>${c.name}</dd>
    <dt>${t.role}</dt><dd>${c.role}</dd>
    <dt>${t.email}</dt><dd>${c.email}</dd>
    <dt>${t.phone}</dt><dd>${c.phone ?? '–'}</dd>
  </dl>
</section>`;
}

/** The whole application as read-only text, every answer escaped; labels from the question catalogue. */
export function applicationSummary(application: ApplicationRecord, options: SummaryOptions = {}): HtmlSafeString {
  const { locale = 'sv', headingLevel = 2, idPrefix = 'summary' } = options;
  const h = safe(`h${headingLevel}`);
  return html`${organisationAndContact(application, options)}
${sectionsFor(application.applicationType).map(
  (section) => html`
<section aria-labelledby="${idPrefix}-${section.id}">
  <${h} id="${idPrefix}-${section.id}">${section.title[locale]}</${h}>
  <dl class="answers">
    ${section.questions.map((q) => html`<dt>${q.label[locale]}</dt><dd class="answer">${answerText(q, application.answers[q.id], locale)}</dd>`)}
  </dl>
</section>`,
)}`;
}

/** How much of a long answer a mail repeats; the status page has all of it. */
const mailAnswerLength = 160;

/**
 * The answers as label/value rows for a mail: the organisation, the contact person, and each
 * question with the beginning of its answer (the full copy is on the status page).
 */
export function applicationSummaryLines(application: ApplicationRecord, locale: Locale): [string, string][] {
  const t = labels[locale];
  const { organisation: o, contact: c } = application;
  const shorten = (text: string) => (text.length > mailAnswerLength ? `${text.slice(0, mailAnswerLength - 1).trimEnd()}…` : text);
  return [
    [t.organisation, `${o.name} (${o.organisationNumber}), ${o.town}, ${o.municipality}`],
    ...(o.website ? ([[t.website, o.website]] as [string, string][]) : []),
    [t.contact, `${c.name}, ${c.role}, ${c.email}${c.phone ? `, ${c.phone}` : ''}`],
    ...sectionsFor(application.applicationType)
      .flatMap((section) => section.questions)
      .map((q): [string, string] => [q.label[locale], shorten(answerText(q, application.answers[q.id], locale).replace(/\s+/g, ' '))]),
  ];
}
