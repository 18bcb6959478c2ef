import { degrees, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CalendarDate } from '../domain/calendar-date.js';
import type { CertificateStatus } from '../domain/certificate.js';
import { formatCalendarDate, formatSwedishDate } from '../templates/swedish-dates.js';
import { a4, createDocument, saveDocument, wrapText } from './pdf-document.js';
import { drawQrCode } from './qr-code.js';

/** What the certificate PDF shows: the public facts and the status, nothing that changes by the day. */
export interface CertificatePdfModel {
  certificateId: string;
  organisationName: string;
  town: string;
  validFrom: CalendarDate;
  validUntil: CalendarDate;
  status: CertificateStatus;
  issuedAt: string;
  revokedAt?: string | undefined;
  supersededBy?: string | undefined;
  /** The partners that confirmed the collaboration, where recorded (roles and organisations, no people). */
  partners?: readonly string[] | undefined;
  /** The public verification page the QR code leads to. */
  verificationUrl: string;
}

export const programmeName = 'Kvalitetsmärkning (QM) för stadskärnor';

const accent = rgb(0, 0x59 / 255, 0x4f / 255);
const text = rgb(0.11, 0.11, 0.11);
const muted = rgb(0.32, 0.32, 0.32);
const warning = rgb(0.69, 0.11, 0.07);

/** The word across the page, and the sentence at the top, of a certificate that no longer counts. */
function notValidNotice(m: CertificatePdfModel): { mark: string; sentence: string } | undefined {
  switch (m.status) {
    case 'revoked':
      return {
        mark: 'ÅTERKALLAT',
        sentence: `Certifikatet är återkallat${m.revokedAt ? ` sedan ${formatSwedishDate(m.revokedAt)}` : ''} och gäller inte.`,
      };
    case 'superseded':
      return {
        mark: 'ERSATT',
        sentence: `Certifikatet är ersatt${m.supersededBy ? ` av ${m.supersededBy}` : ''} och gäller inte längre.`,
      };
    case 'expired':
      return { mark: 'UTGÅNGET', sentence: `Certifikatet gällde till och med ${formatCalendarDate(m.validUntil)} och har gått ut.` };
    default:
      return undefined;
  }
}

