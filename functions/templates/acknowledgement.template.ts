import type { ApplicationRecord } from '../domain/application-record.js';
import type { ApplicationType } from '../domain/application-type.js';
import type { Locale } from '../domain/locale.js';
import type { EmailMessage } from '../domain/email-message.js';
import { applicationSummaryLines } from './application-summary.template.js';
import { composeEmail } from './compose-email.js';
import { localeOf } from './messages.js';
import { datesFor } from './swedish-dates.js';
import { genitive } from './swedish-genitive.js';

/** The kinds of application in running Swedish text (also used by the staff's mails and pages). */
export const versionNames = { full: 'QM-ansökan', revision: 'revidering av QM' } as const;

const sv = {
  versionNames: versionNames as Record<ApplicationType, string>,
  subject: (id: string) => `Vi har tagit emot er ansökan (${id}) – kvalitetsmärkning QM`,
  heading: 'Tack för er ansökan!',
  greeting: (name: string) => `Hej ${name},`,
  received: (organisation: string, version: string, date: string, id: string) =>
    `Vi har tagit emot ${genitive(organisation)} ${version} den ${date}. Ansökan har nummer ${id}.`,
  next: 'QM-ansvarig på Svenska Stadskärnor granskar nu ansökan. Ni får besked via e-post, och om något behöver kompletteras får ni en länk för att komplettera.',
  summary: 'Här är en sammanfattning av ansökan. Hela ansökan, som den skickades in, finns på statussidan.',
  action: 'Se status för ansökan',
  personal: 'Länken är personlig: den visar era svar och kontaktuppgifter. Spara det här mejlet för att följa ansökan, och dela inte länken.',
};

/** The applicant's strings: Swedish first, English second. */
export const acknowledgementText: Record<Locale, typeof sv> = {
  sv,
  en: {
    versionNames: { full: 'QM application', revision: 'QM revision' },
    subject: (id: string) => `We have received your application (${id}) – Quality Mark QM`,
    heading: 'Thank you for your application!',
    greeting: (name: string) => `Hello ${name},`,
    received: (organisation: string, version: string, date: string, id: string) =>
      `We received ${organisation}'s ${version} on ${date}. The application number is ${id}.`,
    next: 'The QM officer at Svenska Stadskärnor is now reviewing the application. You will hear from us by email, and if anything needs to be completed you will get a link to complete it.',
    summary: 'Here is a summary of the application. The whole application, as submitted, is on the status page.',
    action: 'See the status of the application',
    personal: 'The link is personal: it shows your answers and contact details. Keep this email to follow the application, and do not share the link.',
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
      t.summary,
    ],
    facts: applicationSummaryLines(application, locale),
    action: { href: statusUrl, label: t.action, note: t.personal },
  });
}

export const againText: Record<Locale, { subject: (id: string) => string; heading: string; body: (organisation: string, id: string) => string; action: string }> = {
  sv: {
    subject: (id) => `Länk till er pågående ansökan (${id}) – kvalitetsmärkning QM`,
    heading: 'Er ansökan är redan under behandling',
    body: (organisation, id) =>
      `Någon försökte just skicka en ny ansökan för ${organisation}. Organisationen har redan en ansökan under behandling (${id}), och bara en ansökan i taget kan behandlas. Här är länken till den pågående ansökan igen. Länken är personlig – spara den och dela den inte.`,
    action: 'Se status för ansökan',
  },
  en: {
    subject: (id) => `Link to your application in progress (${id}) – Quality Mark QM`,
    heading: 'Your application is already in progress',
    body: (organisation, id) =>
      `Someone just tried to send a new application for ${organisation}. The organisation already has an application in progress (${id}), and only one application at a time can be handled. Here is the link to the application in progress again. The link is personal – keep it and do not share it.`,
    action: 'See the status of the application',
  },
};

/** The open application's status link again, to its own contact, after a refused second submission. */
export function statusLinkAgainEmail(application: ApplicationRecord, statusUrl: string): EmailMessage {
  const locale = localeOf(application);
  const t = againText[locale];
  return composeEmail({
    locale,
    to: [application.contact.email],
    subject: t.subject(application.id),
    heading: t.heading,
    greeting: acknowledgementText[locale].greeting(application.contact.name),
    paragraphs: [t.body(application.organisation.name, application.id)],
    action: { href: statusUrl, label: t.action },
  });
}
