import type { ApplicationRecord } from '../domain/application-record.js';
import type { Locale } from '../domain/locale.js';
import type { AssessedCriterion } from '../domain/assessment.js';
import { assessmentLines } from './labels.js';
import { criteriaCatalogue } from '../domain/criteria-catalogue.js';
import type { EmailMessage } from '../domain/email-message.js';
import { versionNames } from './acknowledgement.template.js';
import { composeEmail } from './compose-email.js';
import { localeOf } from './messages.js';
import { deadlineDate } from '../domain/deadline.js';
import { datesFor, formatSwedishDate } from './swedish-dates.js';
import { genitive } from './swedish-genitive.js';

const who = (a: ApplicationRecord) => `${a.organisation.name} i ${a.organisation.town}`;

// --- To the association's staff (reviewers, the programme): Swedish --------------------------------

/** To one reviewer: a new application (or a completed one) waits for a decision. */
export function reviewInvitationEmail(application: ApplicationRecord, reviewer: string, link: string, round: number): EmailMessage {
  const again = round > 1;
  const revision = application.applicationType === 'revision';
  const subject = again ? 'Komplettering inkommen' : revision ? 'Revidering att granska' : 'Ny ansökan att granska';
  const heading = again ? 'En komplettering väntar på granskning' : revision ? 'En revidering väntar på granskning' : 'En ny ansökan väntar på granskning';
  return composeEmail({
    to: [reviewer],
    subject: `${subject}: ${who(application)} (${application.id})`,
    heading,
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
      `${genitive(who(application))} ansökan ${application.id} har väntat på granskning sedan ${formatSwedishDate(waitingSince)}.`,
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
      `${genitive(who(application))} ansökan ${application.id} har väntat på beslut sedan ${formatSwedishDate(waitingSince)}, och påminnelserna till granskarna har inte besvarats.`,
      `Granskare: ${reviewers.join(', ')}. Se till att någon fattar beslut via länken i granskningsmejlet; annars avbryts granskningen och driften larmas.`,
    ],
  });
}

// --- To the applicant, in the application's language (Swedish unless it was made in English) ---------

const sv = {
  greeting: (name: string) => `Hej ${name},`,
  assessment: 'Granskarens bedömning per kriterium:',
  completionCriteria: 'Kompletteringen gäller:',
  certified: {
    subject: (organisation: string, certificateId: string, id: string) =>
      `Grattis! ${organisation} är kvalitetsmärkt (QM) – ${certificateId} (ansökan ${id})`,
    heading: 'Er ansökan är godkänd',
    paragraphs: (organisation: string) => [
      `${organisation} har fått kvalitetsmärkningen QM från Svenska Stadskärnor. Certifikatet gäller i tre år och ger er rätt att söka utmärkelsen Årets Stadskärna under giltighetstiden.`,
      'Vi påminner er i god tid innan certifikatet går ut, med en länk till en förenklad revidering.',
    ],
    facts: { certificate: 'Certifikat', organisation: 'Organisation', validFrom: 'Giltigt från', validUntil: 'Giltigt till och med' },
    documents:
      'Certifikatet finns som PDF i bilagan och kan laddas ner från länken nedan. Vem som helst kan kontrollera att det gäller på den offentliga sidan, dit också QR-koden på certifikatet leder. Där finns ett märke att visa på er webbplats.',
    pdfLink: 'Certifikatet som PDF',
    verificationLink: 'Offentlig kontroll av certifikatet (med märke för er webbplats)',
    pdfFilename: (id: string) => `Certifikat ${id}.pdf`,
    quoteBy: 'Kommentar från granskaren',
    action: 'Se ansökan och certifikatet',
  },
  rejected: {
    subject: (id: string) => `Beslut om er ansökan ${id}: avslag`,
    heading: 'Er ansökan har inte godkänts',
    paragraphs: (organisation: string) => [
      `Svenska Stadskärnor har granskat ${genitive(organisation)} ansökan om kvalitetsmärkning (QM) och kan tyvärr inte godkänna den den här gången.`,
      'Ni är välkomna att ansöka igen när ni har åtgärdat det som granskaren tar upp.',
    ],
    quoteBy: 'Granskarens motivering',
    action: 'Se ansökan',
  },
  completionRequested: {
    subject: (id: string) => `Komplettering behövs: ansökan ${id}`,
    heading: 'Er ansökan behöver kompletteras',
    paragraphs: (organisation: string, deadline: string) => [
      `Granskaren behöver mer underlag innan ${genitive(organisation)} ansökan kan bedömas.`,
      `Komplettera ansökan senast ${deadline}. Formuläret är ifyllt med era tidigare svar – ändra det som behövs och skicka det igen. Har vi inte fått kompletteringen senast den dagen avslutas ansökan.`,
    ],
    quoteBy: 'Granskarens kommentar',
    action: 'Komplettera ansökan',
  },
  expired: {
    subject: (id: string) => `Ansökan ${id} har avslutats`,
    heading: 'Er ansökan har avslutats',
    paragraphs: (organisation: string, id: string) => [
      `Vi fick ingen komplettering av ${genitive(organisation)} ansökan (${id}) före sista dagen, så ansökan har avslutats.`,
      'Ni är välkomna att skicka in en ny ansökan när ni är redo.',
    ],
    action: 'Gör en ny ansökan',
  },
};

