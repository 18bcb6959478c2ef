/**
 * An error answer in RFC 9457 terms. Handlers throw it; the problem-responses middleware renders it
 * as application/problem+json for API clients or as a Swedish HTML page for browsers.
 */
export interface ProblemFieldError {
  path: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extras: { type?: string; errors?: ProblemFieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const problemTypes = {
  validation: 'https://qm.stadskarnor.example/problems/validation',
  malformedJson: 'https://qm.stadskarnor.example/problems/malformed-json',
  unsupportedMediaType: 'https://qm.stadskarnor.example/problems/unsupported-media-type',
  payloadTooLarge: 'https://qm.stadskarnor.example/problems/payload-too-large',
  notMember: 'https://qm.stadskarnor.example/problems/not-a-member',
  idempotencyKeyReused: 'https://qm.stadskarnor.example/problems/idempotency-key-reused',
  requestInProgress: 'https://qm.stadskarnor.example/problems/request-in-progress',
  notFound: 'https://qm.stadskarnor.example/problems/not-found',
  revisionNotOpen: 'https://qm.stadskarnor.example/problems/revision-not-open',
  applicationInProgress: 'https://qm.stadskarnor.example/problems/application-in-progress',
} as const;
