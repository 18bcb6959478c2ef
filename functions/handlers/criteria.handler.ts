import { publishedCriteria } from '../domain/criteria-catalogue.js';
import { jsonResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { pickLocale } from '../templates/messages.js';

/** GET /api/criteria: the QM criteria a reviewer judges, `[{ id, title, questionIds, … }]`; Swedish, `?lang=en` English. */
export const handler = httpHandler(async (event) =>
  jsonResponse(200, publishedCriteria(pickLocale(event.queryStringParameters?.lang)), { 'cache-control': 'public, max-age=300', 'content-language': pickLocale(event.queryStringParameters?.lang) }),
);
