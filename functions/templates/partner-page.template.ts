import type { ApplicationRecord } from '../domain/application-record.js';
import { partnerConfirmationStatement, partnerPublicName, type PartnerConfirmation } from '../domain/partners.js';
import { findQuestion } from '../domain/question-catalogue.js';
import { html, renderLinkNotFoundPage, renderPage } from './layout.template.js';
import { registeredName } from './partner-emails.template.js';
import { formatSwedishDate, formatSwedishDateTime } from './swedish-dates.js';

/** A partner's pages: always Swedish. */
function heading(application: ApplicationRecord) {
  return html`<h1>Bekräfta samverkan: ${registeredName(application)}</h1>
<p>Ansökan om kvalitetsmärkning (QM) ${application.id} · inskickad ${formatSwedishDate(application.submittedAt)}</p>`;
}

/** What the partner needs to judge: who applies, who the partners are, how the work is financed. */
function summary(application: ApplicationRecord, confirmation: PartnerConfirmation) {
  const answer = (id: string) => {
    const value = application.answers[id];
    return value === undefined ? '–' : typeof value === 'number' ? value.toLocaleString('sv-SE') : String(value);
  };
  return html`<p>Ni är angivna som samverkanspartner: <strong>${partnerPublicName(confirmation)}</strong>, kontaktperson ${confirmation.name}.</p>
<dl class="facts">
  <dt>Organisation</dt><dd>${registeredName(application)} (${application.organisation.organisationNumber})</dd>
  <dt>Ort och kommun</dt><dd>${application.organisation.town}, ${application.organisation.municipality}</dd>
  <dt>Kontaktperson</dt><dd>${application.contact.name} (${application.contact.role}), ${application.contact.email}</dd>
  <dt>Samverkanspartner</dt><dd>${(application.partners ?? []).map((p) => partnerPublicName(p)).join(', ')}</dd>
</dl>
<dl class="answers">
  ${['financing', 'agreements'].map((id) => html`<dt>${findQuestion(id)?.label.sv ?? id}</dt><dd>${answer(id)}</dd>`)}
</dl>`;
}

export interface PartnerPageOptions {
  application: ApplicationRecord;
  confirmation: PartnerConfirmation;
  action: string;
  errors?: { path: string; message: string }[];
  values?: { decision?: string; comment?: string };
}

/** GET: the summary and the form. Opening it changes nothing. */
export function renderPartnerPage(options: PartnerPageOptions): string {
  const { application, confirmation, errors = [], values = {} } = options;
  const commentError = errors.find((e) => e.path === 'comment');
  const decisionError = errors.find((e) => e.path !== 'comment');
  const body = html`
${errors.length ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">Svaret kunde inte sparas</h2><ul>${errors.map((e) => html`<li><a href="#${e.path === 'comment' ? 'field-comment' : 'field-decision'}">${e.message}</a></li>`)}</ul></div>` : ''}
${heading(application)}
${summary(application, confirmation)}
<form method="post" action="${options.action}" class="decision-box" novalidate>
  <fieldset id="field-decision">
    <legend>Ert svar</legend>
    ${decisionError ? html`<span class="error-message">${decisionError.message}</span>` : ''}
    <div class="checkbox"><input type="radio" name="decision" id="decision-confirm" value="confirm" ${values.decision === 'confirm' ? 'checked' : ''}><label for="decision-confirm">Bekräfta – ${partnerConfirmationStatement}</label></div>
    <div class="checkbox"><input type="radio" name="decision" id="decision-decline" value="decline" ${values.decision === 'decline' ? 'checked' : ''}><label for="decision-decline">Avböj – vi står inte bakom ansökan</label></div>
  </fieldset>
  <div class="field ${commentError ? 'field-error' : ''}">
    <label for="field-comment">Kommentar till granskaren</label>
    <span class="hint" id="comment-hint">Krävs om ni avböjer.</span>
    ${commentError ? html`<span class="error-message" id="comment-error">${commentError.message}</span>` : ''}
    <textarea name="comment" id="field-comment" aria-describedby="comment-hint${commentError ? ' comment-error' : ''}" ${commentError ? 'aria-invalid="true"' : ''}>${values.comment ?? ''}</textarea>
  </div>
  <button type="submit">Skicka svar</button>
</form>`;
  return renderPage({ title: `${errors.length ? 'Fel: ' : ''}Bekräfta samverkan ${application.id}`, lang: 'sv', body });
}

export function renderPartnerAnswered(application: ApplicationRecord, confirmation: PartnerConfirmation, options: { justNow: boolean }): string {
  const confirmed = confirmation.decision === 'confirm';
  const title = options.justNow ? (confirmed ? 'Tack – ni har bekräftat samverkan' : 'Tack – ni har avböjt') : 'Ni har redan svarat';
  const body = html`${heading(application)}
<div class="notice" role="status">
  <h2>${title}</h2>
  <p>${partnerPublicName(confirmation)} ${confirmed ? 'bekräftade' : 'avböjde'}${confirmation.decidedAt ? html` ${formatSwedishDateTime(confirmation.decidedAt)}` : ''}.</p>
  ${confirmation.comment ? html`<p>Kommentar: ${confirmation.comment}</p>` : ''}
  ${options.justNow ? html`<p>Granskaren på Svenska Stadskärnor ser ert svar.</p>` : html`<p>Svaret kan inte ändras via den här länken.</p>`}
</div>`;
  return renderPage({ title, lang: 'sv', body });
}

export function renderPartnerClosed(application: ApplicationRecord): string {
  const body = html`${heading(application)}
<div class="notice"><h2>Länken gäller inte längre</h2><p>Granskningen av ansökan är avslutad, så något svar behövs inte längre.</p></div>`;
  return renderPage({ title: 'Länken gäller inte längre', lang: 'sv', body });
}

export function renderPartnerUnknown(): string {
  return renderLinkNotFoundPage('Vi hittar ingen ansökan att bekräfta för den här länken.');
}
