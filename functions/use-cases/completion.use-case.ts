import type { ApplicationRecord } from '../domain/application-record.js';
import type { ApplicationSubmission } from '../domain/application.schema.js';
import { hashToken, isWellFormedToken } from '../domain/secret-token.js';
import type { ApplicationStore, ReviewStore, WorkflowCallbacks } from './ports.js';
import type { CompletionLink, CompletionRequest } from '../domain/review.js';

export type CompletionView =
  | { kind: 'unknown' }
  | { kind: 'answered'; application: ApplicationRecord; request: CompletionRequest }
  | { kind: 'closed'; application: ApplicationRecord; request: CompletionRequest }
  | { kind: 'open'; application: ApplicationRecord; request: CompletionRequest };

export interface CompletionDeps {
  applications: ApplicationStore;
  reviews: ReviewStore;
}

async function resolveLink(deps: CompletionDeps, token: string): Promise<CompletionLink | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  // The link is stored under the token's hash: finding it is the check.
  return deps.reviews.findCompletionLink(hashToken(token));
}

/** What the applicant's completion link shows. Reads only. */
export async function viewCompletion(deps: CompletionDeps & { now: () => Date }, token: string): Promise<CompletionView> {
  const link = await resolveLink(deps, token);
  if (!link) return { kind: 'unknown' };
  const [application, request] = await Promise.all([deps.applications.get(link.applicationId), deps.reviews.getCompletionRequest(link.applicationId, link.round)]);
  if (!application || !request) return { kind: 'unknown' };
  if (request.answeredAt) return { kind: 'answered', application, request };
  if (request.closedAt || application.status !== 'completion_requested' || Date.parse(request.deadline) <= deps.now().getTime()) {
    return { kind: 'closed', application, request };
  }
  return { kind: 'open', application, request };
}

export type SubmitCompletionResult =
  | Exclude<CompletionView, { kind: 'open' }>
  | { kind: 'organisation_changed'; application: ApplicationRecord; request: CompletionRequest }
  /** The contact address is the one the member registered or confirmed: a completion cannot swap it. */
  | { kind: 'contact_changed'; application: ApplicationRecord; request: CompletionRequest }
  | { kind: 'partners_changed'; application: ApplicationRecord; request: CompletionRequest }
  | { kind: 'accepted'; application: ApplicationRecord };

/**
 * Takes the applicant's completed application (validated like a new one), replaces the content and
 * sends the application back to review. Only the first resubmission counts.
 */
export async function submitCompletion(
  deps: CompletionDeps & { callbacks: WorkflowCallbacks; now: () => Date },
  token: string,
  submission: ApplicationSubmission,
): Promise<SubmitCompletionResult> {
  const view = await viewCompletion(deps, token);
  if (view.kind === 'answered') {
    // A repeat (perhaps after a failure midway): make sure the first answer took effect.
    await applyAnswer(deps, view.application, view.request);
    return view;
  }
  if (view.kind !== 'open') return view;
  const { application, request } = view;
  if (submission.organisation.organisationNumber !== application.organisation.organisationNumber || submission.type !== application.applicationType) {
    return { kind: 'organisation_changed', application, request };
  }
  if (submission.contact.email.trim().toLowerCase() !== application.contact.email.trim().toLowerCase()) {
    return { kind: 'contact_changed', application, request };
  }
  const at = deps.now().toISOString();
  // The partners were asked to confirm these very partners: a completion cannot swap them.
  if (application.partners && JSON.stringify(submission.partners) !== JSON.stringify(application.partners)) {
    return { kind: 'partners_changed', application, request };
  }
  const previous = { organisation: application.organisation, contact: application.contact, answers: application.answers };
  const submitted = { organisation: submission.organisation, contact: submission.contact, answers: submission.answers };
  const { answered, request: after } = await deps.reviews.answerCompletion(application.id, request.round, at, previous, submitted);
  if (!answered) return after?.answeredAt ? { kind: 'answered', application, request: after } : { kind: 'closed', application, request };
  if (after) await applyAnswer(deps, application, after);
  return { kind: 'accepted', application };
}

/**
 * Puts the answered content on the application and wakes the workflow. Both are idempotent: the
 * content is replaced only while the application still waits for it, and a stale token is ignored.
 */
async function applyAnswer(deps: CompletionDeps & { callbacks: WorkflowCallbacks; now: () => Date }, application: ApplicationRecord, request: CompletionRequest): Promise<void> {
  if (!request.submittedContent || application.status !== 'completion_requested') return;
  await deps.applications.replaceContent(application.id, request.submittedContent, 'completion_requested', request.answeredAt ?? deps.now().toISOString());
  if (request.taskToken) await deps.callbacks.succeed(request.taskToken, { answeredAt: request.answeredAt });
}
