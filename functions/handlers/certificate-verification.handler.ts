import { dependencies } from '../adapters/dependencies.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { certificateIdPattern } from '../domain/certificate.js';
import { HttpProblem, problemTypes } from '../http/http-problem.js';
import { htmlResponse, jsonResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import {
  certificateVerification,
  renderCertificateNotFound,
  renderCertificateVerification,
} from '../templates/certificate-verification.template.js';

const publicHeaders = { 'cache-control': 'public, max-age=300', vary: 'accept' };

/** JSON only when asked for and HTML is not: a browser's Accept always names text/html. */
const wantsJson = (accept = '') => accept.includes('application/json') && !accept.includes('text/html');

/**
 * GET /certificates/{certificateId}: is this certificate valid today? Valid, expired or not yet
 * valid, with its dates; unknown → 404. HTML by default, JSON for `Accept: application/json`.
 */
export const handler = httpHandler(async (event) => {
  const certificateId = (event.pathParameters?.certificateId ?? '').trim().toUpperCase();
  const json = wantsJson(event.headers.accept);
  const { certificates, now } = dependencies();
  const certificate = certificateIdPattern.test(certificateId) ? await certificates.get(certificateId) : undefined;
  if (!certificate) {
    if (!json) return htmlResponse(404, renderCertificateNotFound(certificateId), { vary: 'accept' });
    throw new HttpProblem(404, 'Kvalitetsmärkningen finns inte', `Det finns ingen kvalitetsmärkning med numret ${certificateId}.`, {
      type: problemTypes.notFound,
      headers: { vary: 'accept' },
    });
  }
  const verification = certificateVerification(certificate, stockholmDate(now()));
  return json
    ? jsonResponse(200, verification, publicHeaders)
    : htmlResponse(200, renderCertificateVerification(verification), publicHeaders);
});
