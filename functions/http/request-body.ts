import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem, problemTypes } from './http-problem.js';

export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: Record<string, string | string[]> };

export const maxBodyBytes = 1_000_000;

/**
 * Reads a JSON or form-encoded body with the errors the API promises: 413 over 1 MB, 415 for other
 * media types, 400 for JSON that does not parse.
 */
export function parseRequestBody(event: APIGatewayProxyEventV2): ParsedBody {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBodyBytes) {
    throw new HttpProblem(413, 'För stor förfrågan', 'Ansökan får vara högst 1 MB. Korta ner de längsta svaren och försök igen.', {
      type: problemTypes.payloadTooLarge,
    });
  }
  const text = bytes.toString('utf8');
  const mediaType = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

  if (mediaType === 'application/json' || mediaType.endsWith('+json')) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      throw new HttpProblem(400, 'Ogiltig JSON', 'Innehållet kunde inte tolkas som JSON.', { type: problemTypes.malformedJson });
    }
  }
  if (mediaType === 'application/x-www-form-urlencoded') {
    const fields: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(text)) {
      const existing = fields[name];
      fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    return { kind: 'form', fields };
  }
  throw new HttpProblem(
    415,
    'Innehållstypen stöds inte',
    'Skicka ansökan som application/json eller från formuläret (application/x-www-form-urlencoded).',
    { type: problemTypes.unsupportedMediaType, headers: { 'accept-post': 'application/json, application/x-www-form-urlencoded' } },
  );
}
