import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { dependencies } from '../adapters/dependencies.js';
import { isCalendarDate, stockholmDate } from '../domain/calendar-date.js';
import { HttpProblem, problemTypes } from '../http/http-problem.js';
import { htmlResponse, jsonResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { registerEntries, renderRegisterDateError, renderRegisterPage } from '../templates/public-register.template.js';

/** Public and the same for everyone: browsers and proxies may keep it a few minutes. */
const publicCaching = { 'cache-control': 'public, max-age=300' };

const isApiRoute = (event: APIGatewayProxyEventV2) =>
  event.routeKey === 'GET /api/register' || (event.rawPath ?? '').endsWith('/api/register');

/**
 * GET /register (HTML, Swedish) and GET /api/register (JSON): the certificates valid on `?date=`
 * (default: today in Sweden), sorted by town. Reads only the certificates ending on or after the date.
 */
export const handler = httpHandler(async (event) => {
  const api = isApiRoute(event);
  const { certificates, now } = dependencies();
  const today = stockholmDate(now());
  const given = event.queryStringParameters?.date?.trim() ?? '';
  if (given !== '' && !isCalendarDate(given)) {
    if (!api) return htmlResponse(400, renderRegisterDateError(given));
    throw new HttpProblem(400, 'Ogiltigt datum', 'Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2026-11-25.', {
      type: problemTypes.validation,
      errors: [{ path: 'date', message: 'Ange ett giltigt datum som ÅÅÅÅ-MM-DD.' }],
    });
  }
  const date = given || today;
  const entries = registerEntries(await certificates.validOn(date));
  return api
    ? jsonResponse(200, { date, certificates: entries }, publicCaching)
    : htmlResponse(200, renderRegisterPage({ date, today, entries }), publicCaching);
});
