import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpProblem, problemTypes } from './http-problem.js';

/** Form fields as parsed: every value is a string, repeated names give arrays of strings. */
export type FormFields = Record<string, string | string[]>;

export type ParsedBody = { kind: 'json'; value: unknown } | { kind: 'form'; fields: FormFields };

export type BodyKind = ParsedBody['kind'];

export const maxBodyBytes = 1_000_000;

const mediaTypes: Record<BodyKind, string> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

/**
 * Charsets a client may declare, decoded as browsers do (WHATWG Encoding: "iso-8859-1" and
 * "latin1" are read as windows-1252, of which ISO-8859-1 is a subset for printable text).
 * Anything else is refused with 415 rather than guessed at.
 */
const supportedCharsets = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii', 'iso-8859-1', 'latin1', 'iso-8859-15', 'windows-1252']);

/**
 * Reads a request body with the errors the API promises: 413 over 1 MB; 415 for media types (or
 * charsets) the endpoint does not take; 400 for bytes that are not text in the declared charset
 * (UTF-8 when none is declared) and for JSON that does not parse. Text is never altered: invalid
 * UTF-8 is refused, not replaced with U+FFFD.
 *
 * `accept` lists what the endpoint takes; a form-only endpoint (e.g. a reviewer's decision) gets
 * only string fields, so a JSON body whose values are objects never reaches its handler.
 */
export function parseRequestBody(event: APIGatewayProxyEventV2, accept: readonly BodyKind[] = ['json', 'form']): ParsedBody {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > maxBodyBytes) {
    throw new HttpProblem(413, 'För stor förfrågan', 'Innehållet får vara högst 1 MB. Korta ner de längsta svaren och försök igen.', {
      type: problemTypes.payloadTooLarge,
    });
  }
  const contentType = event.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const kind: BodyKind | undefined =
    mediaType === mediaTypes.json || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType)
      ? 'json'
      : mediaType === mediaTypes.form
        ? 'form'
        : undefined;
  if (kind === undefined || !accept.includes(kind)) throw unsupportedMediaType(accept);
  const charset = declaredCharset(contentType);
  if (!supportedCharsets.has(charset)) throw unsupportedMediaType(accept, charset);

  if (kind === 'json') {
    const text = decodeText(bytes, charset);
    try {
      return { kind, value: JSON.parse(text) };
    } catch {
      throw new HttpProblem(400, 'Ogiltig JSON', 'Innehållet kunde inte tolkas som JSON.', { type: problemTypes.malformedJson });
    }
  }
  // A form body is ASCII; its percent-escapes stand for bytes in the form's charset.
  return { kind, fields: parseFormFields(decodeText(bytes, 'us-ascii'), charset) };
}

/** The `charset` parameter of a Content-Type, lower-cased; UTF-8 when there is none. */
function declaredCharset(contentType: string): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match ? match[1]!.toLowerCase() : 'utf-8';
}

function decodeText(bytes: Uint8Array, charset: string): string {
  const ascii = charset === 'us-ascii' || charset === 'ascii';
  try {
    if (ascii && bytes.some((byte) => byte > 0x7f)) throw new TypeError('not ASCII');
    // fatal: a byte sequence that is not text in the charset is an error, never U+FFFD.
    return new TextDecoder(ascii ? 'utf-8' : charset, { fatal: true }).decode(bytes);
  } catch {
    throw new HttpProblem(
      400,
      'Ogiltiga tecken',
      charset === 'utf-8' || charset === 'utf8'
        ? 'Innehållet är inte giltig UTF-8. Skicka texten som UTF-8 (eller ange rätt teckenkodning i Content-Type).'
        : `Innehållet är inte giltig text i teckenkodningen ${charset}.`,
      { type: problemTypes.invalidEncoding },
    );
  }
}

/** application/x-www-form-urlencoded, with escapes decoded strictly in the charset (see decodeText). */
function parseFormFields(text: string, charset: string): FormFields {
  const fields: FormFields = {};
  if (text === '') return fields;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const [rawName, rawValue] = at === -1 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    const name = decodeText(percentDecode(rawName), charset);
    const value = decodeText(percentDecode(rawValue), charset);
    const existing = fields[name];
    fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return fields;
}

/**
 * The bytes a form-encoded string stands for: `+` is a space, `%XX` one byte, and a `%` without two
 * hex digits stays as it is (the WHATWG URL standard's percent-decode). Decoding the bytes as text
 * is left to decodeText, so that invalid UTF-8 is refused rather than replaced.
 */
function percentDecode(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 0x2b) bytes.push(0x20);
    else if (char === 0x25 && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(char);
  }
  return Buffer.from(bytes);
}

function unsupportedMediaType(accept: readonly BodyKind[], charset?: string): HttpProblem {
  const types = accept.map((kind) => mediaTypes[kind]);
  const detail = charset
    ? `Teckenkodningen ${charset} stöds inte. Skicka texten som UTF-8.`
    : accept.length === 1 && accept[0] === 'form'
      ? 'Skicka formuläret som application/x-www-form-urlencoded.'
      : `Skicka innehållet som ${types.join(' eller ')}.`;
  return new HttpProblem(415, 'Innehållstypen stöds inte', detail, {
    type: problemTypes.unsupportedMediaType,
    headers: { 'accept-post': types.join(', ') },
  });
}
