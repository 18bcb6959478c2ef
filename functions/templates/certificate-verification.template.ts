import type { CalendarDate } from '../domain/calendar-date.js';
import { certificateStatus, type Certificate, type CertificateStatus } from '../domain/certificate.js';
import { partnerPublicName, type PartnerRole } from '../domain/partners.js';
import { badgeSize } from './certificate-badge.template.js';
import { href, html, renderPage, type HtmlSafeString } from './layout.template.js';
import type { Locale } from '../domain/locale.js';
import { datesFor } from './swedish-dates.js';
import { absoluteUrl, paths } from '../http/paths.js';

/**
 * The public facts of one certificate under the register's field names: exactly what
 * `/certificates/{id}.json` answers. No contact person.
 */
export interface CertificateFacts {
  certificateId: string;
  organisationName: string;
  organisationNumber: string;
  town: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  status: CertificateStatus;
}

export function certificateFacts(certificate: Certificate, date: CalendarDate): CertificateFacts {
  return {
    certificateId: certificate.certificateId,
    organisationName: certificate.organisationName,
    organisationNumber: certificate.organisationNumber,
    town: certificate.town,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    status: certificateStatus(certificate, date),
  };
}

/** The verification page's facts: the public ones, the date checked, and why it stopped counting. */
export interface CertificateVerification extends CertificateFacts {
  checkedOn: CalendarDate;
  municipality: string;
  revokedAt?: string;
  revocationReason?: string;
  supersededBy?: string;
  /** The partners who confirmed the collaboration (role and organisation only). */
  partners: { role: PartnerRole; organisation: string }[];
}

export function certificateVerification(certificate: Certificate, date: CalendarDate): CertificateVerification {
  const { certificateId, status, organisationName, organisationNumber, town, validFrom, validUntil } = certificateFacts(certificate, date);
  return {
    certificateId,
    status,
    checkedOn: date,
    organisationName,
    organisationNumber,
    town,
    municipality: certificate.municipality,
    validFrom,
    validUntil,
    ...(status === 'revoked' && certificate.revokedAt ? { revokedAt: certificate.revokedAt } : {}),
    ...(status === 'revoked' && certificate.revocationReason ? { revocationReason: certificate.revocationReason } : {}),
    ...(certificate.supersededBy ? { supersededBy: certificate.supersededBy } : {}),
    partners: certificate.partners ?? [],
  };
}

