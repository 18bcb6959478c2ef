import { runtimeConfig } from '../config/runtime-config.js';
import { apiDocument } from '../http/openapi-document.js';
import { jsonResponse } from '../http/responses.js';
import { httpHandler } from '../lambda/http-handler.js';
import { absoluteUrl, paths } from '../http/paths.js';

// Generated once per container from the zod schemas: the document cannot drift from validation.
let document: unknown;

/** GET /api/openapi.json: the OpenAPI 3.1 description of the public JSON API. */
export const handler = httpHandler(async () => {
  const config = runtimeConfig();
  document ??= apiDocument({
    publicBaseUrl: config.PUBLIC_BASE_URL,
    applicationSchemaUrl: absoluteUrl(config.PUBLIC_BASE_URL, paths.api.applicationSchema),
    // A revision opens with the first renewal reminder.
    revisionOpensDaysBefore: Math.max(...config.RENEWAL_REMINDER_DAYS),
    revisionGraceMonths: config.REVISION_GRACE_MONTHS,
  });
  return jsonResponse(200, document, { 'cache-control': 'public, max-age=300' });
});