/** The applicant's strings: Swedish first, English second. */
export const applicantText: Record<Locale, typeof sv> = {
  sv,
  en: {
    greeting: (name: string) => `Hello ${name},`,
    assessment: "The reviewer's assessment by criterion:",
    completionCriteria: 'The completion concerns:',
    certified: {
      subject: (organisation: string, certificateId: string, id: string) =>
        `Congratulations! ${organisation} holds the Quality Mark (QM) – ${certificateId} (application ${id})`,
      heading: 'Your application has been approved',
      paragraphs: (organisation: string) => [
        `${organisation} has been awarded the Quality Mark (QM) by Svenska Stadskärnor. The certificate is valid for three years and entitles you to apply for the Årets Stadskärna award (Town Centre of the Year) while it is valid.`,
        'We will remind you well before the certificate expires, with a link to a simplified revision.',
      ],
      facts: { certificate: 'Certificate', organisation: 'Organisation', validFrom: 'Valid from', validUntil: 'Valid up to and including' },
      documents:
        'The certificate (in Swedish) is attached as a PDF and can be downloaded from the link below. Anyone can check that it is valid on its public page, where the QR code on the certificate also leads. There you will find a badge to show on your website.',
      pdfLink: 'The certificate as a PDF',
      verificationLink: 'Public verification of the certificate (with a badge for your website)',
      pdfFilename: (id: string) => `Certificate ${id}.pdf`,
      quoteBy: "The reviewer's comment",
      action: 'See the application and the certificate',
    },
    rejected: {
      subject: (id: string) => `Decision on your application ${id}: rejected`,
      heading: 'Your application has not been approved',
      paragraphs: (organisation: string) => [
        `Svenska Stadskärnor has reviewed ${organisation}'s application for the Quality Mark (QM) and unfortunately cannot approve it this time.`,
        'You are welcome to apply again once you have addressed the points the reviewer raises.',
      ],
      quoteBy: "The reviewer's reasons",
      action: 'See the application',
    },
    completionRequested: {
      subject: (id: string) => `Completion needed: application ${id}`,
      heading: 'Your application needs to be completed',
      paragraphs: (organisation: string, deadline: string) => [
        `The reviewer needs more information before ${organisation}'s application can be assessed.`,
        `Complete the application by ${deadline} at the latest. The form is filled in with your previous answers – change what is needed and submit it again. If we have not received the completion by the end of that day, the application is closed.`,
      ],
      quoteBy: "The reviewer's comment",
      action: 'Complete the application',
    },
    expired: {
      subject: (id: string) => `Application ${id} has been closed`,
      heading: 'Your application has been closed',
      paragraphs: (organisation: string, id: string) => [
        `We did not receive a completion of ${organisation}'s application (${id}) before the last day, so the application has been closed.`,
        'You are welcome to submit a new application when you are ready.',
      ],
      action: 'Make a new application',
    },
  },
};

export interface CertifiedEmailDetails {
  certificateId: string;
  /** The organisation as the certificate (the member register) names it. */
  organisationName: string;
  validFrom: string;
  validUntil: string;
  comment?: string;
  statusUrl: string;
  /** The public verification page and the PDF's address (both links are enough without the attachment). */
  verificationUrl?: string;
  pdfUrl?: string;
  /** The certificate PDF, attached when given. */
  pdf?: Uint8Array;
  /** The assessment by criterion the decision was made on. */
  assessment?: readonly AssessedCriterion[];
}

