import { applicationStatuses, isFinal } from '../domain/application-status.js';
import { operatorAlertEmail } from '../templates/review-emails.template.js';
import { currentRound, type LifecycleDeps } from './lifecycle-deps.js';
import { sendOnce } from './send-once.js';

/**
 * A step gave up after its retries: record the application as stopped (with the error in its
 * history), end any open review round, and alert the operator. Never silent.
 */
export async function recordFailure(
  deps: LifecycleDeps,
  input: { applicationId: string; error?: { Error?: string; Cause?: string } },
): Promise<void> {
  const at = deps.now().toISOString();
  const application = await deps.applications.get(input.applicationId);
  if (application && !isFinal(application.status)) {
    await deps.applications.transition(input.applicationId, {
      from: applicationStatuses.filter((s) => !isFinal(s) && s !== 'failed'),
      to: 'failed',
      actor: 'system',
      at,
      comment: `Arbetsflödet stoppades: ${input.error?.Error ?? 'okänt fel'}`,
    });
    const round = currentRound(application);
    if (round > 0) await deps.reviews.closeRound(input.applicationId, round, 'failed', at);
  }
  const alert = operatorAlertEmail(deps.operatorEmail, input.applicationId, 'Ett steg i arbetsflödet misslyckades', input.error);
  if (application) await sendOnce(deps, input.applicationId, 'failure-alert', () => deps.mailer.send(alert));
  else await deps.mailer.send(alert);
}
