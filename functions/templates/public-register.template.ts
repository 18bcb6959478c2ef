import type { CalendarDate } from '../domain/calendar-date.js';
import { certificateStatus, type Certificate } from '../domain/certificate.js';
import type { PartnerRole } from '../domain/partners.js';
import { href, html, renderPage } from './layout.template.js';
import { formatCalendarDate } from './swedish-dates.js';
import { paths } from '../http/paths.js';

/**
 * The public QM register: who holds a valid Quality Mark on a date, and until when. It answers "may
 * town X apply for Årets Stadskärna?". Public: no contact persons, no e-mail addresses.
 */
export interface RegisterEntry {
  certificateId: string;
  organisationName: string;
  organisationNumber: string;
  town: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  /** The partners who confirmed the collaboration (role and organisation; none for older certificates). */
  partners: { role: PartnerRole; organisation: string }[];
}

const swedishOrder = new Intl.Collator('sv', { sensitivity: 'base' });

/**
 * The public fields only, sorted by town (Swedish order: … Ö last), then by organisation. Only what is
 * valid on the date: the query selects by dates, and a revoked certificate is dropped here.
 */
export function registerEntries(certificates: readonly Certificate[], date: CalendarDate): RegisterEntry[] {
  // One line per organisation, whatever the data says: validity never overlaps by the rules of
  // certificate.ts, and should it ever, the latest decision is the one that counts.
  const latest = new Map<string, Certificate>();
  for (const c of certificates.filter((certificate) => certificateStatus(certificate, date) === 'valid')) {
    const seen = latest.get(c.organisationNumber);
    if (!seen || seen.issuedAt < c.issuedAt) latest.set(c.organisationNumber, c);
  }
  return [...latest.values()]
    .map(({ certificateId, organisationName, organisationNumber, town, validFrom, validUntil, partners }) => ({
      certificateId,
      organisationName,
      organisationNumber,
      town,
      validFrom,
      validUntil,
      partners: (partners ?? []).map(({ role, organisation }) => ({ role, organisation })),
    }))
    .sort((a, b) => swedishOrder.compare(a.town, b.town) || swedishOrder.compare(a.organisationName, b.organisationName));
}

export interface RegisterPageOptions {
  /** The date asked about (today when none was given). */
  date: CalendarDate;
  today: CalendarDate;
  entries: readonly RegisterEntry[];
}

function dateForm(value: string, error?: string) {
  return html`<form method="get" action="${href(paths.register)}">
<div class="${error ? 'field field-error' : 'field'}">
<label for="date">Visa registret för ett datum</label>
<span class="hint" id="date-hint">Till exempel sista ansökningsdag för Årets Stadskärna. Skriv datumet som ÅÅÅÅ-MM-DD.</span>
${error ? html`<span class="error-message" id="date-error"><span class="visually-hidden">Fel: </span>${error}</span>` : ''}
<input type="date" id="date" name="date" value="${value}" class="narrow" aria-describedby="date-hint${error ? ' date-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
</div>
<p><button type="submit">Visa registret</button></p>
</form>`;
}

const intro = html`<p>För att en stad ska få söka utmärkelsen <strong>Årets Stadskärna</strong> måste samverkansorganisationen i stadskärnan ha en giltig kvalitetsmärkning (QM) från Svenska Stadskärnor. Här ser du vilka som har en giltig kvalitetsmärkning ett visst datum och till och med vilket datum den gäller.</p>`;

export function renderRegisterPage({ date, today, entries }: RegisterPageOptions): string {
  const day = formatCalendarDate(date);
  const when = date === today ? `i dag, ${day}` : day;
  const holders = entries.length === 1 ? '1 organisation' : `${entries.length} organisationer`;
  const on = date === today ? `I dag, ${day},` : `Den ${day}`;
  const body = html`<h1>QM-registret: kvalitetsmärkta stadskärnor</h1>
${intro}
${dateForm(date)}
<h2>Giltig kvalitetsmärkning ${when}</h2>
${entries.length === 0
    ? html`<p class="notice">Ingen organisation har en giltig kvalitetsmärkning ${when}. Ingen stad uppfyller alltså kravet för att söka Årets Stadskärna det datumet.</p>`
    : html`<p class="notice">${on} har ${holders} giltig kvalitetsmärkning. En stad vars samverkansorganisation står i tabellen uppfyller det datumet kravet på kvalitetsmärkning för att söka Årets Stadskärna. En stad som inte står med har ingen giltig kvalitetsmärkning det datumet.</p>
<table class="register stack">
<caption class="visually-hidden">Organisationer med giltig kvalitetsmärkning ${when}, sorterade efter ort</caption>
<thead><tr><th scope="col">Ort</th><th scope="col">Organisation</th><th scope="col">Giltighet</th><th scope="col">Certifikat</th></tr></thead>
<tbody>
${entries.map(
  (e) => html`<tr><th scope="row">${e.town}</th><td data-label="Organisation">${e.organisationName}<br><small>${e.organisationNumber}</small></td><td data-label="Giltighet">giltigt till och med ${formatCalendarDate(e.validUntil)}<br><small>från ${formatCalendarDate(e.validFrom)}</small></td><td data-label="Certifikat"><a href="${href(paths.certificate(e.certificateId))}">${e.certificateId}</a></td></tr>\n`,
)}</tbody>
</table>`}
<p>En kvalitetsmärkning gäller i tre år och förnyas genom revidering.</p>
<p><a href="${href(paths.registerCsvOn(date))}" download>Ladda ner registret för ${day} som CSV</a> (för Excel och andra kalkylprogram). Samma uppgifter finns som JSON: <a href="${href(paths.api.registerOn(date))}">${href(paths.api.registerOn(date))}</a>.</p>`;
  return renderPage({ title: `QM-registret ${day}`, lang: 'sv', body });
}

/** The register page with the date form marked in error (400). */
export function renderRegisterDateError(given: string): string {
  const body = html`<h1>QM-registret: kvalitetsmärkta stadskärnor</h1>
<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">Datumet kunde inte läsas</h2>
<ul><li><a href="#date">Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-25.</a></li></ul>
</div>
${intro}
${dateForm(given, 'Ange ett giltigt datum som ÅÅÅÅ-MM-DD, till exempel 2026-11-25.')}`;
  return renderPage({ title: 'Fel: QM-registret', lang: 'sv', body });
}