function centred(page: PDFPage, line: string, y: number, font: PDFFont, size: number, color = text): void {
  page.drawText(line, { x: (a4.width - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color });
}

/**
 * The certificate as one A4 page in Swedish: number, organisation and town, validity, confirming
 * partners, the programme's name and a QR code of the verification URL. A certificate that is revoked,
 * superseded or expired says so across the page. The same model gives the same bytes.
 */
export async function renderCertificatePdf(m: CertificatePdfModel): Promise<Uint8Array> {
  const { doc, fonts } = await createDocument({
    title: `Certifikat ${m.certificateId} – ${m.organisationName}`,
    subject: `${programmeName}, ${m.organisationName} i ${m.town}, giltigt ${m.validFrom}–${m.validUntil}`,
    date: new Date(m.issuedAt),
    permanentId: m.certificateId,
    stateId: JSON.stringify(m),
  });
  const { regular, bold } = fonts;
  const page = doc.addPage([a4.width, a4.height]);

  // Frame
  page.drawRectangle({ x: 28, y: 28, width: a4.width - 56, height: a4.height - 56, borderColor: accent, borderWidth: 3 });
  page.drawRectangle({ x: 36, y: 36, width: a4.width - 72, height: a4.height - 72, borderColor: accent, borderWidth: 0.75 });

  const notice = notValidNotice(m);
  if (notice) {
    page.drawRectangle({ x: 36.5, y: a4.height - 72, width: a4.width - 73, height: 35.5, color: warning });
    centred(page, notice.sentence, a4.height - 59, bold, 12, rgb(1, 1, 1));
  }

  centred(page, 'SVENSKA STADSKÄRNOR', 738, bold, 13, accent);
  centred(page, 'Certifikat', 690, bold, 44, text);
  centred(page, programmeName, 658, regular, 16, accent);
  page.drawLine({ start: { x: a4.width / 2 - 60, y: 636 }, end: { x: a4.width / 2 + 60, y: 636 }, thickness: 1, color: accent });

  centred(page, 'Svenska Stadskärnor intygar att', 600, regular, 13, muted);
  let y = 560;
  for (const line of wrapText(m.organisationName, bold, 28, 460)) {
    centred(page, line, y, bold, 28);
    y -= 34;
  }
  centred(page, `i ${m.town}`, y, regular, 18);
  y -= 44;

  const body =
    'har en strukturerad, långsiktig och strategisk samverkan för platsutveckling, med tydliga gemensamma mål, ' +
    'uppföljda resultat och finansiering säkrad genom avtal med parterna – och uppfyller kraven för kvalitetsmärkning (QM).';
  for (const line of wrapText(body, regular, 12, 430)) {
    centred(page, line, y, regular, 12);
    y -= 17;
  }
  y -= 20;
  centred(page, `Giltigt från ${formatCalendarDate(m.validFrom)} till och med ${formatCalendarDate(m.validUntil)}`, y, bold, 14);
  y -= 30;

  if (m.partners?.length) {
    centred(page, 'Samverkanspartner som bekräftat samverkan', y, bold, 10, muted);
    y -= 15;
    for (const line of wrapText(m.partners.join(', '), regular, 10, 430)) {
      centred(page, line, y, regular, 10, muted);
      y -= 14;
    }
  }

  // Number, issue date and programme (left), QR code of the verification page (right).
  const left = 64;
  page.drawText('Certifikatnummer', { x: left, y: 214, size: 9, font: regular, color: muted });
  page.drawText(m.certificateId, { x: left, y: 192, size: 20, font: bold, color: text });
  page.drawText(`Utfärdat ${formatSwedishDate(m.issuedAt)}`, { x: left, y: 170, size: 10, font: regular, color: muted });
  const programmeNote =
    'Kvalitetsmärkningen utfärdas av Svenska Stadskärnor och gäller i tre år. Den är ett krav för att en stad ska få söka utmärkelsen Årets Stadskärna.';
  let noteY = 140;
  for (const line of wrapText(programmeNote, regular, 9, 300)) {
    page.drawText(line, { x: left, y: noteY, size: 9, font: regular, color: muted });
    noteY -= 12;
  }

  const qrSize = 120;
  const qrX = a4.width - 64 - qrSize;
  drawQrCode(page, m.verificationUrl, { x: qrX, y: 96, size: qrSize });
  const caption = 'Kontrollera giltigheten:';
  page.drawText(caption, { x: qrX + (qrSize - regular.widthOfTextAtSize(caption, 8)) / 2, y: 84, size: 8, font: regular, color: muted });
  let urlY = 73;
  for (const line of wrapText(m.verificationUrl.replace(/^https?:\/\//, ''), regular, 7, 170)) {
    page.drawText(line, { x: qrX + qrSize - regular.widthOfTextAtSize(line, 7), y: urlY, size: 7, font: regular, color: muted });
    urlY -= 9;
  }

  if (notice) {
    // Across the page, under nothing important: a person sees at once that it no longer counts.
    const size = 84;
    const width = bold.widthOfTextAtSize(notice.mark, size);
    const angle = 48;
    const rad = (angle * Math.PI) / 180;
    page.drawText(notice.mark, {
      x: a4.width / 2 - (width / 2) * Math.cos(rad) + (size / 3) * Math.sin(rad),
      y: a4.height / 2 - (width / 2) * Math.sin(rad) - (size / 3) * Math.cos(rad),
      size,
      font: bold,
      color: warning,
      opacity: 0.3,
      rotate: degrees(angle),
    });
  }

  return saveDocument(doc);
}
