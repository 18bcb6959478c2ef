import type { ApplicationRecord } from '../domain/application-record.js';
import type { EmailMessage } from '../domain/email-message.js';
import { partnerConfirmationStatement, partnerRoleLabels, type Partner } from '../domain/partners.js';
import { composeEmail } from './compose-email.js';

/** The organisation as the member register names it (what the certificate will say), else as typed. */
export const registeredName = (application: ApplicationRecord) =>
  application.registered?.name ?? application.organisation.name;

/**
 * To one partner (always Swedish): the organisation named them as a partner; do they take part and
 * stand behind the application and its financing agreement? `reminder` 0 is the first request.
 */
export function partnerConfirmationEmail(input: { application: ApplicationRecord; partner: Partner; url: string; reminder: number }): EmailMessage {
  const { application, partner } = input;
  const organisation = registeredName(application);
  return composeEmail({
    to: [partner.email],
    subject: `${input.reminder > 0 ? `Påminnelse ${input.reminder}: ` : ''}Bekräfta samverkan – ${organisation} ansöker om kvalitetsmärkning (${application.id})`,
    heading: 'Står ni bakom ansökan om kvalitetsmärkning?',
    greeting: `Hej ${partner.name},`,
    paragraphs: [
      `${organisation} i ${application.organisation.town} har ansökt om kvalitetsmärkning (QM) hos Svenska Stadskärnor och anger ${partner.organisation} som samverkanspartner (${partnerRoleLabels.sv[partner.role].toLowerCase()}).`,
      `Kvalitetsmärkningen visar att stadskärnans aktörer står bakom samverkan. Vi ber därför ${partner.organisation} bekräfta: ”${partnerConfirmationStatement}”.`,
      'Känner ni inte igen ansökan, eller står ni inte bakom den, kan ni avböja och skriva varför. Granskaren på Svenska Stadskärnor ser ert svar.',
      ...(input.reminder > 0 ? ['Vi har ännu inte fått ert svar. Ansökan kan inte godkännas förrän alla samverkanspartner har bekräftat.'] : []),
    ],
    facts: [
      ['Ansökan', application.id],
      ['Organisation', organisation],
      ['Kontaktperson', `${application.contact.name}, ${application.contact.email}`],
    ],
    action: {
      href: input.url,
      label: 'Bekräfta eller avböj',
      note: 'Länken är personlig. Att öppna den ändrar ingenting – svaret räknas först när ni väljer och skickar.',
    },
  });
}
