import { isValidOn, type Certificate } from '../domain/certificate.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import { html, renderPage } from './layout.template.js';
import { formatCalendarDate } from './swedish-dates.js';

export type CertificateStanding = 'valid' | 'expired' | 'not_yet_valid' | 'superseded';

/**
 * Where a certificate stands on a date: valid from validFrom through validUntil, both inclusive;
 * after that superseded when a newer certificate replaced it early, else expired.
 */
export function certificateStanding(certificate: Pick<Certificate, 'validFrom' | 'validUntil' | 'supersededBy'>, date: CalendarDate): CertificateStanding {
  if (isValidOn(certificate, date)) return 'valid';
  if (certificate.supersededBy && date > certificate.validUntil) return 'superseded';
  return date > certificate.validUntil ? 'expired' : 'not_yet_valid';
}

/** The public facts of one certificate: no contact person. */
export interface CertificateVerification {
  certificateId: string;
  status: CertificateStanding;
  checkedOn: CalendarDate;
  organisationName: string;
  organisationNumber: string;
  town: string;
  municipality: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  /** The certificate that replaced this one, when it was superseded. */
  supersededBy?: string;
}

export function certificateVerification(certificate: Certificate, date: CalendarDate): CertificateVerification {
  return {
    certificateId: certificate.certificateId,
    status: certificateStanding(certificate, date),
    checkedOn: date,
    organisationName: certificate.organisationName,
    organisationNumber: certificate.organisationNumber,
    town: certificate.town,
    municipality: certificate.municipality,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    ...(certificate.supersededBy ? { supersededBy: certificate.supersededBy } : {}),
  };
}

const statusLabels: Record<CertificateStanding, string> = {
  valid: 'Giltig',
  expired: 'Har gått ut',
  not_yet_valid: 'Ännu inte giltig',
  superseded: 'Ersatt',
};

export function renderCertificateVerification(v: CertificateVerification): string {
  const from = formatCalendarDate(v.validFrom);
  const until = formatCalendarDate(v.validUntil);
  const today = formatCalendarDate(v.checkedOn);
  const who = `${v.organisationName} i ${v.town}`;
  const verdict = {
    valid: `${who} har en giltig kvalitetsmärkning (QM) i dag, ${today}. Den gäller till och med ${until}, och uppfyller under den tiden kravet på kvalitetsmärkning för att söka Årets Stadskärna.`,
    expired: `Kvalitetsmärkningen gällde till och med ${until} och har gått ut. Den räknas inte längre, till exempel inte för att söka Årets Stadskärna. Se QM-registret för om organisationen har en nyare kvalitetsmärkning.`,
    not_yet_valid: `Kvalitetsmärkningen börjar gälla ${from} och gäller till och med ${until}. En förnyad kvalitetsmärkning tar vid dagen efter att den tidigare slutar.`,
    superseded: `Kvalitetsmärkningen är ersatt av ${v.supersededBy ?? 'en nyare kvalitetsmärkning'} och gällde till och med ${until}. Se den nya kvalitetsmärkningen för vad som gäller i dag.`,
  }[v.status];
  const body = html`<h1>Kontroll av kvalitetsmärkning ${v.certificateId}</h1>
<div class="notice" role="status"><p><strong>${statusLabels[v.status]}</strong></p><p>${verdict}</p></div>
<h2>Uppgifter</h2>
<dl class="facts">
  <dt>Certifikat</dt><dd>${v.certificateId}</dd>
  <dt>Organisation</dt><dd>${v.organisationName}</dd>
  <dt>Organisationsnummer</dt><dd>${v.organisationNumber}</dd>
  <dt>Ort</dt><dd>${v.town}</dd>
  <dt>Kommun</dt><dd>${v.municipality}</dd>
  <dt>Giltig från</dt><dd>${from}</dd>
  <dt>Giltig till och med</dt><dd>${until}</dd>
  <dt>Status</dt><dd>${statusLabels[v.status]} (kontrollerad ${today})</dd>
  ${v.supersededBy ? html`<dt>Ersatt av</dt><dd><a href="/certificates/${v.supersededBy}">${v.supersededBy}</a></dd>` : ''}
</dl>
<p>Kvalitetsmärkningen (QM) utfärdas av Svenska Stadskärnor och gäller i tre år. <a href="/register">Se alla giltiga kvalitetsmärkningar i QM-registret</a>.</p>`;
  return renderPage({ title: `Kvalitetsmärkning ${v.certificateId}: ${statusLabels[v.status].toLowerCase()}`, lang: 'sv', body });
}

export function renderCertificateNotFound(certificateId: string): string {
  const body = html`<h1>Kvalitetsmärkningen finns inte</h1>
<p>Det finns ingen kvalitetsmärkning med numret <strong>${certificateId}</strong>. Kontrollera numret: det har formen QM-ÅÅÅÅ-NNNN, till exempel QM-2026-0042.</p>
<p><a href="/register">Se alla giltiga kvalitetsmärkningar i QM-registret</a>.</p>`;
  return renderPage({ title: 'Kvalitetsmärkningen finns inte', lang: 'sv', body });
}
