/** An error the Step Functions API returns; `name` is the AWS error code (`__type`). */
export class SfnApiError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

/** An error a state fails with: `name` is matched by Retry/Catch, `message` becomes the Cause. */
export function stateError(error: string, cause: string): Error {
  const err = new Error(cause);
  err.name = error;
  return err;
}
