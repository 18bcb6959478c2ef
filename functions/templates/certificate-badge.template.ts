import type { CalendarDate } from '../domain/calendar-date.js';
import type { CertificateStatus } from '../domain/certificate.js';
import { html } from './layout.template.js';
import type { Locale } from '../domain/locale.js';
import { datesFor } from './swedish-dates.js';

/** What a badge shows: the certificate's standing today, never more than that. */
export interface BadgeModel {
  certificateId: string;
  organisationName: string;
  town: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  status: CertificateStatus;
}

export const badgeText = {
  sv: {
    valid: 'Kvalitetsmärkt stadskärna – QM',
    validLine: (until: string) => `Giltigt till och med ${until}`,
    notValid: 'Ej giltig',
    revoked: 'Återkallat',
    notValidLine: (id: string) => `${id} gäller inte längre`,
    revokedLine: (id: string) => `${id} är återkallat`,
    notYetLine: (from: string) => `Gäller från ${from}`,
    title: (m: BadgeModel, line: string) => `Kvalitetsmärkning (QM) ${m.certificateId}, ${m.organisationName} i ${m.town}: ${line}`,
  },
  en: {
    valid: 'Quality-marked town centre – QM',
    validLine: (until: string) => `Valid through ${until}`,
    notValid: 'Not valid',
    revoked: 'Revoked',
    notValidLine: (id: string) => `${id} is no longer valid`,
    revokedLine: (id: string) => `${id} has been revoked`,
    notYetLine: (from: string) => `Valid from ${from}`,
    title: (m: BadgeModel, line: string) => `Quality Mark (QM) ${m.certificateId}, ${m.organisationName}, ${m.town}: ${line}`,
  },
} satisfies Record<Locale, unknown>;

/** The headline and the second line of the badge: only a valid certificate claims the mark. */
export function badgeLines(m: BadgeModel, locale: Locale): { headline: string; line: string; valid: boolean } {
  const t = badgeText[locale];
  const dates = datesFor(locale);
  switch (m.status) {
    case 'valid':
      return { headline: t.valid, line: t.validLine(dates.calendarDate(m.validUntil)), valid: true };
    case 'revoked':
      return { headline: t.revoked, line: t.revokedLine(m.certificateId), valid: false };
    case 'not_yet_valid':
      return { headline: t.notValid, line: t.notYetLine(dates.calendarDate(m.validFrom)), valid: false };
    case 'expired':
    case 'superseded':
      return { headline: t.notValid, line: t.notValidLine(m.certificateId), valid: false };
  }
}

export const badgeSize = { width: 344, height: 64 } as const;

/**
 * The badge for a town's website: an accessible SVG (role="img" with <title> and <desc>) that reads
 * "Kvalitetsmärkt stadskärna – QM" and the valid-through date while the certificate is valid, and
 * "Ej giltig" or "Återkallat" otherwise. Self-contained (no fonts, images or scripts to load), so it
 * renders in an <img> on any page.
 */
export function renderBadgeSvg(m: BadgeModel, locale: Locale): string {
  const { headline, line, valid } = badgeLines(m, locale);
  const colour = valid ? '#00594f' : m.status === 'revoked' ? '#b01c12' : '#4a4a4a';
  const title = badgeText[locale].title(m, valid ? line : `${headline}. ${line}`);
  const { width, height } = badgeSize;
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="qm-badge-title qm-badge-desc" lang="${locale}">
<title id="qm-badge-title">${title}</title>
<desc id="qm-badge-desc">${headline}. ${line}.</desc>
<rect x="1" y="1" width="${width - 2}" height="${height - 2}" rx="6" fill="#ffffff" stroke="${colour}" stroke-width="2"/>
<path d="M7 1h45v${height - 2}h-45a6 6 0 0 1-6-6v-${height - 14}a6 6 0 0 1 6-6z" fill="${colour}"/>
<text x="27" y="${height / 2 + 7}" text-anchor="middle" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="20" font-weight="bold" fill="#ffffff">QM</text>
<text x="64" y="27" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="${valid ? 14 : 18}" font-weight="bold" fill="${colour}">${headline}</text>
<text x="64" y="48" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="12" fill="#1b1b1b">${line}</text>
</svg>
`.toString();
}

/** The badge for a number that does not exist: it claims nothing. */
export function renderUnknownBadgeSvg(locale: Locale): string {
  const [headline, line] = locale === 'en' ? ['Unknown certificate', 'No such Quality Mark (QM)'] : ['Okänt certifikat', 'Ingen sådan kvalitetsmärkning (QM)'];
  const { width, height } = badgeSize;
  return html`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="qm-badge-title" lang="${locale}">
<title id="qm-badge-title">${headline}: ${line}</title>
<rect x="1" y="1" width="${width - 2}" height="${height - 2}" rx="6" fill="#ffffff" stroke="#4a4a4a" stroke-width="2"/>
<text x="16" y="27" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="18" font-weight="bold" fill="#4a4a4a">${headline}</text>
<text x="16" y="48" font-family="DejaVu Sans, Verdana, Arial, sans-serif" font-size="12" fill="#1b1b1b">${line}</text>
</svg>
`.toString();
}
