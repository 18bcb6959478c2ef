import { applicationStatuses, type ApplicationStatus } from '../domain/application-status.js';
import { PermanentError } from '../domain/errors.js';
import { currentRound } from './lifecycle-deps.js';
import type { ApplicationStore } from './ports.js';

/**
 * The first step of a resumed execution: takes the application off hold (back to the status it
 * stopped in) and tells the workflow where to continue. An application that is not on hold (its
 * execution was lost, e.g. the local runner restarted) continues from its status as it is.
 */
export async function resumeApplication(
  deps: { applications: ApplicationStore; now: () => Date },
  applicationId: string,
): Promise<{ status: ApplicationStatus; round: number }> {
  const application = await deps.applications.get(applicationId);
  if (!application) throw new PermanentError(`Application ${applicationId} does not exist`);
  if (application.status !== 'on_hold') return { status: application.status, round: currentRound(application) };

  const heldFrom = application.heldFrom as ApplicationStatus | undefined;
  if (!heldFrom || !applicationStatuses.includes(heldFrom) || heldFrom === 'on_hold') {
    throw new PermanentError(`Application ${applicationId} is on hold without a status to return to`);
  }
  const result = await deps.applications.transition(applicationId, {
    from: 'on_hold',
    to: heldFrom,
    actor: 'operator',
    at: deps.now().toISOString(),
    event: 'resumed',
    params: {},
  });
  const now = result.ok ? result.application : result.current;
  if (!now) throw new PermanentError(`Application ${applicationId} disappeared while resuming`);
  return { status: now.status, round: currentRound(now) };
}
