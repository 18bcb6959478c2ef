/**
 * Error answers list at most this many problems, plus the total: an answer must not grow with the
 * input (a body of a million unknown keys would otherwise get a many-megabyte answer, and a Lambda
 * answer over 6 MB becomes a 5xx at API Gateway). Fifty is more than anyone fixes in one go.
 */
export const maxListedErrors = 50;

export interface BoundedList<T> {
  /** The first `maxListedErrors` items. */
  items: T[];
  /** How many there were in all. */
  total: number;
}

export function firstErrors<T>(list: readonly T[]): BoundedList<T> {
  return { items: list.slice(0, maxListedErrors), total: list.length };
}
