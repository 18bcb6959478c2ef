import { html, renderPage, type HtmlSafeString } from './layout.template.js';
import type { ApplicationRecord } from '../domain/application-record.js';
import { statusLabels } from '../domain/application-status.js';
import { formatCalendarDate, formatSwedishDate, formatSwedishDateTime } from './swedish-dates.js';

const versionNames = { full: 'QM-ansökan (fullständig)', revision: 'Revidering av QM' } as const;

function actorName(actor: string): string {
  if (actor === 'system') return 'Systemet';
  return actor.includes('@') ? actor.replace(/@.*/, '@…') : actor;
}

export interface StatusPageOptions {
  application: ApplicationRecord;
  /** Shown right after the form was sent. */
  justSubmitted?: boolean;
  /** Extra sections later steps add (certificate, completion link). */
  extra?: HtmlSafeString;
}

/** The applicant's private status page: the application, where it stands, and what happened. */
export function renderStatusPage({ application, justSubmitted, extra }: StatusPageOptions): string {
  const status = statusLabels[application.status].sv;
  const body = html`
${justSubmitted ? html`<div class="notice" role="status"><h2>Tack! Er ansökan har tagits emot.</h2><p>Ni får strax en bekräftelse via e-post med en länk till den här sidan.</p></div>` : ''}
<h1>Ansökan ${application.id}</h1>
<dl class="facts">
  <dt>Organisation</dt><dd>${application.organisation.name} (${application.organisation.organisationNumber})</dd>
  <dt>Ort</dt><dd>${application.organisation.town}</dd>
  <dt>Version</dt><dd>${versionNames[application.applicationType]}</dd>
  <dt>Inskickad</dt><dd>${formatSwedishDate(application.submittedAt)}</dd>
  <dt>Status</dt><dd><strong class="status status-${application.status}">${status}</strong></dd>
</dl>
${certificateSection(application)}
${extra ?? ''}
<h2>Händelser</h2>
<table class="history">
  <caption class="visually-hidden">Ansökans historik</caption>
  <thead><tr><th scope="col">När</th><th scope="col">Status</th><th scope="col">Av</th><th scope="col">Kommentar</th></tr></thead>
  <tbody>
  ${[...application.history].reverse().map(
    (entry) => html`<tr><td>${formatSwedishDateTime(entry.at)}</td><td>${statusLabels[entry.to].sv}</td><td>${actorName(entry.actor)}</td><td>${entry.comment ?? ''}</td></tr>`,
  )}
  </tbody>
</table>`;
  return renderPage({ title: `Ansökan ${application.id} – status`, lang: 'sv', body });
}

function certificateSection(application: ApplicationRecord): HtmlSafeString | '' {
  const { certificateId, validFrom, validUntil } = application;
  if (application.status !== 'certified' || typeof certificateId !== 'string' || typeof validFrom !== 'string' || typeof validUntil !== 'string') return '';
  return html`<section class="notice" aria-labelledby="certificate-heading">
  <h2 id="certificate-heading">Certifikat ${certificateId}</h2>
  <p>${application.organisation.name} är kvalitetsmärkt (QM). Certifikatet är giltigt från ${formatCalendarDate(validFrom)} till och med <strong>${formatCalendarDate(validUntil)}</strong>.</p>
  <p>Under giltighetstiden kan ni söka utmärkelsen Årets Stadskärna. <a href="/certificates/${certificateId}">Visa certifikatet i det offentliga registret</a>.</p>
</section>`;
}

export function renderStatusNotFound(): string {
  return renderPage({
    title: 'Länken fungerar inte',
    lang: 'sv',
    body: html`<h1>Länken fungerar inte</h1><p>Vi hittar ingen ansökan för den här länken. Kontrollera att du har kopierat hela länken från e-postmeddelandet.</p>`,
  });
}