/** The certificate's facts in the mail: the organisation named as the certificate (the member register) names it. */
export function certifiedEmail(application: ApplicationRecord, details: CertifiedEmailDetails): EmailMessage {
  const locale = localeOf(application);
  const t = applicantText[locale];
  const { organisation } = application;
  const dates = datesFor(locale);
  return composeEmail({
    locale,
    to: [application.contact.email],
    subject: t.certified.subject(details.organisationName, details.certificateId, application.id),
    heading: t.certified.heading,
    greeting: t.greeting(application.contact.name),
    paragraphs: [...t.certified.paragraphs(details.organisationName), ...(details.verificationUrl ? [t.certified.documents] : [])],
    ...(details.verificationUrl && details.pdfUrl
      ? {
          links: [
            { label: t.certified.pdfLink, href: details.pdfUrl },
            { label: t.certified.verificationLink, href: details.verificationUrl },
          ],
        }
      : {}),
    ...(details.pdf ? { attachments: [{ filename: t.certified.pdfFilename(details.certificateId), contentType: 'application/pdf', content: details.pdf }] } : {}),
    facts: [
      [t.certified.facts.certificate, details.certificateId],
      [t.certified.facts.organisation, `${details.organisationName} (${organisation.organisationNumber})`],
      [t.certified.facts.validFrom, dates.calendarDate(details.validFrom)],
      [t.certified.facts.validUntil, dates.calendarDate(details.validUntil)],
    ],
    list: { heading: t.assessment, items: lines(details.assessment, locale) },
    ...(details.comment ? { quote: { by: t.certified.quoteBy, text: details.comment } } : {}),
    action: { href: details.statusUrl, label: t.certified.action },
  });
}

/** The assessment as lines for a mail ("Handlingsplan: Delvis uppfyllt – …"). */
const lines = (assessed: readonly AssessedCriterion[] | undefined, locale: Locale) => assessmentLines(assessed ?? [], criteriaCatalogue.criteria, locale);

export function rejectedEmail(application: ApplicationRecord, reason: string, statusUrl: string, assessment: readonly AssessedCriterion[] = []): EmailMessage {
  const locale = localeOf(application);
  const t = applicantText[locale];
  return composeEmail({
    locale,
    to: [application.contact.email],
    subject: t.rejected.subject(application.id),
    heading: t.rejected.heading,
    greeting: t.greeting(application.contact.name),
    paragraphs: t.rejected.paragraphs(application.organisation.name),
    list: { heading: t.assessment, items: lines(assessment, locale) },
    quote: { by: t.rejected.quoteBy, text: reason },
    action: { href: statusUrl, label: t.rejected.action },
  });
}

export function completionRequestedEmail(application: ApplicationRecord, comment: string, link: string, deadline: string, criteria: readonly AssessedCriterion[] = []): EmailMessage {
  const locale = localeOf(application);
  const t = applicantText[locale];
  return composeEmail({
    locale,
    to: [application.contact.email],
    subject: t.completionRequested.subject(application.id),
    heading: t.completionRequested.heading,
    greeting: t.greeting(application.contact.name),
    paragraphs: t.completionRequested.paragraphs(application.organisation.name, datesFor(locale).calendarDate(deadlineDate(deadline))),
    list: { heading: t.completionCriteria, items: lines(criteria, locale) },
    quote: { by: t.completionRequested.quoteBy, text: comment },
    action: { href: link, label: t.completionRequested.action },
  });
}

export function expiredEmail(application: ApplicationRecord, fullApplicationUrl: string): EmailMessage {
  const locale = localeOf(application);
  const t = applicantText[locale];
  return composeEmail({
    locale,
    to: [application.contact.email],
    subject: t.expired.subject(application.id),
    heading: t.expired.heading,
    greeting: t.greeting(application.contact.name),
    paragraphs: t.expired.paragraphs(application.organisation.name, application.id),
    action: { href: fullApplicationUrl, label: t.expired.action },
  });
}

// --- To the operators: Swedish ---------------------------------------------------------------------

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
