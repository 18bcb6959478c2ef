import { deadlineWithinDays } from '../domain/deadline.js';
import type { ApplicationRecord } from '../domain/application-record.js';
import type { Mailer } from '../domain/email-message.js';
import { PermanentError } from '../domain/errors.js';
import type { ConfirmationOutcome, MemberConfirmation, MemberConfirmationDecision } from '../domain/member-confirmation.js';
import { hashToken, isWellFormedToken, newSecretToken } from '../domain/secret-token.js';
import { historyEvent } from '../domain/history-event.js';
import { memberConfirmationEmail } from '../templates/member-confirmation.template.js';
import { requireApplication } from './lifecycle-deps.js';
import { sendOnce } from './send-once.js';
import type { ApplicationStore, ConfirmationStore, MemberStore, WorkflowCallbacks } from './ports.js';
import { absoluteUrl, paths } from '../http/paths.js';

export interface MemberConfirmationDeps {
  applications: ApplicationStore;
  confirmations: ConfirmationStore;
  members: Pick<MemberStore, 'find'>;
  mailer: Mailer;
  callbacks: WorkflowCallbacks;
  now: () => Date;
  publicBaseUrl: string;
  memberConfirmationDays: number;
}

/** The workflow's first step: where a (new or restarted) execution goes from the stored status. */
export async function routeApplication(deps: Pick<MemberConfirmationDeps, 'applications'>, applicationId: string): Promise<{ status: string }> {
  const application = await requireApplication(deps, applicationId);
  return { status: application.status };
}

/**
 * The confirmation callback step: asks the member's registered addresses whether the person who
 * applied may apply for the organisation, then waits for the answer or the deadline. Nothing goes
 * to the typed address. Safe to retry or resume: the request is kept, the mail goes out once.
 */
export async function requestMemberConfirmation(deps: MemberConfirmationDeps, input: { applicationId: string; taskToken: string }): Promise<void> {
  const application = await requireApplication(deps, input.applicationId);
  if (application.status !== 'awaiting_confirmation') {
    throw new PermanentError(`Application ${application.id} does not await confirmation (status ${application.status})`);
  }
  const member = await deps.members.find(application.organisation.organisationNumber);
  if (!member) throw new PermanentError(`The member ${application.organisation.organisationNumber} of ${application.id} is no longer in the register`);

  const now = deps.now();
  const confirmation = await deps.confirmations.upsert({
    applicationId: application.id,
    requestedAt: now.toISOString(),
    // A whole day, stated in the mail and enforced to its end; the workflow's timer (started a
    // moment after the submission) fires after that day has ended.
    deadline: deadlineWithinDays(application.submittedAt, deps.memberConfirmationDays).endsAt,
    sentTo: member.emails,
    taskToken: input.taskToken,
  });
  if (confirmation.decision) {
    // Answered while this step was retried or resumed: let the workflow go on.
    await deps.callbacks.succeed(input.taskToken, { decision: confirmation.decision });
    return;
  }
  await sendOnce(deps, application.id, 'member-confirmation', async () => {
    const token = newSecretToken();
    await deps.confirmations.putLink(hashToken(token), application.id, deps.now());
    await deps.mailer.send(
      memberConfirmationEmail({ application, memberName: member.name, to: confirmation.sentTo, url: absoluteUrl(deps.publicBaseUrl, paths.memberConfirmation(token)), deadline: confirmation.deadline }),
    );
  });
}

export type MemberConfirmationView =
  | { kind: 'unknown' }
  | { kind: 'answered'; application: ApplicationRecord; confirmation: MemberConfirmation }
  | { kind: 'closed'; application: ApplicationRecord; confirmation: MemberConfirmation }
  | { kind: 'open'; application: ApplicationRecord; confirmation: MemberConfirmation };

/** What the member's link shows. Reads only: mail scanners open links before people do. */
export async function viewMemberConfirmation(deps: Pick<MemberConfirmationDeps, 'applications' | 'confirmations' | 'now'>, token: string): Promise<MemberConfirmationView> {
  if (!isWellFormedToken(token)) return { kind: 'unknown' };
  const link = await deps.confirmations.findLink(hashToken(token));
  if (!link) return { kind: 'unknown' };
  const [application, confirmation] = await Promise.all([deps.applications.get(link.applicationId), deps.confirmations.get(link.applicationId)]);
  if (!application || !confirmation) return { kind: 'unknown' };
  if (confirmation.decision) return { kind: 'answered', application, confirmation };
  if (confirmation.closedAt || application.status !== 'awaiting_confirmation' || Date.parse(confirmation.deadline) <= deps.now().getTime()) {
    return { kind: 'closed', application, confirmation };
  }
  return { kind: 'open', application, confirmation };
}

