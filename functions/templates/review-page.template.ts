import type { ApplicationRecord } from '../domain/application-record.js';
import { statusLabels } from '../domain/application-status.js';
import type { OrganisationRecord } from '../use-cases/reviewer-link.use-case.js';
import { formatCalendarDate } from './swedish-dates.js';
import { decisionLabels, decisionPastTense, maxCommentLength, reviewDecisions, type RecordedDecision } from '../domain/review.js';
import { applicationSummary } from './application-summary.template.js';
import { html, renderPage, type HtmlSafeString } from './layout.template.js';
import { formatLimit } from './limits.js';
import { formatSwedishDate, formatSwedishDateTime } from './swedish-dates.js';

const versionNames = { full: 'QM-ansökan (fullständig)', revision: 'Revidering av QM' } as const;

function heading(application: ApplicationRecord) {
  return html`<h1>Granska: ${application.organisation.name}</h1>
<p>Typ av ansökan: ${versionNames[application.applicationType]} · ${application.id} · inskickad ${formatSwedishDate(application.submittedAt)} · ${application.organisation.town}</p>`;
}

/**
 * Who the organisation is according to the member register (shown when the form says otherwise:
 * the certificate will carry the register's name), and its record: certificates and earlier
 * applications.
 */
function organisationRecordSection(application: ApplicationRecord, record: OrganisationRecord | undefined) {
  if (!record) return '';
  const typed = application.organisation;
  const differs = record.registered && (record.registered.name !== typed.name || record.registered.town !== typed.town);
  return html`<section aria-labelledby="organisation-record">
<h2 id="organisation-record">Organisationens historik</h2>
${record.registered
    ? differs
      ? html`<div class="notice"><p><strong>Namnet skiljer sig från medlemsregistret.</strong> I ansökan: ${typed.name}, ${typed.town}. I medlemsregistret: ${record.registered.name}, ${record.registered.town}. Certifikatet och registret använder medlemsregistrets namn.</p></div>`
      : html`<p>Namn och ort stämmer med medlemsregistret: ${record.registered.name}, ${record.registered.town}.</p>`
    : html`<p>Organisationen finns inte längre i medlemsregistret.</p>`}
<h3>Kvalitetsmärkningar</h3>
${record.certificates.length
    ? html`<ul>${record.certificates.map(
        (c) => html`<li><a href="/certificates/${c.certificateId}">${c.certificateId}</a>: giltigt från ${formatCalendarDate(c.validFrom)} till och med ${formatCalendarDate(c.validUntil)}${c.supersededBy ? html` (ersatt av ${c.supersededBy})` : ''}</li>`,
      )}</ul>`
    : html`<p>Inga tidigare kvalitetsmärkningar.</p>`}
<h3>Tidigare ansökningar</h3>
${record.applications.length
    ? html`<ul>${record.applications.map(
        (a) => html`<li>${a.id} · ${versionNames[a.applicationType]} · inskickad ${formatSwedishDate(a.submittedAt)} · ${statusLabels[a.status].sv}${a.certificateId ? html` (${a.certificateId})` : ''}</li>`,
      )}</ul>`
    : html`<p>Inga tidigare ansökningar.</p>`}
</section>`;
}

/** The reviewer's page: the whole application, the organisation's record and the decision form. */
export function renderReviewPage(options: {
  application: ApplicationRecord;
  reviewer: string;
  action: string;
  record?: OrganisationRecord;
  errors?: { path: string; message: string }[];
  values?: { decision?: string; comment?: string };
}): string {
  const { application, errors = [], values = {} } = options;
  const commentError = errors.find((e) => e.path === 'comment');
  const decisionError = errors.find((e) => e.path === 'decision');
  const body = html`
${heading(application)}
${errors.length ? html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">Beslutet kunde inte sparas</h2><ul>${errors.map((e) => html`<li><a href="#${e.path === 'comment' ? 'field-comment' : 'field-decision'}">${e.message}</a></li>`)}</ul></div>` : ''}
<p>Du granskar som <strong>${options.reviewer}</strong>. Läs ansökan och fatta beslut längst ned. Inget ändras förrän du skickar beslutet.</p>
${organisationRecordSection(application, options.record)}
${applicationSummary(application)}
<form method="post" action="${options.action}" class="decision-box" novalidate>
  <h2>Beslut</h2>
  <fieldset id="field-decision" ${decisionError ? html`aria-describedby="decision-error"` : ''}>
    <legend>Vad beslutar du?</legend>
    ${decisionError ? html`<span class="error-message" id="decision-error">${decisionError.message}</span>` : ''}
    ${reviewDecisions.map(
      (d) => html`<div class="checkbox"><input type="radio" name="decision" id="decision-${d}" value="${d}" ${values.decision === d ? 'checked' : ''}><label for="decision-${d}">${decisionLabels[d]}</label></div>`,
    )}
  </fieldset>
  <div class="field ${commentError ? 'field-error' : ''}">
    <label for="field-comment">Kommentar till den sökande</label>
    <span class="hint" id="comment-hint">Krävs vid avslag och komplettering, högst ${formatLimit(maxCommentLength)} tecken. Texten skickas till den sökande.</span>
    ${commentError ? html`<span class="error-message" id="comment-error">${commentError.message}</span>` : ''}
    <textarea name="comment" id="field-comment" aria-describedby="comment-hint${commentError ? ' comment-error' : ''}" ${commentError ? html`aria-invalid="true"` : ''}>${values.comment ?? ''}</textarea>
  </div>
  <button type="submit">Skicka beslut</button>
