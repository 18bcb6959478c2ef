import type { ApplicationRecord } from '../domain/application-record.js';
import type { Locale } from '../domain/locale.js';
import type { Certificate } from '../domain/certificate.js';
import type { EmailMessage } from '../domain/email-message.js';
import { composeEmail } from './compose-email.js';
import { localeOf } from './messages.js';
import { datesFor, formatSwedishDate, formatSwedishDateTime } from './swedish-dates.js';

/** Mails that staff actions send. To staff in Swedish; to applicants in the application's language. */

export function signInLinkEmail(to: string, link: string, validUntil: string): EmailMessage {
  return composeEmail({
    to: [to],
    subject: 'Inloggning till QM-arbetsytan',
    heading: 'Logga in på arbetsytan',
    paragraphs: [
      'Någon (förhoppningsvis du) bad om en inloggningslänk till Kvalitetsmärkningens arbetsyta för personalen.',
      `Länken gäller en gång, till ${formatSwedishDateTime(validUntil)}. Har du inte bett om den kan du bortse från mejlet.`,
    ],
    action: { href: link, label: 'Logga in', note: 'Att öppna länken loggar inte in dig: du loggar in med knappen på sidan.' },
  });
}

export const applicantText = {
  sv: {
    greeting: (name: string) => `Hej ${name},`,
    withdrawn: {
      subject: (id: string) => `Ansökan ${id} har dragits tillbaka`,
      heading: 'Er ansökan har dragits tillbaka',
      paragraph: (organisation: string, id: string) => `Svenska Stadskärnor har dragit tillbaka ${organisation}s ansökan om kvalitetsmärkning (${id}). Ni är välkomna att ansöka igen.`,
      quoteBy: 'Skäl',
    },
    extended: {
      subject: (id: string) => `Mer tid för kompletteringen av ansökan ${id}`,
      heading: 'Ni har fått mer tid att komplettera',
      paragraph: (deadline: string) => `Ni kan nu komplettera ansökan till och med ${deadline}. Använd länken i mejlet om komplettering; den gäller till det nya datumet.`,
      quoteBy: 'Kommentar',
    },
  },
  en: {
    greeting: (name: string) => `Hello ${name},`,
    withdrawn: {
      subject: (id: string) => `Application ${id} has been withdrawn`,
      heading: 'Your application has been withdrawn',
      paragraph: (organisation: string, id: string) => `Svenska Stadskärnor has withdrawn ${organisation}'s application for the Quality Mark (${id}). You are welcome to apply again.`,
      quoteBy: 'Reason',
    },
    extended: {
      subject: (id: string) => `More time to complete application ${id}`,
      heading: 'You have more time to complete your application',
      paragraph: (deadline: string) => `You can now complete the application until ${deadline}. Use the link in the completion email; it works until the new date.`,
      quoteBy: 'Comment',
    },
  },
} satisfies Record<Locale, unknown>;

export function withdrawnEmail(application: ApplicationRecord, reason: string): EmailMessage {
  const locale = localeOf(application);
  const t = applicantText[locale];
  return composeEmail({
    to: [application.contact.email],
    locale,
    subject: t.withdrawn.subject(application.id),
    heading: t.withdrawn.heading,
    greeting: t.greeting(application.contact.name),
    paragraphs: [t.withdrawn.paragraph(application.organisation.name, application.id)],
    quote: { by: t.withdrawn.quoteBy, text: reason },
  });
}

export function completionExtendedEmail(application: ApplicationRecord, deadline: string, reason: string): EmailMessage {
  const locale = localeOf(application);
  const t = applicantText[locale];
  return composeEmail({
    to: [application.contact.email],
    locale,
    subject: t.extended.subject(application.id),
    heading: t.extended.heading,
    greeting: t.greeting(application.contact.name),
    paragraphs: [t.extended.paragraph(datesFor(locale).dateTime(deadline))],
    quote: { by: t.extended.quoteBy, text: reason },
  });
}

export function revocationEmail(certificate: Certificate, reason: string, certificateUrl: string): EmailMessage {
  return composeEmail({
    to: [certificate.contact.email],
    subject: `Kvalitetsmärkningen ${certificate.certificateId} har återkallats`,
    heading: 'Certifikatet har återkallats',
    greeting: `Hej ${certificate.contact.name},`,
    paragraphs: [
      `Svenska Stadskärnor har återkallat ${certificate.organisationName}s kvalitetsmärkning (${certificate.certificateId}) från och med ${formatSwedishDate(certificate.revokedAt ?? '')}.`,
      'Certifikatet finns inte längre med i det offentliga registret från det datumet, och påminnelserna om revidering upphör. Hör av er till oss om ni har frågor.',
    ],
    quote: { by: 'Skäl', text: reason },
    action: { href: certificateUrl, label: 'Se certifikatet' },
  });
}
