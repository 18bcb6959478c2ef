import { html } from './layout.template.js';
import type { ApplicationRecord } from '../domain/application-record.js';
import type { EmailMessage } from '../domain/email-message.js';
import { emailButton, renderEmailHtml } from './email-layout.template.js';
import { formatSwedishDate } from './swedish-dates.js';

const versionNames = { full: 'QM-ansökan', revision: 'revidering av QM' } as const;

/** The applicant's receipt by email, with the private link to the status page. */
export function acknowledgementEmail(application: ApplicationRecord, statusUrl: string): EmailMessage {
  const version = versionNames[application.applicationType];
  const date = formatSwedishDate(application.submittedAt);
  const subject = `Vi har tagit emot er ansökan (${application.id}) – kvalitetsmärkning QM`;
  const body = html`
<h1 style="font-size:22px;margin:0 0 16px;">Tack för er ansökan!</h1>
<p>Hej ${application.contact.name},</p>
<p>Vi har tagit emot ${application.organisation.name}s ${version} den ${date}. Ansökan har nummer <strong>${application.id}</strong>.</p>
<p>QM-ansvarig på Svenska Stadskärnor granskar nu ansökan. Ni får besked via e-post, och om något behöver kompletteras får ni en länk för att komplettera.</p>
<p>Här kan ni följa ansökans status:</p>
${emailButton(statusUrl, 'Se status för ansökan')}`;
  const text = [
    `Hej ${application.contact.name},`,
    '',
    `Vi har tagit emot ${application.organisation.name}s ${version} den ${date}. Ansökan har nummer ${application.id}.`,
    '',
    'QM-ansvarig på Svenska Stadskärnor granskar nu ansökan. Ni får besked via e-post, och om något behöver kompletteras får ni en länk för att komplettera.',
    '',
    `Följ ansökans status här (personlig länk, dela den inte): ${statusUrl}`,
    '',
    'Svenska Stadskärnor · Kvalitetsmärkning (QM)',
  ].join('\n');
  return { to: [application.contact.email], subject, html: renderEmailHtml(subject, body), text };
}
