import type { Locale } from '../domain/locale.js';
import type { Certificate } from '../domain/certificate.js';
import type { EmailMessage } from '../domain/email-message.js';
import { composeEmail } from './compose-email.js';
import { localeOf } from './messages.js';
import { datesFor, type DateFormats } from './swedish-dates.js';
import { genitive } from './swedish-genitive.js';

type CertificateFacts = Pick<Certificate, 'certificateId' | 'organisationName' | 'town' | 'validFrom' | 'validUntil' | 'contact' | 'locale'>;

const sv = {
  greeting: (name: string) => `Hej ${name},`,
  facts: { organisation: 'Organisation', certificate: 'Certifikat', valid: 'Giltigt', validity: (from: string, until: string) => `från ${from} till och med ${until}` },
  reviseAction: 'Revidera kvalitetsmärkningen',
  personalLink: (windowEnd: string) => `Länken är personlig eftersom formuläret visar vad ni har skickat in. Den gäller till och med ${windowEnd}.`,
  reminder: {
    subject: (organisation: string, until: string) => `Påminnelse om revidering: ${genitive(organisation)} kvalitetsmärkning är giltig till och med ${until}`,
    heading: 'Påminnelse om revidering av er kvalitetsmärkning',
    validUntil: (organisation: string, certificateId: string, until: string) => `${genitive(organisation)} certifikat för kvalitetsmärkning (QM), ${certificateId}, är giltigt till och med ${until}.`,
    daysLeft: (days: number) => {
      if (days <= 0) return 'I dag är den sista dagen det gäller.';
      return days === 1 ? 'Det är en dag kvar.' : `Det är ${days} dagar kvar.`;
    },
    paragraphs: [
      'Kvalitetsmärkningen förnyas vart tredje år genom en revidering: en enklare ansökan som utgår från det ni skickade in senast. Formuläret är redan ifyllt med era tidigare svar – ni beskriver vad som har förändrats och vilka resultat ni har nått.',
      'Revidera i god tid. Godkänns revideringen innan kvalitetsmärkningen går ut förlorar ni ingenting: den nya giltighetstiden börjar dagen efter att den nuvarande slutar. En giltig kvalitetsmärkning krävs för att söka Årets Stadskärna.',
    ],
  },
  lapse: {
    subject: (organisation: string, certificateId: string) => `Er kvalitetsmärkning har gått ut – ${organisation} (${certificateId})`,
    heading: 'Er kvalitetsmärkning har gått ut',
    lapsed: (organisation: string, certificateId: string, until: string) =>
      `${genitive(organisation)} certifikat för kvalitetsmärkning (QM), ${certificateId}, gällde till och med ${until} och har nu gått ut. Den räknas inte längre, till exempel inte när en stad söker Årets Stadskärna, och organisationen finns inte med i det offentliga QM-registret efter det datumet.`,
    canRevise: (windowEnd: string) =>
      `Ni kan fortfarande förnya kvalitetsmärkningen med en revidering till och med ${windowEnd}. Formuläret är ifyllt med era tidigare svar. Den nya kvalitetsmärkningen gäller från beslutsdagen.`,
    afterWindow: (windowEnd: string, url: string) => `Efter ${windowEnd} behöver ni i stället göra en fullständig QM-ansökan: ${url}`,
    applyAgain: (url: string) => `För att bli kvalitetsmärkta igen gör ni en fullständig QM-ansökan: ${url}`,
    fullAction: 'Gör en fullständig QM-ansökan',
  },
};

