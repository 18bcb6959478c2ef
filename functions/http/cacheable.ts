import { createHash } from 'node:crypto';
import type { HttpResult } from './responses.js';

/** A strong entity tag from the exact bytes of a representation: equal bytes, equal tags. */
export function entityTag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

/** True when an If-None-Match header names this tag (or `*`); weak tags compare by their value. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/**
 * Adds an ETag computed from the body, and answers 304 Not Modified (no body, same validators and
 * caching headers) when the client already has exactly these bytes.
 */
export function withEntityTag(ifNoneMatch: string | undefined, result: HttpResult, bytes?: Uint8Array): HttpResult {
  const etag = entityTag(bytes ?? result.body ?? '');
  const headers: Record<string, string> = { ...result.headers, etag };
  if (result.statusCode === 200 && matchesIfNoneMatch(ifNoneMatch, etag)) {
    const { 'content-type': _type, 'content-length': _length, 'content-disposition': _disposition, ...kept } = headers;
    return { statusCode: 304, headers: kept, body: '' };
  }
  return { ...result, headers };
}

/** A binary body (PDF) as API Gateway expects it from Lambda: base64 with isBase64Encoded. */
export function binaryResponse(statusCode: number, bytes: Uint8Array, headers: Record<string, string>): HttpResult {
  return {
    statusCode,
    headers: { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', ...headers },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}
