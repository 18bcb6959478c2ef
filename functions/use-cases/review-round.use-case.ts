import type { ApplicationRecord } from '../domain/application-record.js';
import { PermanentError } from '../domain/errors.js';
import { decisionOutput } from '../domain/review.js';
import { hashToken, newSecretToken } from '../domain/secret-token.js';
import { historyEvent } from '../domain/history-event.js';
import { operatorAlertEmail, reviewEscalationEmail, reviewInvitationEmail, reviewReminderEmail } from '../templates/review-emails.template.js';
import { currentRound, requireApplication, type LifecycleDeps } from './lifecycle-deps.js';
import { sendOnce } from './send-once.js';
import { absoluteUrl, paths } from '../http/paths.js';

/** What the workflow carries about the open round (ids and counters only). */
export interface RoundState {
  round: number;
  reminders: number;
  escalated: boolean;
  openedAt: string;
}

/** The output a decision sends to the waiting workflow. */
export type DecisionOutput = ReturnType<typeof decisionOutput>;

/**
 * Opens the next review round: the application goes (back) to in_review and every configured
 * reviewer gets a personal link. Retrying finds the round already open and sends nothing twice.
 */
export async function startReviewRound(deps: LifecycleDeps, applicationId: string): Promise<RoundState> {
  let application = await requireApplication(deps, applicationId);
  const latest = currentRound(application);
  const latestRound = latest > 0 ? await deps.reviews.getRound(applicationId, latest) : undefined;
  // Reuse the round while it is open, or decided but not yet acted on (a restarted workflow).
  const reuse = latestRound?.state === 'open' || (latestRound?.state === 'decided' && application.status === 'in_review');
  const round = reuse ? latest : latest + 1;
  const at = deps.now().toISOString();

  const opened = await deps.reviews.openRound({ applicationId, round, state: 'open', openedAt: at, reviewers: deps.reviewerEmails });

  if (application.status !== 'in_review') {
    const resubmitted = application.status === 'completion_requested';
    if (resubmitted) {
      // The answer is kept on the completion request: make sure it is on the application.
      const completion = await deps.reviews.getCompletionRequest(applicationId, latest);
      if (completion?.submittedContent) await deps.applications.replaceContent(applicationId, completion.submittedContent, 'completion_requested', at);
    }
    const result = await deps.applications.transition(applicationId, {
      from: ['acknowledged', 'completion_requested'],
      to: 'in_review',
      actor: 'system',
      at,
      ...historyEvent(resubmitted ? 'completion_received' : 'review_started', {}),
      set: { reviewRound: round },
    });
    if (!result.ok) throw new PermanentError(`Cannot start review of ${applicationId}: status is ${result.current?.status}`);
    application = result.application;
  }

  for (const reviewer of opened.reviewers) {
    await sendOnce(deps, applicationId, `review-${round}-invite-${reviewer}`, async () => {
      const link = await newReviewLink(deps, application, round, reviewer, opened.linkGeneration);
      await deps.mailer.send(reviewInvitationEmail(application, reviewer, link, round));
    });
  }
  return { round, reminders: 0, escalated: false, openedAt: opened.openedAt };
}

export async function newReviewLink(
  deps: Pick<LifecycleDeps, 'reviews' | 'now' | 'publicBaseUrl'>,
  application: ApplicationRecord,
  round: number,
  reviewer: string,
  generation: number | undefined,
): Promise<string> {
  const token = newSecretToken();
  await deps.reviews.putReviewLink({ tokenHash: hashToken(token), applicationId: application.id, round, reviewer, ...(generation ? { generation } : {}) }, deps.now());
  return absoluteUrl(deps.publicBaseUrl, paths.review(token));
}

/**
 * The callback step: parks the workflow's task token on the round. If a decision was recorded
 * while the workflow was elsewhere (sending a reminder), it is handed over at once.
 */
export async function awaitReviewDecision(deps: LifecycleDeps, input: { applicationId: string; round: number; taskToken: string }): Promise<void> {
  const round = await deps.reviews.attachTaskToken(input.applicationId, input.round, input.taskToken);
  if (!round) throw new PermanentError(`Review round ${input.round} of ${input.applicationId} does not exist`);
  if (round.decision) {
    await deps.callbacks.succeed(input.taskToken, decisionOutput(round.decision, input.round));
  }
}

/** Reminds every reviewer of an unanswered round, with fresh links (old ones still work). */
export async function remindReviewers(deps: LifecycleDeps, input: { applicationId: string; round: number; reminder: number }): Promise<void> {
  const application = await requireApplication(deps, input.applicationId);
  const round = await deps.reviews.getRound(input.applicationId, input.round);
  if (!round || round.state !== 'open') return;
  for (const reviewer of round.reviewers) {
    await sendOnce(deps, input.applicationId, `review-${input.round}-reminder-${input.reminder}-${reviewer}`, async () => {
      const link = await newReviewLink(deps, application, input.round, reviewer, round.linkGeneration);
      await deps.mailer.send(reviewReminderEmail(application, reviewer, link, input.reminder, round.openedAt));
    });
  }
}

/** Tells the programme's contact that the reviewers have not answered. */
export async function escalateReview(deps: LifecycleDeps, input: { applicationId: string; round: number }): Promise<void> {
  const application = await requireApplication(deps, input.applicationId);
  const round = await deps.reviews.getRound(input.applicationId, input.round);
  if (!round || round.state !== 'open') return;
  await sendOnce(deps, input.applicationId, `review-${input.round}-escalation`, () =>
    deps.mailer.send(reviewEscalationEmail(application, deps.programmeContactEmail, round.reviewers, round.openedAt)),
  );
}

/**
 * Ends a round nobody answered: the links stop working, the application is recorded as stopped and
 * the operator and the programme contact are told. A decision that slipped in first still counts.
 */
export async function closeOverdueReview(deps: LifecycleDeps, input: { applicationId: string; round: number }): Promise<Partial<DecisionOutput>> {
  const at = deps.now().toISOString();
  const round = await deps.reviews.closeRound(input.applicationId, input.round, 'overdue', at);
  if (round?.decision) return decisionOutput(round.decision, input.round);
  await deps.applications.transition(input.applicationId, {
    from: 'in_review',
    to: 'failed',
    actor: 'system',
    at,
    event: 'review_overdue',
    params: {},
  });
  await sendOnce(deps, input.applicationId, `review-${input.round}-overdue`, async () => {
    const message = operatorAlertEmail(deps.operatorEmail, input.applicationId, 'Granskningen fick inget beslut');
    await deps.mailer.send({ ...message, to: [deps.operatorEmail, deps.programmeContactEmail] });
  });
  return {};
}