export type AnswerMemberConfirmationResult =
  | { kind: 'unknown' }
  | { kind: 'closed'; application: ApplicationRecord }
  | { kind: 'already_answered'; application: ApplicationRecord; confirmation: MemberConfirmation }
  | { kind: 'answered'; application: ApplicationRecord; confirmation: MemberConfirmation };

/** Records the member's answer once, then wakes the waiting workflow. */
export async function answerMemberConfirmation(
  deps: Pick<MemberConfirmationDeps, 'applications' | 'confirmations' | 'callbacks' | 'now'>,
  token: string,
  decision: MemberConfirmationDecision,
): Promise<AnswerMemberConfirmationResult> {
  const view = await viewMemberConfirmation(deps, token);
  if (view.kind === 'unknown') return view;
  if (view.kind === 'closed') return { kind: 'closed', application: view.application };
  if (view.kind === 'answered') {
    // Wake the workflow again in case the first answer's callback failed; a stale token is ignored.
    if (view.confirmation.taskToken) await deps.callbacks.succeed(view.confirmation.taskToken, { decision: view.confirmation.decision });
    return { kind: 'already_answered', application: view.application, confirmation: view.confirmation };
  }
  // The link went to the member's registered addresses: the answer is theirs.
  const by = view.confirmation.sentTo.join(', ');
  const { answered, confirmation } = await deps.confirmations.answer(view.application.id, decision, by, deps.now().toISOString());
  if (!answered || !confirmation) {
    if (confirmation?.decision) return { kind: 'already_answered', application: view.application, confirmation };
    return { kind: 'closed', application: view.application };
  }
  if (confirmation.taskToken) await deps.callbacks.succeed(confirmation.taskToken, { decision });
  return { kind: 'answered', application: view.application, confirmation };
}

/**
 * After the answer: a confirmation makes the typed contact the application's trusted contact and
 * lets the application go on to acknowledgement and review; a decline closes it, mailing nobody.
 */
export async function settleMemberConfirmation(deps: Pick<MemberConfirmationDeps, 'applications' | 'confirmations'>, applicationId: string): Promise<{ status: string }> {
  const confirmation = await deps.confirmations.get(applicationId);
  if (!confirmation?.decision || !confirmation.decidedAt) throw new PermanentError(`Application ${applicationId} has no answer from the member`);
  const to = confirmation.decision === 'confirm' ? 'submitted' : 'declined';
  const result = await deps.applications.transition(applicationId, {
    from: 'awaiting_confirmation',
    to,
    actor: confirmation.decidedBy ?? 'member',
    at: confirmation.decidedAt,
    ...historyEvent(confirmation.decision === 'confirm' ? 'member_confirmed' : 'member_declined', {}),
    ...(to === 'submitted' ? { set: { contactConfirmedBy: confirmation.decidedBy ?? 'member', contactConfirmedAt: confirmation.decidedAt } } : {}),
  });
  const status = (result.ok ? result.application : result.current)?.status;
  // A retry may find the application already moved on past 'submitted'.
  const settled = status === to || (to === 'submitted' && status !== undefined && !['awaiting_confirmation', 'declined', 'expired'].includes(status));
  if (!settled) throw new PermanentError(`Cannot settle the confirmation of ${applicationId}: status is ${status}`);
  return { status };
}

/** At the deadline: closes the request, unless an answer came first (then that answer counts). */
export async function expireMemberConfirmation(deps: Pick<MemberConfirmationDeps, 'applications' | 'confirmations' | 'now' | 'memberConfirmationDays'>, applicationId: string): Promise<{ decision: ConfirmationOutcome }> {
  const at = deps.now().toISOString();
  const closed = await deps.confirmations.close(applicationId, at);
  if (!closed) {
    const confirmation = await deps.confirmations.get(applicationId);
    if (confirmation?.decision) return { decision: confirmation.decision };
  }
  await deps.applications.transition(applicationId, {
    from: 'awaiting_confirmation',
    to: 'expired',
    actor: 'system',
    at,
    event: 'member_confirmation_expired',
    params: { days: deps.memberConfirmationDays },
  });
  return { decision: 'timeout' };
}
