import { randomUUID } from 'node:crypto';
import { httpHandler } from '../lambda/http-handler.js';
import { htmlResponse } from '../http/responses.js';
import { renderApplyForm } from '../templates/apply-form.template.js';
import { pickLocale } from '../templates/messages.js';

/**
 * GET /apply (full application) and /apply?type=revision. Each rendering carries a fresh
 * idempotency key, so a double-clicked submit creates one application.
 */
export const handler = httpHandler(async (event) => {
  const query = event.queryStringParameters ?? {};
  const type = query.type === 'revision' ? 'revision' : 'full';
  const locale = pickLocale(query.lang);
  return htmlResponse(200, renderApplyForm({ type, locale, idempotencyKey: randomUUID() }));
});