export interface VerificationPageOptions {
  locale?: Locale;
  /** The address the embed snippet's absolute links start with (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

const sv = {
  statusLabels: {
    valid: 'Giltig',
    expired: 'Utgången',
    revoked: 'Återkallad',
    superseded: 'Ersatt',
    not_yet_valid: 'Ännu inte giltig',
  } satisfies Record<CertificateStatus, string>,
  heading: (id: string) => `Kontroll av kvalitetsmärkning ${id}`,
  verdict: (v: CertificateVerification, d: { from: string; until: string; today: string; revoked?: string }): string => {
    const who = `${v.organisationName} i ${v.town}`;
    switch (v.status) {
      case 'valid':
        return `${who} har en giltig kvalitetsmärkning (QM) i dag, ${d.today}. Den gäller till och med ${d.until}, och uppfyller under den tiden kravet på kvalitetsmärkning för att söka Årets Stadskärna.`;
      case 'expired':
        return `Kvalitetsmärkningen gällde till och med ${d.until} och har gått ut. Den räknas inte längre, till exempel inte för att söka Årets Stadskärna. Se QM-registret för om organisationen har en nyare kvalitetsmärkning.`;
      case 'revoked':
        return `Kvalitetsmärkningen är återkallad${d.revoked ? ` sedan ${d.revoked}` : ''} av Svenska Stadskärnor och gäller inte. Den räknas inte, till exempel inte för att söka Årets Stadskärna.`;
      case 'superseded':
        return `Kvalitetsmärkningen är ersatt av ${v.supersededBy ?? 'en nyare kvalitetsmärkning'} och gällde till och med ${d.until}. Se den nya kvalitetsmärkningen för vad som gäller i dag.`;
      case 'not_yet_valid':
        return `Kvalitetsmärkningen börjar gälla ${d.from} och gäller till och med ${d.until}. En förnyad kvalitetsmärkning tar vid dagen efter att den tidigare slutar.`;
    }
  },
  factsHeading: 'Uppgifter',
  facts: {
    certificate: 'Certifikat',
    organisation: 'Organisation',
    organisationNumber: 'Organisationsnummer',
    town: 'Ort',
    municipality: 'Kommun',
    validFrom: 'Giltig från',
    validUntil: 'Giltig till och med',
    status: 'Status',
    checked: (label: string, today: string) => `${label} (kontrollerad ${today})`,
    revokedAt: 'Återkallad',
    reason: 'Skäl',
    supersededBy: 'Ersatt av',
    partners: 'Samverkanspartner',
  },
  downloads: 'Certifikatet som dokument',
  pdf: 'Ladda ner certifikatet som PDF',
  json: 'Samma uppgifter som JSON',
  badgeHeading: 'Märke för er webbplats',
  badgeIntro:
    'Visa kvalitetsmärkningen på er webbplats med märket nedan. Det länkar hit och visar alltid aktuell status: går kvalitetsmärkningen ut eller återkallas står det ”Ej giltig” eller ”Återkallat” i märket.',
  badgePreview: 'Så här ser märket ut i dag:',
  snippetLabel: 'Kopiera den här HTML-koden till er webbplats:',
  badgeAlt: (id: string) => `Kvalitetsmärkning (QM) ${id} från Svenska Stadskärnor – klicka för att se om den gäller`,
  footer: 'Kvalitetsmärkningen (QM) utfärdas av Svenska Stadskärnor och gäller i tre år.',
  register: 'Se alla giltiga kvalitetsmärkningar i QM-registret',
  otherLanguage: { label: 'In English', lang: 'en' as Locale },
  notFoundTitle: 'Kvalitetsmärkningen finns inte',
  notFound: (id: string) => html`Det finns ingen kvalitetsmärkning med numret <strong>${id}</strong>. Kontrollera numret: det har formen QM-ÅÅÅÅ-NNNN, till exempel QM-2026-0042.`,
  title: (id: string, label: string) => `Kvalitetsmärkning ${id}: ${label.toLowerCase()}`,
};

const en: typeof sv = {
  statusLabels: { valid: 'Valid', expired: 'Expired', revoked: 'Revoked', superseded: 'Superseded', not_yet_valid: 'Not yet valid' },
  heading: (id) => `Verification of Quality Mark ${id}`,
  verdict: (v, d) => {
    const who = `${v.organisationName}, ${v.town},`;
    switch (v.status) {
      case 'valid':
        return `${who} holds a valid Quality Mark (QM) today, ${d.today}. It is valid through ${d.until}, and until then meets the Quality Mark requirement for applying for Årets Stadskärna (Town Centre of the Year).`;
      case 'expired':
        return `The Quality Mark was valid through ${d.until} and has expired. It no longer counts, for example not for applying for Årets Stadskärna. See the QM register for whether the organisation holds a newer Quality Mark.`;
      case 'revoked':
        return `The Quality Mark has been revoked by Svenska Stadskärnor${d.revoked ? ` as of ${d.revoked}` : ''} and is not valid. It does not count, for example not for applying for Årets Stadskärna.`;
      case 'superseded':
        return `The Quality Mark has been superseded by ${v.supersededBy ?? 'a newer Quality Mark'} and was valid through ${d.until}. See the new Quality Mark for what applies today.`;
      case 'not_yet_valid':
        return `The Quality Mark becomes valid on ${d.from} and is valid through ${d.until}. A renewed Quality Mark takes over the day after the previous one ends.`;
    }
  },
  factsHeading: 'Details',
  facts: {
    certificate: 'Certificate',
    organisation: 'Organisation',
    organisationNumber: 'Organisation number',
    town: 'Town',
    municipality: 'Municipality',
    validFrom: 'Valid from',
    validUntil: 'Valid through',
    status: 'Status',
    checked: (label, today) => `${label} (checked ${today})`,
    revokedAt: 'Revoked',
    reason: 'Reason',
    supersededBy: 'Superseded by',
    partners: 'Partners',
  },
  downloads: 'The certificate as a document',
  pdf: 'Download the certificate as a PDF (in Swedish)',
  json: 'The same details as JSON',
  badgeHeading: 'A badge for your website',
  badgeIntro:
    'Show the Quality Mark on your website with the badge below. It links here and always shows the current status: if the Quality Mark expires or is revoked, the badge says "Not valid" or "Revoked".',
  badgePreview: 'This is how the badge looks today:',
  snippetLabel: 'Copy this HTML code to your website:',
  badgeAlt: (id) => `Quality Mark (QM) ${id} from Svenska Stadskärnor – click to see whether it is valid`,
  footer: 'The Quality Mark (QM) is issued by Svenska Stadskärnor and is valid for three years.',
  register: 'See all valid Quality Marks in the QM register',
  otherLanguage: { label: 'På svenska', lang: 'sv' },
  notFoundTitle: 'No such Quality Mark',
  notFound: (id) => html`There is no Quality Mark with the number <strong>${id}</strong>. Check the number: it has the form QM-YYYY-NNNN, for example QM-2026-0042.`,
  title: (id, label) => `Quality Mark ${id}: ${label.toLowerCase()}`,
};

export const texts: Record<Locale, typeof sv> = { sv, en };

/** Attribute escaping for markup people copy: only what HTML needs, so the text stays readable (no `&#x2F;`). */
const attribute = (value: string) => value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * The HTML a town pastes into its website: the badge, linking to this verification page. Plain text
 * (the page escapes it once more to show it), with the few characters HTML requires escaped.
 */
export function embedSnippet(certificateId: string, publicBaseUrl: string, locale: Locale): string {
  const page = attribute(absoluteUrl(publicBaseUrl, paths.certificate(certificateId, locale)));
  const badge = attribute(absoluteUrl(publicBaseUrl, paths.certificateBadge(certificateId, locale)));
  return `<a href="${page}"><img src="${badge}" width="${badgeSize.width}" height="${badgeSize.height}" alt="${attribute(texts[locale].badgeAlt(certificateId))}"></a>`;
}

/** One certificate's verification page: the status in large text, the facts, the PDF and the badge. */
export function renderCertificateVerification(v: CertificateVerification, options: VerificationPageOptions = { publicBaseUrl: '' }): string {
  const locale = options.locale ?? 'sv';
  const t = texts[locale];
  const dates = datesFor(locale);
  const d = {
    from: dates.calendarDate(v.validFrom),
    until: dates.calendarDate(v.validUntil),
    today: dates.calendarDate(v.checkedOn),
    ...(v.revokedAt ? { revoked: dates.date(v.revokedAt) } : {}),
  };
  const label = t.statusLabels[v.status];
  const snippet = embedSnippet(v.certificateId, options.publicBaseUrl, locale);
  const body: HtmlSafeString = html`<p lang="${t.otherLanguage.lang}"><a href="${href(paths.certificate(v.certificateId, t.otherLanguage.lang))}">${t.otherLanguage.label}</a></p>
<h1>${t.heading(v.certificateId)}</h1>
<div class="verdict verdict-${v.status === 'valid' ? 'valid' : 'invalid'}" role="status">
<p class="verdict-label"><strong>${label}</strong></p>
<p>${t.verdict(v, d)}</p>
</div>
<h2>${t.factsHeading}</h2>
<dl class="facts">
  <dt>${t.facts.certificate}</dt><dd>${v.certificateId}</dd>
  <dt>${t.facts.organisation}</dt><dd>${v.organisationName}</dd>
  <dt>${t.facts.organisationNumber}</dt><dd>${v.organisationNumber}</dd>
  <dt>${t.facts.town}</dt><dd>${v.town}</dd>
  <dt>${t.facts.municipality}</dt><dd>${v.municipality}</dd>
  <dt>${t.facts.validFrom}</dt><dd>${d.from}</dd>
  <dt>${t.facts.validUntil}</dt><dd>${d.until}</dd>
  <dt>${t.facts.status}</dt><dd>${t.facts.checked(label, d.today)}</dd>
${v.partners.length ? html`  <dt>${t.facts.partners}</dt><dd>${v.partners.map((p) => partnerPublicName(p, locale)).join(', ')}</dd>\n` : ''}${d.revoked ? html`  <dt>${t.facts.revokedAt}</dt><dd>${d.revoked}</dd>\n` : ''}${v.revocationReason ? html`  <dt>${t.facts.reason}</dt><dd>${v.revocationReason}</dd>\n` : ''}${
    v.supersededBy
      ? html`  <dt>${t.facts.supersededBy}</dt><dd><a href="${href(paths.certificate(v.supersededBy, locale))}">${v.supersededBy}</a></dd>\n`
      : ''
  }</dl>
<h2>${t.downloads}</h2>
<ul>
<li><a href="${href(paths.certificatePdf(v.certificateId))}">${t.pdf}</a></li>
<li><a href="${href(paths.certificateJson(v.certificateId))}">${t.json}</a></li>
</ul>
<h2>${t.badgeHeading}</h2>
<p>${t.badgeIntro}</p>
<p>${t.badgePreview}</p>
<p><img src="${href(paths.certificateBadge(v.certificateId, locale))}" width="${badgeSize.width}" height="${badgeSize.height}" alt="${t.badgeAlt(v.certificateId)}"></p>
<p id="embed-snippet-label">${t.snippetLabel}</p>
<pre id="embed-snippet" class="snippet" tabindex="0" aria-labelledby="embed-snippet-label"><code>${snippet}</code></pre>
<p>${t.footer} <a href="${href(paths.register)}">${t.register}</a>.</p>`;
  return renderPage({ title: t.title(v.certificateId, label), lang: locale, body });
}

export function renderCertificateNotFound(certificateId: string, locale: Locale = 'sv'): string {
  const t = texts[locale];
  const body = html`<h1>${t.notFoundTitle}</h1>
<p>${t.notFound(certificateId)}</p>
<p><a href="${href(paths.register)}">${t.register}</a>.</p>`;
  return renderPage({ title: t.notFoundTitle, lang: locale, body });
}
