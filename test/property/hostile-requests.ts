import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';

/**
 * Hostile HTTP requests for property tests (issue #7 §6): control characters, invalid UTF-8,
 * type confusion, huge lists and key sets, wrong media types and charsets, and mutations of the
 * example application. Shared by the in-process run and the run over real HTTP.
 */
const example = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as Record<string, Record<string, unknown>>;

export interface HostileOptions {
  /** The organisationsnummer mutated applications carry (a non-member's makes every one a refusal). */
  organisationNumber?: string;
}


const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\r\nBcc: x@y.se', '\u0000', '\u202e', '../../etc/passwd', '%FF', '<script>', '{}', '[]', 'null', 'x'.repeat(5000)),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,60}$/),
);
const jsonValue = fc.jsonValue({ maxDepth: 4 });
/** The example application with one part replaced by something hostile. */
const mutatedApplication = (options: HostileOptions) =>
  fc
  .tuple(
    fc.constantFrom('organisation', 'contact', 'answers', 'type', 'locale'),
    fc.constantFrom('name', 'email', 'organisationNumber', 'town', 'partnershipActors', 'statutesUrl', 'annualBudget', 'phone', 'extra'),
    fc.oneof(hostileText, jsonValue, fc.array(fc.integer(), { maxLength: 2000 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 200 })),
  )
  .map(([part, field, value]) => {
    const body = structuredClone(example) as Record<string, unknown>;
    if (options.organisationNumber) (body.organisation as Record<string, unknown>).organisationNumber = options.organisationNumber;
    if (part === 'type' || part === 'locale') body[part] = value;
    else (body[part] as Record<string, unknown>)[field] = value;
    return JSON.stringify(body);
  });
const formBody = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('decision', 'comment', 'type', 'organisation.name', 'answers.partnershipActors', 'idempotencyKey'), hostileText), hostileText), { maxLength: 30 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
const bodyOf = (options: HostileOptions) =>
  fc.oneof(
  jsonValue.map((v) => JSON.stringify(v)),
  { arbitrary: mutatedApplication(options), weight: 4 },
  { arbitrary: formBody, weight: 2 },
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc.constantFrom('', '{"decision":{"toString":1},"comment":{}}', 'decision=approve&comment=%FF%FE', '[' .repeat(100_000)),
);
const contentType = fc.oneof(
  { arbitrary: fc.constantFrom('application/json', 'application/x-www-form-urlencoded'), weight: 6 },
  fc.constantFrom(
  'application/json; charset=utf-8',
  'application/json; charset=iso-8859-1',
  'application/json; charset=klingon',
  'application/x-www-form-urlencoded',
  'application/problem+json',
  'text/plain',
  'multipart/form-data; boundary=x',
  '',
  ),
);
export const hostileRequest = (options: HostileOptions = {}) =>
  fc.record({
  pathValue: hostileText,
  query: fc.dictionary(fc.constantFrom('date', 'typ', 'locale', 'version', 'x'), hostileText, { maxKeys: 3 }),
  accept: fc.constantFrom('text/html', 'application/json', '*/*', ''),
  contentType,
  body: bodyOf(options),
  base64: fc.boolean(),
  idempotencyKey: fc.option(hostileText, { nil: undefined }),
});

export type HostileRequest = ReturnType<typeof hostileRequest> extends fc.Arbitrary<infer T> ? T : never;

export function eventFor(routeKey: string, input: HostileRequest): { event: APIGatewayProxyEventV2; bytes: number } {
  // `$default` takes every request no other route matches: fuzz it as a GET of an arbitrary path.
  const [method, template] = (routeKey === '$default' ? ['GET', '/{path}'] : routeKey.split(' ')) as [string, string];
  const pathParameters: Record<string, string> = {};
  const rawPath = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    pathParameters[name] = input.pathValue;
    return encodeURIComponent(input.pathValue);
  });
  const headers: Record<string, string> = { accept: input.accept };
  if (method === 'POST' && input.contentType) headers['content-type'] = input.contentType;
  if (input.idempotencyKey !== undefined) headers['idempotency-key'] = input.idempotencyKey;
  const bodyBytes = Buffer.from(input.body, input.base64 ? 'latin1' : 'utf8');
  const event = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(input.query).toString(),
    headers,
    ...(Object.keys(input.query).length ? { queryStringParameters: input.query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    ...(method === 'POST' ? { body: input.base64 ? bodyBytes.toString('base64') : input.body, isBase64Encoded: input.base64 } : { isBase64Encoded: false }),
    requestContext: { http: { method, path: rawPath }, routeKey },
  } as unknown as APIGatewayProxyEventV2;
  return { event, bytes: method === 'POST' ? bodyBytes.length : 0 };
}

