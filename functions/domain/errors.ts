/**
 * An error that retrying cannot fix (missing data, a broken invariant). Workflow tasks do not retry
 * it; its `name` is what Step Functions matches in Retry and Catch.
 */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}
