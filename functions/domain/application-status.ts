/**
 * The lifecycle of an application and the transitions allowed between its statuses.
 * [awaiting_confirmation →] submitted → acknowledged → in_review → (completion_requested → in_review)*
 * → certified | rejected, with declined (the member said no), expired (the member or the applicant
 * did not answer in time) and failed (a workflow step gave up) as other ends.
 * awaiting_confirmation: the contact address is not one the member registered, so the member's
 * registered address must confirm who applies before anything else happens.
 */
export const applicationStatuses = [
  'awaiting_confirmation',
  'declined',
  'submitted',
  'acknowledged',
  'in_review',
  'completion_requested',
  'certified',
  'rejected',
  'expired',
  'failed',
  'on_hold',
  'withdrawn',
] as const;

export type ApplicationStatus = (typeof applicationStatuses)[number];

const allowedTransitions: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  awaiting_confirmation: ['submitted', 'declined', 'expired', 'failed', 'on_hold', 'withdrawn'],
  declined: [],
  submitted: ['acknowledged', 'failed', 'on_hold', 'withdrawn'],
  acknowledged: ['in_review', 'failed', 'on_hold', 'withdrawn'],
  in_review: ['certified', 'rejected', 'completion_requested', 'failed', 'on_hold', 'withdrawn'],
  completion_requested: ['in_review', 'expired', 'failed', 'on_hold', 'withdrawn'],
  certified: [],
  rejected: [],
  expired: [],
  // Staff may restart a failed application from where it stood (a new execution resumes from the
  // stored status), or withdraw it.
  failed: ['awaiting_confirmation', 'submitted', 'acknowledged', 'in_review', 'withdrawn'],
  // A step gave up (e.g. mail that could not be sent): the operator resumes it where it stopped.
  on_hold: ['awaiting_confirmation', 'submitted', 'acknowledged', 'in_review', 'completion_requested', 'failed', 'withdrawn'],
  withdrawn: [],
};

/**
 * Statuses that end the application: it no longer holds its organisation's slot. `failed` counts as
 * an end until staff restart it (the restart claims the slot again), so a stuck application never
 * keeps its organisation from applying.
 */
const finalStatuses: readonly ApplicationStatus[] = ['declined', 'certified', 'rejected', 'expired', 'failed', 'withdrawn'];

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return allowedTransitions[from].includes(to);
}

export function isFinal(status: ApplicationStatus): boolean {
  return finalStatuses.includes(status);
}

/** Statuses a staff member may withdraw an application from. */
export function canWithdraw(status: ApplicationStatus): boolean {
  return canTransition(status, 'withdrawn');
}
