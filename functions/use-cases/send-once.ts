import type { ApplicationRepository } from '../adapters/application.repository.js';

/**
 * Runs `send` at most once per (application, key), even when a workflow step is retried: the send
 * is claimed first, given back if it fails (so the retry sends), and marked done after.
 */
export async function sendOnce(
  deps: { applications: ApplicationRepository; now: () => Date },
  applicationId: string,
  key: string,
  send: () => Promise<void>,
): Promise<boolean> {
  if (!(await deps.applications.claimNotification(applicationId, key, deps.now()))) return false;
  try {
    await send();
  } catch (error) {
    await deps.applications.releaseNotification(applicationId, key);
    throw error;
  }
  await deps.applications.completeNotification(applicationId, key, deps.now());
  return true;
}
