import { dependencies } from '../adapters/dependencies.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { certificateIdPattern } from '../domain/certificate.js';
import { binaryResponse, withEntityTag } from '../http/cacheable.js';
import { HttpProblem, problemTypes } from '../http/http-problem.js';
import { htmlResponse, jsonResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import {
  certificateFacts,
  certificateVerification,
  renderCertificateNotFound,
  renderCertificateVerification,
} from '../templates/certificate-verification.template.js';
import { pickLocale } from '../templates/messages.js';
import { certificatePdf } from '../use-cases/certificate-documents.use-case.js';

const publicHeaders = { 'cache-control': 'public, max-age=300', vary: 'accept' };
/** The PDF changes only when the status does; an hour in a cache is harmless. */
const documentHeaders = { 'cache-control': 'public, max-age=3600' };

/** JSON only when asked for and HTML is not: a browser's Accept always names text/html. */
const wantsJson = (accept = '') => accept.includes('application/json') && !accept.includes('text/html');

/**
 * `{certificateId}` is a whole path segment (API Gateway allows no suffix after a path variable), so
 * one route serves `QM-2026-0001`, `QM-2026-0001.json` and `QM-2026-0001.pdf`.
 */
function parseResource(segment: string): { certificateId: string; format: 'page' | 'json' | 'pdf' } {
  // `s`: a segment may hold any character (a line break too); whatever it is, it parses.
  const match = /^(.*?)(?:\.(json|pdf))?$/is.exec(segment.trim());
  const format = (match?.[2]?.toLowerCase() ?? 'page') as 'page' | 'json' | 'pdf';
  return { certificateId: (match?.[1] ?? segment).toUpperCase(), format };
}

/**
 * GET /certificates/{certificateId}[.json|.pdf]: is this certificate valid today? The page (HTML, or
 * the verification JSON for `Accept: application/json`), the public facts as JSON, or the certificate
 * as a PDF. Unknown → 404.
 */
export const handler = httpHandler(async (event) => {
  const { certificateId, format } = parseResource(event.pathParameters?.certificateId ?? '');
  const locale = pickLocale(event.queryStringParameters?.lang);
  const json = format === 'json' || (format === 'page' && wantsJson(event.headers.accept));
  const { certificates, config, now } = dependencies();
  const certificate = certificateIdPattern.test(certificateId) ? await certificates.get(certificateId) : undefined;
  if (!certificate) {
    if (format === 'page' && !json) return htmlResponse(404, renderCertificateNotFound(certificateId, locale), { vary: 'accept' });
    throw new HttpProblem(404, 'Kvalitetsmärkningen finns inte', `Det finns ingen kvalitetsmärkning med numret ${certificateId}.`, {
      type: problemTypes.notFound,
      headers: format === 'page' ? { vary: 'accept' } : {},
    });
  }
  const today = stockholmDate(now());
  const ifNoneMatch = event.headers['if-none-match'];
  switch (format) {
    case 'pdf': {
      const bytes = await certificatePdf(certificate, today, config.PUBLIC_BASE_URL);
      return withEntityTag(
        ifNoneMatch,
        binaryResponse(200, bytes, {
          'content-type': 'application/pdf',
          'content-disposition': `inline; filename="${certificateId}.pdf"`,
          ...documentHeaders,
        }),
        bytes,
      );
    }
    case 'json':
      return withEntityTag(ifNoneMatch, jsonResponse(200, certificateFacts(certificate, today), { 'cache-control': 'public, max-age=300' }));
    case 'page': {
      const verification = certificateVerification(certificate, today);
      return json
        ? jsonResponse(200, verification, publicHeaders)
        : htmlResponse(200, renderCertificateVerification(verification, { locale, publicBaseUrl: config.PUBLIC_BASE_URL }), publicHeaders);
    }
  }
});
