import type { ApplicationRecord } from '../domain/application-record.js';
import { applicationToFormValues, type FormFields } from '../domain/application-form.js';
import { assessmentLabels } from './labels.js';
import { criteriaCatalogue } from '../domain/criteria-catalogue.js';
import { renderApplyForm } from './apply-form.template.js';
import type { ValidationError } from '../domain/validation-error.js';
import { href, html, renderLinkNotFoundPage, renderPage } from './layout.template.js';
import { deadlineDate } from '../domain/deadline.js';
import { datesFor } from './swedish-dates.js';
import { localeOf } from './messages.js';
import { genitive } from './swedish-genitive.js';
import type { CompletionRequest } from '../domain/review.js';
import { paths } from '../http/paths.js';

/** The completion pages' words, in the application's language. */
export const completionText = {
  sv: {
    reviewerOn: (criterion: string, value: string) => `Granskaren om ”${criterion}” (${value})`,
    heading: (id: string) => `Komplettera ansökan ${id}`,
    asked: 'Granskaren har bett er komplettera ansökan:',
    concerns: 'Kompletteringen gäller:',
    marked: 'Frågorna det gäller är markerade nedan.',
    deadline: (date: string) =>
      `Ändra det som behövs och skicka in ansökan senast ${date}. Har vi inte fått kompletteringen senast den dagen avslutas ansökan. Organisationsnumret och samverkanspartnerna kan inte ändras.`,
    thanksTitle: 'Tack för kompletteringen',
    thanksHeading: 'Tack för kompletteringen!',
    alreadyTitle: 'Kompletteringen är redan inskickad',
    inReviewAgain: (organisationName: string, id: string) => `${genitive(organisationName)} ansökan ${id} granskas nu igen. Ni får besked via e-post.`,
    closedTitle: 'Tiden för komplettering har gått ut',
    closedBefore: (id: string) => `Ansökan ${id} kan inte längre kompletteras. Ni är välkomna att `,
    closedLink: 'göra en ny ansökan',
  },
  en: {
    reviewerOn: (criterion: string, value: string) => `The reviewer on “${criterion}” (${value})`,
    heading: (id: string) => `Complete application ${id}`,
    asked: 'The reviewer has asked you to complete the application:',
    concerns: 'The completion concerns:',
    marked: 'The questions concerned are marked below.',
    deadline: (date: string) =>
      `Change what is needed and send the application by ${date}. If we have not received the completion by that day, the application is closed. The organisation number and the partners cannot be changed.`,
    thanksTitle: 'Thank you for the completion',
    thanksHeading: 'Thank you for the completion!',
    alreadyTitle: 'The completion has already been sent',
    inReviewAgain: (organisationName: string, id: string) => `Application ${id} from ${organisationName} is being reviewed again. You will hear from us by email.`,
    closedTitle: 'The time for completion has passed',
    closedBefore: (id: string) => `Application ${id} can no longer be completed. You are welcome to `,
    closedLink: 'make a new application',
  },
};

/** The completion form: the application prefilled, with the reviewer's comment on top, in the application's language. */
export function renderCompletionForm(options: {
  application: ApplicationRecord;
  request: CompletionRequest;
  action: string;
  values?: FormFields;
  errors?: readonly ValidationError[];
}): string {
  const { application, request } = options;
  const locale = localeOf(application);
  const t = completionText[locale];
  // The criteria the completion is about name their questions; each question gets the reviewer's words.
  const highlights = new Map<string, string>();
  const named: string[] = [];
  for (const assessed of request.criteria ?? []) {
    const criterion = criteriaCatalogue.criteria.find((c) => c.id === assessed.id);
    if (!criterion) continue;
    const note = `${t.reviewerOn(criterion.title[locale], assessmentLabels[locale][assessed.value].toLowerCase())}${assessed.comment ? `: ${assessed.comment}` : ''}`;
    named.push(note);
    for (const id of criterion.questionIds) highlights.set(id, highlights.has(id) ? `${highlights.get(id)} ${note}` : note);
  }
  return renderApplyForm({
    highlights,
    type: application.applicationType,
    locale,
    values: options.values ?? applicationToFormValues({ type: application.applicationType, organisation: application.organisation, contact: application.contact, partners: application.partners, answers: application.answers } as never),
    errors: options.errors,
    idempotencyKey: '',
    action: options.action,
    heading: t.heading(application.id),
    // The reviewer's words as a quotation block: no quotation marks to get wrong around text that
    // may end with its own full stop.
    intro: html`<p>${t.asked}</p>
<blockquote class="quote">${request.comment}</blockquote>
${named.length ? html`<p>${t.concerns}</p>
<ul>${named.map((note) => html`<li>${note}</li>`)}</ul>
<p>${t.marked}</p>` : ''}
<p>${t.deadline(datesFor(locale).calendarDate(deadlineDate(request.deadline)))}</p>`,
  });
}

export function renderCompletionDone(application: ApplicationRecord, options: { justNow: boolean }): string {
  const locale = localeOf(application);
  const t = completionText[locale];
  return renderPage({
    title: options.justNow ? t.thanksTitle : t.alreadyTitle,
    lang: locale,
    body: html`<h1>${options.justNow ? t.thanksHeading : t.alreadyTitle}</h1>
<p>${t.inReviewAgain(application.organisation.name, application.id)}</p>`,
  });
}

export function renderCompletionClosed(application: ApplicationRecord): string {
  const locale = localeOf(application);
  const t = completionText[locale];
  return renderPage({
    title: t.closedTitle,
    lang: locale,
    body: html`<h1>${t.closedTitle}</h1>
<p>${t.closedBefore(application.id)}<a href="${href(paths.applyIn(locale))}">${t.closedLink}</a>.</p>`,
  });
}

export function renderCompletionUnknown(): string {
  return renderLinkNotFoundPage('Vi hittar ingen komplettering för den här länken.');
}
