import type { Locale } from '../domain/locale.js';
import { deadlineWithinDays } from '../domain/deadline.js';
import { html, renderPage } from './layout.template.js';
import { datesFor } from './swedish-dates.js';

/** The receipt pages of a form submission that does not go straight to the status page. */
export const text = {
  sv: {
    receivedTitle: 'Tack! Ansökan är mottagen',
    received: 'Vi har tagit emot ansökan. Ni får en bekräftelse via e-post med en länk där ni kan följa ansökan.',
    awaitingTitle: 'Ansökan väntar på bekräftelse från medlemmen',
    awaiting: (organisation: string, id: string) =>
      `Vi har tagit emot ansökan för ${organisation} (${id}). E-postadressen ni angav finns inte bland organisationens registrerade kontaktadresser i Svenska Stadskärnors medlemsregister.`,
    next: (deadline: string) =>
      `Därför har vi skickat en begäran om bekräftelse till organisationens registrerade kontaktadress. När medlemmen har bekräftat att ni får söka för organisationen får ni en mottagningsbekräftelse via e-post, och granskningen börjar. Har medlemmen inte bekräftat ansökan senast ${deadline} avslutas den.`,
    noMail: 'Vi skickar ingenting till den adress ni angav förrän medlemmen har bekräftat den.',
  },
  en: {
    receivedTitle: 'Thank you! The application has been received',
    received: 'We have received the application. You will get a confirmation by email with a link where you can follow it.',
    awaitingTitle: 'The application awaits confirmation from the member',
    awaiting: (organisation: string, id: string) =>
      `We have received the application for ${organisation} (${id}). The email address you gave is not one of the organisation's registered contact addresses in the member register of Svenska Stadskärnor.`,
    next: (deadline: string) =>
      `We have therefore asked the organisation’s registered contact address to confirm. Once the member has confirmed that you may apply for the organisation, you will get a receipt by email and the review starts. If the member has not confirmed the application by ${deadline}, it is closed.`,
    noMail: 'We send nothing to the address you gave until the member has confirmed it.',
  },
} as const;

/** An ordinary receipt (shown to a submission that the honeypot caught: it must look like any other). */
export function renderSubmissionReceipt(locale: Locale): string {
  const t = text[locale];
  return renderPage({ title: t.receivedTitle, lang: locale, body: html`<h1>${t.receivedTitle}</h1>\n<p>${t.received}</p>` });
}

/** What an applicant from an unregistered address sees: what happens next, and that it waits for the member. */
export function renderAwaitingConfirmationReceipt(receipt: { id: string; organisationName: string; submittedAt: string }, locale: Locale, confirmationDays: number): string {
  const t = text[locale];
  const deadline = datesFor(locale).calendarDate(deadlineWithinDays(receipt.submittedAt, confirmationDays).date);
  return renderPage({
    title: t.awaitingTitle,
    lang: locale,
    body: html`<h1>${t.awaitingTitle}</h1>
<p>${t.awaiting(receipt.organisationName, receipt.id)}</p>
<p>${t.next(deadline)}</p>
<p>${t.noMail}</p>`,
  });
}
