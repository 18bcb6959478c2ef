import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the current invocation is about, for adapters deep below the use case (the mailer tags
 * each mail with its application). AsyncLocalStorage rather than a module variable because the
 * local system runs many invocations concurrently in one process.
 */
const storage = new AsyncLocalStorage<{ applicationId?: string }>();

export function withInvocationContext<T>(context: { applicationId?: string }, fn: () => Promise<T>): Promise<T> {
  return storage.run(context, fn);
}

export function currentApplicationId(): string | undefined {
  return storage.getStore()?.applicationId;
}
