import type { ApplicationRecord } from '../domain/application-record.js';
import type { EmailMessage } from '../domain/email-message.js';
import { versionNames } from './acknowledgement.template.js';
import { composeEmail } from './compose-email.js';
import { formatCalendarDate, formatSwedishDate } from './swedish-dates.js';

const who = (a: ApplicationRecord) => `${a.organisation.name} i ${a.organisation.town}`;

/** To one reviewer: a new application (or a completed one) waits for a decision. */
export function reviewInvitationEmail(application: ApplicationRecord, reviewer: string, link: string, round: number): EmailMessage {
  const again = round > 1;
  return composeEmail({
    to: [reviewer],
    subject: `${again ? 'Komplettering inkommen' : 'Ny ansökan att granska'}: ${who(application)} (${application.id})`,
    heading: again ? 'En komplettering väntar på granskning' : 'En ny ansökan väntar på granskning',
    paragraphs: [
      `${who(application)} har ${again ? 'kompletterat sin' : 'skickat in en'} ${versionNames[application.applicationType]} (${application.id}).`,
      'Öppna länken, läs ansökan och välj ett beslut: godkänn (certifiera), avslå eller begär komplettering. Vid avslag och komplettering skriver du en kommentar som skickas till den sökande.',
    ],
    action: {
      href: link,
      label: 'Granska ansökan',
      note: 'Länken är personlig och gäller tills ett beslut är fattat. Att öppna den ändrar ingenting – beslutet fattas först när du skickar formuläret.',
    },
  });
}

export function reviewReminderEmail(application: ApplicationRecord, reviewer: string, link: string, reminder: number, waitingSince: string): EmailMessage {
  return composeEmail({
    to: [reviewer],
    subject: `Påminnelse ${reminder}: ${who(application)} väntar på granskning (${application.id})`,
    heading: 'Påminnelse: en ansökan väntar på beslut',
    paragraphs: [
      `${who(application)}s ansökan ${application.id} har väntat på granskning sedan ${formatSwedishDate(waitingSince)}.`,
      'Öppna länken och fatta ett beslut: godkänn, avslå eller begär komplettering.',
    ],
    action: { href: link, label: 'Granska ansökan' },
  });
}

export function reviewEscalationEmail(application: ApplicationRecord, to: string, reviewers: string[], waitingSince: string): EmailMessage {
  return composeEmail({
    to: [to],
    subject: `Obesvarad granskning: ${who(application)} (${application.id})`,
    heading: 'En ansökan har inte granskats',
    paragraphs: [
      `${who(application)}s ansökan ${application.id} har väntat på beslut sedan ${formatSwedishDate(waitingSince)}, och påminnelserna till granskarna har inte besvarats.`,
      `Granskare: ${reviewers.join(', ')}. Se till att någon fattar beslut via länken i granskningsmejlet; annars avbryts granskningen och driften larmas.`,
    ],
  });
}

export function certifiedEmail(application: ApplicationRecord, details: { certificateId: string; validFrom: string; validUntil: string; comment?: string; statusUrl: string }): EmailMessage {
  return composeEmail({
    to: [application.contact.email],
    subject: `Grattis! ${application.organisation.name} är kvalitetsmärkt (QM) – ${details.certificateId} (ansökan ${application.id})`,
    heading: 'Er ansökan är godkänd',
    greeting: `Hej ${application.contact.name},`,
    paragraphs: [
      `${application.organisation.name} har fått kvalitetsmärkningen QM från Svenska Stadskärnor. Certifikatet gäller i tre år och ger er rätt att söka utmärkelsen Årets Stadskärna under giltighetstiden.`,
      'Vi påminner er i god tid innan certifikatet går ut, med en länk till en förenklad revidering.',
    ],
    facts: [
      ['Certifikat', details.certificateId],
      ['Organisation', `${application.organisation.name} (${application.organisation.organisationNumber})`],
      ['Giltigt från', formatCalendarDate(details.validFrom)],
      ['Giltigt till', formatCalendarDate(details.validUntil)],
    ],
    ...(details.comment ? { quote: { by: 'Kommentar från granskaren', text: details.comment } } : {}),
    action: { href: details.statusUrl, label: 'Se ansökan och certifikatet' },
  });
}

export function rejectedEmail(application: ApplicationRecord, reason: string, statusUrl: string): EmailMessage {
  return composeEmail({
    to: [application.contact.email],
    subject: `Beslut om er ansökan ${application.id}: avslag`,
    heading: 'Er ansökan har inte godkänts',
    greeting: `Hej ${application.contact.name},`,
    paragraphs: [
      `Svenska Stadskärnor har granskat ${application.organisation.name}s ansökan om kvalitetsmärkning (QM) och kan tyvärr inte godkänna den den här gången.`,
      'Ni är välkomna att ansöka igen när ni har åtgärdat det som granskaren tar upp.',
    ],
    quote: { by: 'Granskarens motivering', text: reason },
    action: { href: statusUrl, label: 'Se ansökan' },
  });
}

export function completionRequestedEmail(application: ApplicationRecord, comment: string, link: string, deadline: string): EmailMessage {
  return composeEmail({
    to: [application.contact.email],
    subject: `Komplettering behövs: ansökan ${application.id}`,
    heading: 'Er ansökan behöver kompletteras',
    greeting: `Hej ${application.contact.name},`,
    paragraphs: [
      `Granskaren behöver mer underlag innan ${application.organisation.name}s ansökan kan bedömas.`,
      `Komplettera senast ${formatSwedishDate(deadline)}. Formuläret är ifyllt med era tidigare svar – ändra det som behövs och skicka igen. Efter sista dagen avslutas ansökan.`,
    ],
    quote: { by: 'Granskarens kommentar', text: comment },
    action: { href: link, label: 'Komplettera ansökan' },
  });
}

export function expiredEmail(application: ApplicationRecord, fullApplicationUrl: string): EmailMessage {
  return composeEmail({
    to: [application.contact.email],
    subject: `Ansökan ${application.id} har avslutats`,
    heading: 'Er ansökan har avslutats',
    greeting: `Hej ${application.contact.name},`,
    paragraphs: [
      `Vi fick ingen komplettering av ${application.organisation.name}s ansökan (${application.id}) före sista dagen, så ansökan har avslutats.`,
      'Ni är välkomna att skicka in en ny ansökan när ni är redo.',
    ],
    action: { href: fullApplicationUrl, label: 'Gör en ny ansökan' },
  });
}

export function operatorAlertEmail(to: string, applicationId: string, what: string, error?: { Error?: string; Cause?: string }): EmailMessage {
  return composeEmail({
    to: [to],
    subject: `[QM larm] ${what}: ${applicationId}`,
    heading: what,
    paragraphs: [
      `Ansökan ${applicationId} har stoppats i arbetsflödet och markerats som avbruten i historiken.`,
      error?.Error ? `Fel: ${error.Error}` : 'Inget tekniskt fel angavs.',
      ...(error?.Cause ? [`Orsak: ${error.Cause.slice(0, 2000)}`] : []),
      'Se ansökans historik i tabellen och arbetsflödets körning (namngiven efter ansökans nummer). Starta om ansökan när orsaken är åtgärdad.',
    ],
  });
}
