import { dependencies } from '../adapters/dependencies.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { certificateIdPattern, certificateStatus } from '../domain/certificate.js';
import { withEntityTag } from '../http/cacheable.js';
import type { HttpResult } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { renderBadgeSvg, renderUnknownBadgeSvg } from '../templates/certificate-badge.template.js';
import { pickLocale } from '../templates/messages.js';

const svgHeaders = {
  'content-type': 'image/svg+xml; charset=utf-8',
  // Opened on its own, the SVG may run nothing and load nothing.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'x-content-type-options': 'nosniff',
  // Embedded on other sites: any page may show it.
  'cross-origin-resource-policy': 'cross-origin',
};

/**
 * GET /certificates/{certificateId}/badge.svg: the badge a town embeds on its website. Cached for an
 * hour, so a badge shows a lapse or a revocation within the hour; the ETag makes the revalidation cheap.
 * An unknown number gets 404 with a badge that says so (an <img> shows it instead of a broken image).
 */
export const handler = httpHandler(async (event): Promise<HttpResult> => {
  const certificateId = (event.pathParameters?.certificateId ?? '').trim().toUpperCase();
  const locale = pickLocale(event.queryStringParameters?.lang);
  const { certificates, now } = dependencies();
  const certificate = certificateIdPattern.test(certificateId) ? await certificates.get(certificateId) : undefined;
  if (!certificate) {
    return { statusCode: 404, headers: { ...svgHeaders, 'cache-control': 'public, max-age=300' }, body: renderUnknownBadgeSvg(locale) };
  }
  const status = certificateStatus(certificate, stockholmDate(now()));
  const svg = renderBadgeSvg({ ...certificate, status }, locale);
  return withEntityTag(event.headers['if-none-match'], {
    statusCode: 200,
    headers: { ...svgHeaders, 'cache-control': 'public, max-age=3600' },
    body: svg,
  });
});