/** The contact's strings: Swedish first, English second. */
export const renewalText: Record<Locale, typeof sv> = {
  sv,
  en: {
    greeting: (name: string) => `Hello ${name},`,
    facts: { organisation: 'Organisation', certificate: 'Certificate', valid: 'Valid', validity: (from: string, until: string) => `from ${from} up to and including ${until}` },
    reviseAction: 'Revise the Quality Mark',
    personalLink: (windowEnd: string) => `The link is personal because the form shows what you have submitted. It is valid up to and including ${windowEnd}.`,
    reminder: {
      subject: (organisation: string, until: string) => `Reminder to revise: ${organisation}'s Quality Mark is valid up to and including ${until}`,
      heading: 'Reminder to revise your Quality Mark',
      validUntil: (organisation: string, certificateId: string, until: string) => `${organisation}'s Quality Mark (QM), certificate ${certificateId}, is valid up to and including ${until}.`,
      daysLeft: (days: number) => {
        if (days <= 0) return 'Today is the last day it is valid.';
        return days === 1 ? 'It is valid for one more day.' : `It is valid for ${days} more days.`;
      },
      paragraphs: [
        'The Quality Mark is renewed every third year through a revision: a simpler application based on what you submitted last time. The form is already filled in with your previous answers – you describe what has changed and what results you have achieved.',
        'Revise in good time. If the revision is approved before the Quality Mark expires, you lose nothing: the new period of validity starts the day after the current one ends. A valid Quality Mark is required to apply for Årets Stadskärna (Town Centre of the Year).',
      ],
    },
    lapse: {
      subject: (organisation: string, certificateId: string) => `Your Quality Mark has expired – ${organisation} (${certificateId})`,
      heading: 'Your Quality Mark has expired',
      lapsed: (organisation: string, certificateId: string, until: string) =>
        `${organisation}'s Quality Mark (QM) ${certificateId} was valid up to and including ${until} and has now expired. It no longer counts, for example when a town applies for Årets Stadskärna (Town Centre of the Year), and the organisation is not listed in the public QM register after that date.`,
      canRevise: (windowEnd: string) =>
        `You can still renew the Quality Mark with a revision up to and including ${windowEnd}. The form is filled in with your previous answers. The new Quality Mark is valid from the date of the decision.`,
      afterWindow: (windowEnd: string, url: string) => `After ${windowEnd} you will need to make a full QM application instead: ${url}`,
      applyAgain: (url: string) => `To hold the Quality Mark again, make a full QM application: ${url}`,
      fullAction: 'Make a full QM application',
    },
  },
};

const facts = (c: CertificateFacts, t: typeof sv, dates: DateFormats): [string, string][] => [
  [t.facts.organisation, `${c.organisationName}, ${c.town}`],
  [t.facts.certificate, c.certificateId],
  [t.facts.valid, t.facts.validity(dates.calendarDate(c.validFrom), dates.calendarDate(c.validUntil))],
];

export interface RenewalReminderDetails {
  /** Days from the sweep's date to validUntil (180, 90, 30 when sent on time; fewer after downtime). */
  daysLeft: number;
  /** The private link to the prefilled revision form. */
  revisionUrl: string;
  /** The last day the link (and a revision) is accepted. */
  windowEnd: string;
}

/**
 * "Påminnelse om revidering": the certificate runs out on validUntil; revise in time. In the
 * language of the approved application (the certificate's locale), Swedish unless it says 'en'.
 */
export function renewalReminderEmail(certificate: CertificateFacts, details: RenewalReminderDetails): EmailMessage {
  const locale = localeOf(certificate);
  const t = renewalText[locale];
  const dates = datesFor(locale);
  const until = dates.calendarDate(certificate.validUntil);
  return composeEmail({
    locale,
    to: [certificate.contact.email],
    subject: t.reminder.subject(certificate.organisationName, until),
    heading: t.reminder.heading,
    greeting: t.greeting(certificate.contact.name),
    paragraphs: [
      `${t.reminder.validUntil(certificate.organisationName, certificate.certificateId, until)} ${t.reminder.daysLeft(details.daysLeft)}`,
      ...t.reminder.paragraphs,
    ],
    facts: facts(certificate, t, dates),
    action: {
      href: details.revisionUrl,
      label: t.reviseAction,
      note: t.personalLink(dates.calendarDate(details.windowEnd)),
    },
  });
}

export interface LapseNoticeDetails {
  /** The private link to the revision form, while the grace period is open. */
  revisionUrl?: string;
  /** The last day a revision is accepted. */
  windowEnd: string;
  /** The public full application form. */
  fullApplicationUrl: string;
}

/** "Er kvalitetsmärkning har gått ut": sent the day after validUntil, in the certificate's language. */
export function lapseNoticeEmail(certificate: CertificateFacts, details: LapseNoticeDetails): EmailMessage {
  const locale = localeOf(certificate);
  const t = renewalText[locale];
  const dates = datesFor(locale);
  const until = dates.calendarDate(certificate.validUntil);
  const windowEnd = dates.calendarDate(details.windowEnd);
  const paragraphs = [t.lapse.lapsed(certificate.organisationName, certificate.certificateId, until)];
  if (details.revisionUrl) {
    paragraphs.push(t.lapse.canRevise(windowEnd), t.lapse.afterWindow(windowEnd, details.fullApplicationUrl));
  } else {
    paragraphs.push(t.lapse.applyAgain(details.fullApplicationUrl));
  }
  return composeEmail({
    locale,
    to: [certificate.contact.email],
    subject: t.lapse.subject(certificate.organisationName, certificate.certificateId),
    heading: t.lapse.heading,
    greeting: t.greeting(certificate.contact.name),
    paragraphs,
    facts: facts(certificate, t, dates),
    action: details.revisionUrl
      ? { href: details.revisionUrl, label: t.reviseAction, note: t.personalLink(windowEnd) }
      : { href: details.fullApplicationUrl, label: t.lapse.fullAction },
  });
}
