import type { CalendarDate } from '../domain/calendar-date.js';
import type { RevisionRefusal } from '../domain/revision-eligibility.js';
import { paths } from '../http/paths.js';
import type { Locale } from '../domain/locale.js';
import { href, html, renderPage } from './layout.template.js';
import { uiMessages } from './messages.js';
import { datesFor, formatCalendarDate } from './swedish-dates.js';

/**
 * Pages around the private revision link of a renewal reminder: the introduction of the prefilled
 * form, and the answers when the link is unknown, expired or revision is no longer open.
 */
export interface RevisionIntroFacts {
  certificateId: string;
  applicationId: string;
  validUntil: CalendarDate;
  windowEnd: CalendarDate;
  standing: 'valid' | 'lapsed';
}

/** The form's introduction: what is prefilled and what to do (plain text; the form escapes it). */
export function revisionIntro(facts: RevisionIntroFacts, locale: Locale): string {
  const { calendarDate } = datesFor(locale);
  const until = calendarDate(facts.validUntil);
  const windowEnd = calendarDate(facts.windowEnd);
  if (locale === 'en') {
    return `This revision renews Quality Mark ${facts.certificateId}, ${facts.standing === 'valid' ? `valid up to and including ${until}` : `which expired after ${until}`}. The form is prefilled with your last approved application (${facts.applicationId}): check the details, update what has changed, and describe the changes and results since then. Revisions are accepted until ${windowEnd}.`;
  }
  const standing =
    facts.standing === 'valid'
      ? `som är giltig till och med ${until}. Godkänns revideringen innan dess börjar den nya kvalitetsmärkningen dagen efter, så ni förlorar ingen tid.`
      : `som gällde till och med ${until}. Revidering är möjlig till och med ${windowEnd}.`;
  return `Revideringen förnyar kvalitetsmärkningen ${facts.certificateId}, ${standing} Formuläret är ifyllt med er senast godkända ansökan (${facts.applicationId}): kontrollera uppgifterna, uppdatera det som har ändrats och beskriv vad som har förändrats och vilka resultat ni har nått sedan dess.`;
}

const fullApplicationLink = html`<p><a class="button" href="${href(paths.apply)}">Gör en fullständig QM-ansökan</a></p>`;

export function renderRevisionLinkNotFound(): string {
  return renderPage({
    title: 'Länken fungerar inte',
    lang: 'sv',
    body: html`<h1>Länken fungerar inte</h1>
<p>Vi hittar ingen revidering för den här länken. Kontrollera att du har kopierat hela länken från påminnelsen om revidering.</p>
<p>Har ni en giltig kvalitetsmärkning kan ni också revidera med ett tomt formulär: <a href="${href(paths.revisionForm)}">revidering av QM</a>. Annars gör ni en fullständig ansökan.</p>
${fullApplicationLink}`,
  });
}

export function renderRevisionLinkExpired(expiresOn: CalendarDate): string {
  return renderPage({
    title: 'Länken har gått ut',
    lang: 'sv',
    body: html`<h1>Länken har gått ut</h1>
<p>Länken till revideringen gällde till och med ${formatCalendarDate(expiresOn)}. Tiden för revidering har gått ut, så för att bli kvalitetsmärkta igen gör ni en fullständig QM-ansökan.</p>
${fullApplicationLink}`,
  });
}

/** Revision refused (no certificate, or the grace period is over): the message points to the full application. */
export function renderRevisionNotOpen(refusal: RevisionRefusal, locale: Locale = 'sv'): string {
  const title = locale === 'en' ? 'A revision is not possible' : 'Revidering är inte möjlig';
  return renderPage({
    title,
    lang: locale,
    body: html`<h1>${title}</h1>
<p>${uiMessages[locale].revisionRefusal(refusal)}</p>
${locale === 'en' ? html`<p><a class="button" href="${href(paths.applyIn('en'))}">Make a full QM application</a></p>` : fullApplicationLink}`,
  });
}
