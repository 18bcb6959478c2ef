import { runtimeConfig } from '../config/runtime-config.js';
import { applicationJsonSchema } from '../domain/application.schema.js';
import { httpHandler } from '../lambda/http-handler.js';
import { jsonResponse } from '../http/responses.js';
import { validationMessage } from '../templates/validation-messages.js';
import { absoluteUrl, paths } from '../http/paths.js';

// Generated once per container from the zod schema: the schema is the single source of truth.
let schema: unknown;

/** GET /api/schema/application: the JSON Schema of the POST /applications body. */
export const handler = httpHandler(async () => {
  const config = runtimeConfig();
  schema ??= applicationJsonSchema({
    // Where the schema is published is also its `$id`, so it names the deployment that serves it.
    id: absoluteUrl(config.PUBLIC_BASE_URL, paths.api.applicationSchema),
    // A revision opens with the first renewal reminder.
    revisionOpensDaysBefore: Math.max(...config.RENEWAL_REMINDER_DAYS),
    revisionGraceMonths: config.REVISION_GRACE_MONTHS,
    // The API answers in Swedish unless asked otherwise; the schema quotes those words.
    messageFor: (code) => validationMessage({ code }, 'sv'),
  });
  return jsonResponse(200, schema, {
    'content-type': 'application/schema+json; charset=utf-8',
    'cache-control': 'public, max-age=300',
  });
});
