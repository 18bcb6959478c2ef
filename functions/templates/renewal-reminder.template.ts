import type { Certificate } from '../domain/certificate.js';
import type { EmailMessage } from '../domain/email-message.js';
import { composeEmail } from './compose-email.js';
import { formatCalendarDate } from './swedish-dates.js';

type CertificateFacts = Pick<Certificate, 'certificateId' | 'organisationName' | 'town' | 'validFrom' | 'validUntil' | 'contact'>;

const facts = (c: CertificateFacts): [string, string][] => [
  ['Organisation', `${c.organisationName}, ${c.town}`],
  ['Certifikat', c.certificateId],
  ['Giltig', `${formatCalendarDate(c.validFrom)} – ${formatCalendarDate(c.validUntil)}`],
];

export interface RenewalReminderDetails {
  /** Days from the sweep's date to validUntil (180, 90, 30 when sent on time; fewer after downtime). */
  daysLeft: number;
  /** The private link to the prefilled revision form. */
  revisionUrl: string;
  /** The last day the link (and a revision) is accepted. */
  windowEnd: string;
}

/** "Påminnelse om revidering": the certificate runs out on validUntil; revise in time. */
export function renewalReminderEmail(certificate: CertificateFacts, details: RenewalReminderDetails): EmailMessage {
  const until = formatCalendarDate(certificate.validUntil);
  return composeEmail({
    to: [certificate.contact.email],
    subject: `Påminnelse om revidering: ${certificate.organisationName}s kvalitetsmärkning gäller till ${until}`,
    heading: 'Påminnelse om revidering av er kvalitetsmärkning',
    greeting: `Hej ${certificate.contact.name},`,
    paragraphs: [
      `${certificate.organisationName}s kvalitetsmärkning (QM) ${certificate.certificateId} är giltig till ${until}. ${daysLeftText(details.daysLeft)}`,
      'Kvalitetsmärkningen förnyas vart tredje år genom en revidering: en enklare ansökan som utgår från det ni skickade in senast. Formuläret är redan ifyllt med era tidigare svar – ni beskriver vad som har förändrats och vilka resultat ni har nått.',
      'Revidera i god tid. Godkänns revideringen innan kvalitetsmärkningen går ut förlorar ni ingenting: den nya giltighetstiden börjar dagen efter att den nuvarande slutar. En giltig kvalitetsmärkning krävs för att söka Årets Stadskärna.',
    ],
    facts: facts(certificate),
    action: {
      href: details.revisionUrl,
      label: 'Revidera kvalitetsmärkningen',
      note: `Länken är personlig eftersom formuläret visar vad ni har skickat in. Den gäller till och med ${formatCalendarDate(details.windowEnd)}.`,
    },
  });
}

function daysLeftText(days: number): string {
  if (days <= 0) return 'I dag är den sista dagen den gäller.';
  return days === 1 ? 'Den gäller en dag till.' : `Den gäller ${days} dagar till.`;
}

export interface LapseNoticeDetails {
  /** The private link to the revision form, while the grace period is open. */
  revisionUrl?: string;
  /** The last day a revision is accepted. */
  windowEnd: string;
  /** The public full application form. */
  fullApplicationUrl: string;
}

/** "Er kvalitetsmärkning har gått ut": sent the day after validUntil. */
export function lapseNoticeEmail(certificate: CertificateFacts, details: LapseNoticeDetails): EmailMessage {
  const until = formatCalendarDate(certificate.validUntil);
  const windowEnd = formatCalendarDate(details.windowEnd);
  const paragraphs = [
    `${certificate.organisationName}s kvalitetsmärkning (QM) ${certificate.certificateId} gällde till och med ${until} och har nu gått ut. Den räknas inte längre, till exempel inte när en stad söker Årets Stadskärna, och organisationen finns inte med i det offentliga QM-registret efter det datumet.`,
  ];
  if (details.revisionUrl) {
    paragraphs.push(
      `Ni kan fortfarande förnya kvalitetsmärkningen med en revidering till och med ${windowEnd}. Formuläret är ifyllt med era tidigare svar. Den nya kvalitetsmärkningen gäller från beslutsdagen.`,
      `Efter ${windowEnd} behöver ni i stället göra en fullständig QM-ansökan: ${details.fullApplicationUrl}`,
    );
  } else {
    paragraphs.push(`För att bli kvalitetsmärkta igen gör ni en fullständig QM-ansökan: ${details.fullApplicationUrl}`);
  }
  return composeEmail({
    to: [certificate.contact.email],
    subject: `Er kvalitetsmärkning har gått ut – ${certificate.organisationName} (${certificate.certificateId})`,
    heading: 'Er kvalitetsmärkning har gått ut',
    greeting: `Hej ${certificate.contact.name},`,
    paragraphs,
    facts: facts(certificate),
    action: details.revisionUrl
      ? {
          href: details.revisionUrl,
          label: 'Revidera kvalitetsmärkningen',
          note: `Länken är personlig eftersom formuläret visar vad ni har skickat in. Den gäller till och med ${windowEnd}.`,
        }
      : { href: details.fullApplicationUrl, label: 'Gör en fullständig QM-ansökan' },
  });
}
