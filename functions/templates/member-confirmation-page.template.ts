import type { ApplicationRecord } from '../domain/application-record.js';
import type { MemberConfirmation } from '../domain/member-confirmation.js';
import { versionNames } from './acknowledgement.template.js';
import { html, renderLinkNotFoundPage, renderPage } from './layout.template.js';
import { deadlineDate } from '../domain/deadline.js';
import { formatCalendarDate, formatSwedishDate, formatSwedishDateTime } from './swedish-dates.js';

/** The member's confirmation pages: always Swedish (the member register's language). */
function heading(application: ApplicationRecord) {
  const registeredName = application.registered?.name ?? application.organisation.name;
  return html`<h1>Bekräfta ansökan för ${registeredName}</h1>
<p>${versionNames[application.applicationType]} · ${application.id} · inskickad ${formatSwedishDate(application.submittedAt)}</p>`;
}

function applicant(application: ApplicationRecord) {
  const { contact, organisation } = application;
  return html`<dl class="facts">
  <dt>Sökande</dt><dd>${contact.name} (${contact.role})</dd>
  <dt>E-post</dt><dd>${contact.email}</dd>
  <dt>Telefon</dt><dd>${contact.phone ?? '–'}</dd>
  <dt>Organisation enligt ansökan</dt><dd>${organisation.name}, ${organisation.town}</dd>
  <dt>Organisationsnummer</dt><dd>${organisation.organisationNumber}</dd>
</dl>`;
}

/** GET: what is asked, and the form. Opening it changes nothing. */
export function renderMemberConfirmationPage(options: { application: ApplicationRecord; confirmation: MemberConfirmation; action: string; error?: string }): string {
  const { application, confirmation } = options;
  const body = html`
${options.error ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">Svaret kunde inte sparas</h2><ul><li><a href="#field-decision">${options.error}</a></li></ul></div>` : ''}
${heading(application)}
<p>Någon har ansökt om kvalitetsmärkning (QM) för er organisation från en e-postadress som inte finns bland era registrerade kontaktadresser. Bekräfta att personen får ansöka för organisationen, eller avböj.</p>
${applicant(application)}
<p>Bekräftar ni blir personen kontaktperson för ansökan och granskningen börjar. Avböjer ni avslutas ansökan och ingen annan får något meddelande. Har vi inte fått ert svar senast ${formatCalendarDate(deadlineDate(confirmation.deadline))} avslutas ansökan.</p>
<form method="post" action="${options.action}" class="decision-box" novalidate>
  <fieldset id="field-decision">
    <legend>Ert svar</legend>
    <div class="checkbox"><input type="radio" name="decision" id="decision-confirm" value="confirm"><label for="decision-confirm">Bekräfta – personen får ansöka för organisationen</label></div>
    <div class="checkbox"><input type="radio" name="decision" id="decision-decline" value="decline"><label for="decision-decline">Avböj – vi känner inte till ansökan</label></div>
  </fieldset>
  <button type="submit">Skicka svar</button>
</form>`;
  return renderPage({ title: `${options.error ? 'Fel: ' : ''}Bekräfta ansökan ${application.id}`, lang: 'sv', body });
}

/** After the answer, or on a used link. */
export function renderMemberConfirmationAnswered(application: ApplicationRecord, confirmation: MemberConfirmation, options: { justNow: boolean }): string {
  const confirmed = confirmation.decision === 'confirm';
  const title = options.justNow ? (confirmed ? 'Tack – ansökan är bekräftad' : 'Tack – ansökan är avböjd') : 'Ansökan är redan besvarad';
  const body = html`${heading(application)}
<div class="notice" role="status">
  <h2>${title}</h2>
  <p>${confirmed ? 'Ansökan bekräftades' : 'Ansökan avböjdes'}${confirmation.decidedAt ? html` ${formatSwedishDateTime(confirmation.decidedAt)}` : ''}.</p>
  <p>${confirmed ? `${application.contact.name} får en mottagningsbekräftelse, och granskningen börjar.` : 'Ansökan avslutas. Ingen annan får något meddelande.'}</p>
  ${options.justNow ? '' : html`<p>Svaret kan inte ändras via den här länken.</p>`}
</div>`;
  return renderPage({ title, lang: 'sv', body });
}

export function renderMemberConfirmationClosed(application: ApplicationRecord): string {
  const body = html`${heading(application)}
<div class="notice"><h2>Länken gäller inte längre</h2><p>Tiden för att bekräfta ansökan har gått ut och ansökan är avslutad. Den som vill ansöka kan göra en ny ansökan.</p></div>`;
  return renderPage({ title: 'Länken gäller inte längre', lang: 'sv', body });
}

export function renderMemberConfirmationUnknown(): string {
  return renderLinkNotFoundPage('Vi hittar ingen ansökan att bekräfta för den här länken.');
}
