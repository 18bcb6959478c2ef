import type { Locale } from '../domain/locale.js';
import type { ValidationError } from '../domain/validation-error.js';
import type { RenderedValidationError } from '../templates/validation-messages.js';

/**
 * An error answer in RFC 9457 terms. Handlers throw it; the problem-responses middleware renders it
 * as application/problem+json for API clients or as a Swedish HTML page for browsers. Field errors
 * are codes with their data; the middleware says them in the request's language, with the words the
 * thrower gives it (only the functions that validate carry the message tables in their bundles).
 */
export type ProblemFieldError = ValidationError;

/** The field errors of a problem, and how to word them in a locale. */
export interface ProblemFieldErrors {
  items: ProblemFieldError[];
  word: (errors: readonly ProblemFieldError[], locale: Locale) => RenderedValidationError[];
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extras: {
      /** A problem type from `problemTypes` (resolved against the public base URL), or an absolute URI. */
      type?: string;
      errors?: ProblemFieldErrors;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/**
 * The problem types the API answers with, by name. The `type` URI in an answer is
 * `<PUBLIC_BASE_URL>/problems/<name>` (see `problemTypeUri`), so it names the deployment that
 * answered rather than a fixed host.
 */
export const problemTypes = {
  validation: 'validation',
  malformedJson: 'malformed-json',
  invalidEncoding: 'invalid-encoding',
  unsupportedMediaType: 'unsupported-media-type',
  payloadTooLarge: 'payload-too-large',
  notMember: 'not-a-member',
  idempotencyKeyReused: 'idempotency-key-reused',
  requestInProgress: 'request-in-progress',
  applicationInProgress: 'application-in-progress',
  notFound: 'not-found',
  revisionNotOpen: 'revision-not-open',
} as const;

/** The `type` URI of a problem: names resolve against the base URL; absolute URIs stay as they are. */
export function problemTypeUri(type: string | undefined, publicBaseUrl: string | undefined): string {
  if (!type) return 'about:blank';
  if (/^[a-z][a-z0-9+.-]*:/i.test(type)) return type;
  return publicBaseUrl ? `${publicBaseUrl}/problems/${type}` : 'about:blank';
}
