import type { ApplicationStore } from './ports.js';

/** Another attempt is sending this notification right now; the workflow retries the step later. */
export class NotificationInProgressError extends Error {
  override readonly name = 'NotificationInProgress';
}

/**
 * Runs `send` at most once per (application, key), even when a workflow step is retried: the send
 * is claimed first, given back if it fails (so the retry sends), and marked done after. A live claim
 * of another attempt is an error, not a "done": the step is retried until that claim is sent or has
 * lapsed, so a crash between claim and send never loses the mail.
 */
export async function sendOnce(
  deps: { applications: ApplicationStore; now: () => Date },
  applicationId: string,
  key: string,
  send: () => Promise<void>,
): Promise<boolean> {
  const claim = await deps.applications.claimNotification(applicationId, key, deps.now());
  if (claim === 'sent') return false;
  if (claim === 'busy') throw new NotificationInProgressError(`Notification ${key} of ${applicationId} is being sent by another attempt`);
  try {
    await send();
  } catch (error) {
    await deps.applications.releaseNotification(applicationId, key);
    throw error;
  }
  await deps.applications.completeNotification(applicationId, key, deps.now());
  return true;
}
