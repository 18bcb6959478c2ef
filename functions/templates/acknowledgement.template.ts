import type { ApplicationRecord, ApplicationType, Locale } from '../domain/application-record.js';
import type { EmailMessage } from '../domain/email-message.js';
import { composeEmail } from './compose-email.js';
import { localeOf } from './messages.js';
import { datesFor } from './swedish-dates.js';

/** The kinds of application in running Swedish text (also used by the staff's mails and pages). */
export const versionNames = { full: 'QM-ansökan', revision: 'revidering av QM' } as const;

const sv = {
  versionNames: versionNames as Record<ApplicationType, string>,
  subject: (id: string) => `Vi har tagit emot er ansökan (${id}) – kvalitetsmärkning QM`,
  heading: 'Tack för er ansökan!',
  greeting: (name: string) => `Hej ${name},`,
  received: (organisation: string, version: string, date: string, id: string) =>
    `Vi har tagit emot ${organisation}s ${version} den ${date}. Ansökan har nummer ${id}.`,
  next: 'QM-ansvarig på Svenska Stadskärnor granskar nu ansökan. Ni får besked via e-post, och om något behöver kompletteras får ni en länk för att komplettera.',
  action: 'Se status för ansökan',
};

/** The applicant's strings: Swedish first, English second. */
const acknowledgementText: Record<Locale, typeof sv> = {
  sv,
  en: {
    versionNames: { full: 'QM application', revision: 'QM revision' },
    subject: (id: string) => `We have received your application (${id}) – Quality Mark QM`,
    heading: 'Thank you for your application!',
    greeting: (name: string) => `Hello ${name},`,
    received: (organisation: string, version: string, date: string, id: string) =>
      `We received ${organisation}'s ${version} on ${date}. The application number is ${id}.`,
    next: 'The QM officer at Svenska Stadskärnor is now reviewing the application. You will hear from us by email, and if anything needs to be completed you will get a link to complete it.',
    action: 'See the status of the application',
  },
};

/** The applicant's receipt by email, with the private link to the status page. */
export function acknowledgementEmail(application: ApplicationRecord, statusUrl: string): EmailMessage {
  const locale = localeOf(application);
  const t = acknowledgementText[locale];
  return composeEmail({
    locale,
    to: [application.contact.email],
    subject: t.subject(application.id),
    heading: t.heading,
    greeting: t.greeting(application.contact.name),
    paragraphs: [
      t.received(application.organisation.name, t.versionNames[application.applicationType], datesFor(locale).date(application.submittedAt), application.id),
      t.next,
    ],
    action: { href: statusUrl, label: t.action },
  });
}
