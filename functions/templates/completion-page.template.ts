import type { ApplicationRecord } from '../domain/application-record.js';
import { applicationToFormValues, type FormFields } from '../domain/application-form.js';
import { assessmentLabels } from './labels.js';
import { criteriaCatalogue } from '../domain/criteria-catalogue.js';
import { renderApplyForm } from './apply-form.template.js';
import type { ValidationError } from '../domain/validation-error.js';
import { href, html, renderPage } from './layout.template.js';
import { deadlineDate } from '../domain/deadline.js';
import { formatCalendarDate } from './swedish-dates.js';
import { genitive } from './swedish-genitive.js';
import type { CompletionRequest } from '../domain/review.js';
import { paths } from '../http/paths.js';

/** The completion form: the application prefilled, with the reviewer's comment on top. */
export function renderCompletionForm(options: {
  application: ApplicationRecord;
  request: CompletionRequest;
  action: string;
  values?: FormFields;
  errors?: readonly ValidationError[];
}): string {
  const { application, request } = options;
  // The criteria the completion is about name their questions; each question gets the reviewer's words.
  const highlights = new Map<string, string>();
  const named: string[] = [];
  for (const assessed of request.criteria ?? []) {
    const criterion = criteriaCatalogue.criteria.find((c) => c.id === assessed.id);
    if (!criterion) continue;
    const note = `Granskaren om ”${criterion.title.sv}” (${assessmentLabels.sv[assessed.value].toLowerCase()})${assessed.comment ? `: ${assessed.comment}` : ''}`;
    named.push(note);
    for (const id of criterion.questionIds) highlights.set(id, highlights.has(id) ? `${highlights.get(id)} ${note}` : note);
  }
  return renderApplyForm({
    highlights,
    type: application.applicationType,
    locale: 'sv',
    values: options.values ?? applicationToFormValues({ type: application.applicationType, organisation: application.organisation, contact: application.contact, partners: application.partners, answers: application.answers } as never),
    errors: options.errors,
    idempotencyKey: '',
    action: options.action,
    heading: `Komplettera ansökan ${application.id}`,
    // The reviewer's words as a quotation block: no quotation marks to get wrong around text that
    // may end with its own full stop.
    intro: html`<p>Granskaren har bett er komplettera ansökan:</p>
<blockquote class="quote">${request.comment}</blockquote>
${named.length ? html`<p>Kompletteringen gäller:</p>
<ul>${named.map((note) => html`<li>${note}</li>`)}</ul>
<p>Frågorna det gäller är markerade nedan.</p>` : ''}
<p>Ändra det som behövs och skicka in ansökan senast ${formatCalendarDate(deadlineDate(request.deadline))}. Har vi inte fått kompletteringen senast den dagen avslutas ansökan. Organisationsnumret och samverkanspartnerna kan inte ändras.</p>`,
  });
}

export function renderCompletionDone(application: ApplicationRecord, options: { justNow: boolean }): string {
  return renderPage({
    title: options.justNow ? 'Tack för kompletteringen' : 'Kompletteringen är redan inskickad',
    lang: 'sv',
    body: html`<h1>${options.justNow ? 'Tack för kompletteringen!' : 'Kompletteringen är redan inskickad'}</h1>
<p>${genitive(application.organisation.name)} ansökan ${application.id} granskas nu igen. Ni får besked via e-post.</p>`,
  });
}

export function renderCompletionClosed(application: ApplicationRecord): string {
  return renderPage({
    title: 'Tiden för komplettering har gått ut',
    lang: 'sv',
    body: html`<h1>Tiden för komplettering har gått ut</h1>
<p>Ansökan ${application.id} kan inte längre kompletteras. Ni är välkomna att <a href="${href(paths.apply)}">göra en ny ansökan</a>.</p>`,
  });
}

export function renderCompletionUnknown(): string {
  return renderPage({
    title: 'Länken fungerar inte',
    lang: 'sv',
    body: html`<h1>Länken fungerar inte</h1><p>Vi hittar ingen komplettering för den här länken. Kontrollera att hela länken från e-postmeddelandet kom med.</p>`,
  });
}
