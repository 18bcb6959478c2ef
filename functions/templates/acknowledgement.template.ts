import type { ApplicationRecord } from '../domain/application-record.js';
import type { EmailMessage } from '../domain/email-message.js';
import { composeEmail } from './compose-email.js';
import { formatSwedishDate } from './swedish-dates.js';

export const versionNames = { full: 'QM-ansökan', revision: 'revidering av QM' } as const;

/** The applicant's receipt by email, with the private link to the status page. */
export function acknowledgementEmail(application: ApplicationRecord, statusUrl: string): EmailMessage {
  const version = versionNames[application.applicationType];
  return composeEmail({
    to: [application.contact.email],
    subject: `Vi har tagit emot er ansökan (${application.id}) – kvalitetsmärkning QM`,
    heading: 'Tack för er ansökan!',
    greeting: `Hej ${application.contact.name},`,
    paragraphs: [
      `Vi har tagit emot ${application.organisation.name}s ${version} den ${formatSwedishDate(application.submittedAt)}. Ansökan har nummer ${application.id}.`,
      'QM-ansvarig på Svenska Stadskärnor granskar nu ansökan. Ni får besked via e-post, och om något behöver kompletteras får ni en länk för att komplettera.',
    ],
    action: { href: statusUrl, label: 'Se status för ansökan' },
  });
}
