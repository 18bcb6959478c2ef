import type { ApplicationRecord } from '../domain/application-record.js';
import type { EmailMessage } from '../domain/email-message.js';
import { versionNames } from './acknowledgement.template.js';
import { composeEmail } from './compose-email.js';
import { deadlineDate } from '../domain/deadline.js';
import { formatCalendarDate } from './swedish-dates.js';

/**
 * To the member's registered addresses (always in Swedish: the member register is the association's
 * and Swedish): someone applied for the organisation from an address the member has not registered.
 */
export function memberConfirmationEmail(input: {
  application: ApplicationRecord;
  memberName: string;
  to: string[];
  url: string;
  deadline: string;
}): EmailMessage {
  const { application, memberName } = input;
  const { contact } = application;
  return composeEmail({
    to: input.to,
    subject: `Bekräfta ansökan om kvalitetsmärkning för ${memberName} (${application.id})`,
    heading: 'Bekräfta vem som ansöker för er organisation',
    paragraphs: [
      `En ${versionNames[application.applicationType]} om kvalitetsmärkning (QM) har skickats in för ${memberName} (${application.organisation.organisationNumber}).`,
      `Den skickades av ${contact.name} (${contact.role}) med e-postadressen ${contact.email}. Adressen finns inte bland organisationens registrerade kontaktadresser i Svenska Stadskärnors medlemsregister, därför ber vi er bekräfta att personen får ansöka för organisationen.`,
      `Bekräftar ni blir ${contact.name} kontaktperson för ansökan och granskningen börjar. Avböjer ni avslutas ansökan och ingen annan får något meddelande. Har vi inte fått svar senast ${formatCalendarDate(deadlineDate(input.deadline))} avslutas ansökan.`,
    ],
    facts: [
      ['Ansökan', application.id],
      ['Organisation', memberName],
      ['Sökande', `${contact.name}, ${contact.email}`],
    ],
    action: {
      href: input.url,
      label: 'Bekräfta eller avböj ansökan',
      note: 'Länken är personlig. Att öppna den ändrar ingenting – svaret räknas först när ni väljer Bekräfta eller Avböj och skickar.',
    },
  });
}
