import { applicationJsonSchema } from '../domain/application.schema.js';
import { httpHandler } from '../lambda/http-handler.js';
import { jsonResponse } from '../http/responses.js';

// Generated once per container from the zod schema: the schema is the single source of truth.
let schema: unknown;

/** GET /api/schema/application: the JSON Schema of the POST /applications body. */
export const handler = httpHandler(async () => {
  schema ??= applicationJsonSchema();
  return jsonResponse(200, schema, {
    'content-type': 'application/schema+json; charset=utf-8',
    'cache-control': 'public, max-age=300',
  });
});
