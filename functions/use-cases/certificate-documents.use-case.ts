import type { CalendarDate } from '../domain/calendar-date.js';
import { certificateStatus, type Certificate } from '../domain/certificate.js';
import type { CertificatePdfModel } from '../documents/certificate-pdf.js';
import { partnerPublicName } from '../domain/partners.js';
import { absoluteUrl, paths } from '../http/paths.js';

/** The public verification page of a certificate: where the QR code, the badge and the mail lead. */
export const verificationUrl = (publicBaseUrl: string, certificateId: string) => absoluteUrl(publicBaseUrl, paths.certificate(certificateId));

export const certificatePdfUrl = (publicBaseUrl: string, certificateId: string) => absoluteUrl(publicBaseUrl, paths.certificatePdf(certificateId));

/**
 * The PDF's content for the certificate's status on a date. Only the status depends on the date, so
 * the bytes change when the status does (valid → expired, revoked), not from one day to the next.
 */
export function certificatePdfModel(certificate: Certificate, date: CalendarDate, publicBaseUrl: string): CertificatePdfModel {
  const status = certificateStatus(certificate, date);
  return {
    certificateId: certificate.certificateId,
    organisationName: certificate.organisationName,
    town: certificate.town,
    validFrom: certificate.validFrom,
    validUntil: certificate.validUntil,
    status,
    issuedAt: certificate.issuedAt,
    ...(status === 'revoked' ? { revokedAt: certificate.revokedAt } : {}),
    ...(status === 'superseded' ? { supersededBy: certificate.supersededBy } : {}),
    // The partners who confirmed, as the verification page names them (role and organisation).
    ...(certificate.partners?.length ? { partners: certificate.partners.map((partner) => partnerPublicName(partner, 'sv')) } : {}),
    verificationUrl: verificationUrl(publicBaseUrl, certificate.certificateId),
  };
}

/**
 * The certificate as a PDF. pdf-lib and fontkit are most of a bundle that can make PDFs, and most
 * invocations of those functions make none (a rejection, the verification page), so the renderer is
 * loaded on the first PDF rather than at cold start.
 */
export async function certificatePdf(certificate: Certificate, date: CalendarDate, publicBaseUrl: string): Promise<Uint8Array> {
  const { renderCertificatePdf } = await import('../documents/certificate-pdf.js');
  return renderCertificatePdf(certificatePdfModel(certificate, date, publicBaseUrl));
}