</form>`;
  return renderPage({ title: `${errors.length ? 'Fel: ' : ''}Granska ${application.organisation.name} (${application.id})`, lang: 'sv', body });
}

/** What the decision led to, as far as it is known when the page is made. */
function outcome(application: ApplicationRecord, decision: RecordedDecision): HtmlSafeString {
  const certificateId = typeof application.certificateId === 'string' ? application.certificateId : undefined;
  switch (decision.decision) {
    case 'approve':
      return certificateId
        ? html`<p>Utfall: <strong>godkänd</strong>. Certifikatet har nummer <strong>${certificateId}</strong>.</p>
<ul><li><a href="/certificates/${certificateId}">Certifikatet ${certificateId} (offentlig sida)</a></li><li><a href="/register">QM-registret</a></li></ul>`
        : html`<p>Utfall: <strong>godkänd</strong>. Certifikatet utfärdas nu; dess nummer och länk visas här när du öppnar granskningslänken igen.</p>
<ul><li><a href="/register">QM-registret</a></li></ul>`;
    case 'reject':
      return html`<p>Utfall: <strong>avslag</strong>. Den sökande får motiveringen via e-post.</p>`;
    case 'request_completion':
      return html`<p>Utfall: <strong>komplettering begärd</strong>. Den sökande får en länk till ett ifyllt formulär för att komplettera.</p>`;
  }
}

/**
 * After the decision, and on a used link: who decided what and when, what it led to, and the
 * application as it was decided on (read-only), so that a second reviewer sees what was decided.
 */
export function renderDecisionMade(application: ApplicationRecord, decision: RecordedDecision, options: { justNow: boolean }): string {
  const title = options.justNow ? 'Beslutet är registrerat' : 'Beslut är redan fattat';
  const body = html`
${heading(application)}
<div class="notice" role="status">
  <h2>${title}</h2>
  <p>${decision.decidedBy} ${decisionPastTense[decision.decision]} ${formatSwedishDateTime(decision.decidedAt)}.</p>
  ${outcome(application, decision)}
  ${decision.comment ? html`<p>Kommentar till den sökande:</p><blockquote class="quote">${decision.comment}</blockquote>` : ''}
  ${options.justNow ? html`<p>Den sökande får besked via e-post.</p>` : html`<p>Ett nytt beslut kan inte fattas via den här länken.</p>`}
</div>
<h2>Ansökan som beslutet gäller</h2>
${applicationSummary(application, { headingLevel: 3 })}`;
  return renderPage({ title: `${title}: ${application.organisation.name} (${application.id})`, lang: 'sv', body });
}

export function renderReviewLinkEnded(application: ApplicationRecord): string {
  const body = html`${heading(application)}
<div class="notice"><h2>Länken gäller inte längre</h2><p>Granskningsomgången är avslutad utan beslut via den här länken. Kontakta QM-ansvarig på Svenska Stadskärnor om ansökan fortfarande behöver granskas.</p></div>`;
  return renderPage({ title: `Länken gäller inte längre: ${application.id}`, lang: 'sv', body });
}

export function renderReviewLinkUnknown(): string {
  return renderPage({
    title: 'Länken fungerar inte',
    lang: 'sv',
    body: html`<h1>Länken fungerar inte</h1><p>Vi hittar ingen granskning för den här länken. Kontrollera att hela länken från e-postmeddelandet kom med.</p>`,
  });
}
