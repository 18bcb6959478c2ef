import type { ApplicationRecord } from '../domain/application-record.js';
import type { Locale } from '../domain/locale.js';
import { sectionsFor, type Question } from '../domain/question-catalogue.js';
import { html, safe, type HtmlSafeString } from './layout.template.js';
import { fieldTextFor, uiMessages } from './messages.js';
import { applicantFieldGroups, type ApplicantField, type ApplicantFieldGroup } from '../domain/applicant-fields.js';

/**
 * A group's fields in the order the summary lists them: as described (applicant-fields.ts), with
 * the name first, since a summary opens with whom it is about.
 */
function summaryFields(group: ApplicantFieldGroup): readonly ApplicantField[] {
  const fields: readonly ApplicantField[] = applicantFieldGroups[group];
  return [...fields.filter((f) => f.key === 'name'), ...fields.filter((f) => f.key !== 'name')];
}

/** A group's values with their short labels; an optional field left empty shows as "–". */
function summaryFacts(application: ApplicationRecord, group: ApplicantFieldGroup, locale: Locale) {
  const values: Record<string, string | undefined> = application[group];
  return summaryFields(group).map((field) => ({
    field,
    label: fieldTextFor(locale, `${group}.${field.key}`)?.summaryLabel ?? field.key,
    value: values[field.key],
  }));
}

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
  const h = safe(`h${headingLevel}`);
  const group = (name: ApplicantFieldGroup) => html`
<section aria-labelledby="${idPrefix}-${name}">
  <${h} id="${idPrefix}-${name}">${uiMessages[locale].summaryHeadings[name]}</${h}>
  <dl class="facts">
${summaryFacts(application, name, locale).map(({ label, value }) => html`    <dt>${label}</dt><dd>${value ?? '–'}</dd>\n`)}  </dl>
</section>`;
  return html`${group('organisation')}${group('contact')}`;
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

/**
 * A group in a mail: one line of its values after the group's heading, the organisation number in
 * brackets after the name as letters write it; a web address on a line of its own, so that mail
 * programs make it a link. Empty optional fields are left out.
 */
function applicantLines(application: ApplicationRecord, group: ApplicantFieldGroup, locale: Locale): [string, string][] {
  const facts = summaryFacts(application, group, locale).filter((fact) => fact.value !== undefined && fact.value !== '');
  const inline = facts.filter((fact) => fact.field.input !== 'url');
  const own = facts.filter((fact) => fact.field.input === 'url').map(({ label, value }): [string, string] => [label, value ?? '']);
  const text = inline
    .map(({ field, value }, i) => (field.normaliser === 'organisationNumber' && i > 0 ? ` (${value})` : `${i > 0 ? ', ' : ''}${value}`))
    .join('');
  return [[uiMessages[locale].summaryHeadings[group], text], ...own];
}

/** How much of a long answer a mail repeats; the status page has all of it. */
const mailAnswerLength = 160;

/**
 * The answers as label/value rows for a mail: the organisation, the contact person, and each
 * question with the beginning of its answer (the full copy is on the status page).
 */
export function applicationSummaryLines(application: ApplicationRecord, locale: Locale): [string, string][] {
  const shorten = (text: string) => (text.length > mailAnswerLength ? `${text.slice(0, mailAnswerLength - 1).trimEnd()}…` : text);
  return [
    ...applicantLines(application, 'organisation', locale),
    ...applicantLines(application, 'contact', locale),
    ...sectionsFor(application.applicationType)
      .flatMap((section) => section.questions)
      .map((q): [string, string] => [q.label[locale], shorten(answerText(q, application.answers[q.id], locale).replace(/\s+/g, ' '))]),
  ];
}
