import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { dependencies } from '../adapters/dependencies.js';
import { isCalendarDate, stockholmDate } from '../domain/calendar-date.js';
import { withEntityTag } from '../http/cacheable.js';
import { HttpProblem, problemTypes } from '../http/http-problem.js';
import { htmlResponse, jsonResponse, type HttpResult } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { registerEntries, renderRegisterDateError, renderRegisterPage } from '../templates/public-register.template.js';
import { renderRegisterCsv } from '../templates/register-csv.js';
import { renderValidationErrors } from '../templates/validation-messages.js';
import { paths } from '../http/paths.js';

/** Public and the same for everyone: browsers and proxies may keep it a few minutes. */
const publicCaching = { 'cache-control': 'public, max-age=300' };

type Format = 'html' | 'json' | 'csv';

function formatOf(event: APIGatewayProxyEventV2): Format {
  const path = event.routeKey?.split(' ')[1] ?? event.rawPath ?? '';
  if (path.endsWith(paths.api.register)) return 'json';
  if (path.endsWith(paths.registerCsv)) return 'csv';
  return 'html';
}

/**
 * GET /register (HTML, Swedish), GET /api/register (JSON) and GET /register.csv: the certificates
 * valid on `?date=` (default: today in Sweden), sorted by town. Reads only the certificates ending on
 * or after the date. JSON and CSV carry an ETag: a client that asks again with If-None-Match gets 304.
 */
export const handler = httpHandler(async (event): Promise<HttpResult> => {
  const format = formatOf(event);
  const { certificates, now } = dependencies();
  const today = stockholmDate(now());
  const given = event.queryStringParameters?.date?.trim() ?? '';
  if (given !== '' && !isCalendarDate(given)) {
    if (format === 'html') return htmlResponse(400, renderRegisterDateError(given));
    throw new HttpProblem(400, 'Ogiltigt datum', 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-25.', {
      type: problemTypes.validation,
      errors: { items: [{ path: 'date', code: 'date_invalid' }], word: renderValidationErrors },
    });
  }
  const date = given || today;
  const entries = registerEntries(await certificates.validOn(date), date);
  const ifNoneMatch = event.headers['if-none-match'];
  switch (format) {
    case 'json':
      return withEntityTag(ifNoneMatch, jsonResponse(200, { date, certificates: entries }, publicCaching));
    case 'csv':
      return withEntityTag(ifNoneMatch, {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8; header=present',
          'content-disposition': `attachment; filename="qm-registret-${date}.csv"`,
          'x-content-type-options': 'nosniff',
          ...publicCaching,
        },
        body: renderRegisterCsv(entries),
      });
    case 'html':
      return htmlResponse(200, renderRegisterPage({ date, today, entries }), publicCaching);
  }
});
