import type { ApplicationRecord } from '../domain/application-record.js';
import { sectionsFor, type Question } from '../domain/question-catalogue.js';
import { html, type HtmlSafeString } from './layout.template.js';

export function answerText(question: Question, value: unknown): string {
  if (value === undefined || value === null || value === '') return '–';
  if (question.kind === 'boolean') return value ? 'Ja' : 'Nej';
  if (question.kind === 'number' && typeof value === 'number') return value.toLocaleString('sv-SE');
  if ((question.kind === 'select' || question.kind === 'multiselect') && 'options' in question) {
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => question.options.find((o) => o.value === v)?.label.sv ?? String(v)).join(', ');
  }
  return String(value);
}

/** The organisation and the contact person, read-only. */
export function organisationAndContact(application: ApplicationRecord): HtmlSafeString {
  const { organisation: o, contact: c } = application;
  return html`
<section aria-labelledby="summary-organisation">
  <h2 id="summary-organisation">Organisation</h2>
  <dl class="facts">
    <dt>Namn</dt><dd>${o.name}</dd>
    <dt>Organisationsnummer</dt><dd>${o.organisationNumber}</dd>
    <dt>Ort</dt><dd>${o.town}</dd>
    <dt>Kommun</dt><dd>${o.municipality}</dd>
    <dt>Webbplats</dt><dd>${o.website ?? '–'}</dd>
  </dl>
  <h2>Kontaktperson</h2>
  <dl class="facts">
    <dt>Namn</dt><dd>${c.name}</dd>
    <dt>Roll</dt><dd>${c.role}</dd>
    <dt>E-post</dt><dd>${c.email}</dd>
    <dt>Telefon</dt><dd>${c.phone ?? '–'}</dd>
  </dl>
</section>`;
}

/** The whole application as read-only text, every answer escaped; labels from the question catalogue. */
export function applicationSummary(application: ApplicationRecord): HtmlSafeString {
  return html`${organisationAndContact(application)}
${sectionsFor(application.applicationType).map(
  (section) => html`
<section>
  <h2>${section.title.sv}</h2>
  <dl class="answers">
    ${section.questions.map((q) => html`<dt>${q.label.sv}</dt><dd class="answer">${answerText(q, application.answers[q.id])}</dd>`)}
  </dl>
</section>`,
)}`;
}
