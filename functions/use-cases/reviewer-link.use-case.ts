import type { ApplicationRepository, ApplicationSummaryRow } from '../adapters/application.repository.js';
import type { CertificateRepository } from '../adapters/certificate.repository.js';
import type { MemberRepository } from '../adapters/member.repository.js';
import type { ReviewLink, ReviewRepository } from '../adapters/review.repository.js';
import type { WorkflowCallbacks } from '../adapters/workflow-callbacks.js';
import type { ApplicationRecord } from '../domain/application-record.js';
import type { DecisionForm, RecordedDecision, ReviewRound } from '../domain/review.js';
import { hashToken, isWellFormedToken } from '../domain/secret-token.js';

/**
 * What a reviewer's link leads to. The link is the reviewer's only credential: its token is looked
 * up by hash, and it works only for its own round, until that round ends.
 */
export type ReviewerLinkView =
  | { kind: 'unknown' }
  | { kind: 'ended'; application: ApplicationRecord; round: ReviewRound }
  | { kind: 'decided'; application: ApplicationRecord; round: ReviewRound; decision: RecordedDecision }
  | { kind: 'open'; application: ApplicationRecord; round: ReviewRound; reviewer: string };

export interface ReviewerLinkDeps {
  applications: ApplicationRepository;
  reviews: ReviewRepository;
}

async function resolveLink(deps: ReviewerLinkDeps, token: string): Promise<ReviewLink | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const link = await deps.reviews.findReviewLink(hashToken(token));
  // Found by the hash of the token itself: nothing more to compare.
  return link;
}

/** Reads only: mail scanners open links before people do. */
export async function viewReviewerLink(deps: ReviewerLinkDeps, token: string): Promise<ReviewerLinkView> {
  const link = await resolveLink(deps, token);
  if (!link) return { kind: 'unknown' };
  const [application, round] = await Promise.all([deps.applications.get(link.applicationId), deps.reviews.getRound(link.applicationId, link.round)]);
  if (!application || !round) return { kind: 'unknown' };
  // Staff resent the links or changed the reviewers: links of an earlier generation no longer work.
  if ((link.generation ?? 0) !== (round.linkGeneration ?? 0)) return { kind: 'unknown' };
  if (round.decision) return { kind: 'decided', application, round, decision: round.decision };
  if (round.state !== 'open') return { kind: 'ended', application, round };
  return { kind: 'open', application, round, reviewer: link.reviewer };
}

export type DecideResult =
  | { kind: 'unknown' }
  | { kind: 'ended'; application: ApplicationRecord }
  | { kind: 'already_decided'; application: ApplicationRecord; decision: RecordedDecision }
  | { kind: 'decided'; application: ApplicationRecord; decision: RecordedDecision };

/**
 * Records the reviewer's decision, exactly once per round however many requests race, then wakes
 * the workflow. The decider is the address bound to the link, never anything from the form.
 */
export async function decideByReviewerLink(
  deps: ReviewerLinkDeps & { callbacks: WorkflowCallbacks; now: () => Date },
  token: string,
  form: DecisionForm,
): Promise<DecideResult> {
  const view = await viewReviewerLink(deps, token);
  if (view.kind === 'unknown') return view;
  if (view.kind === 'ended') return { kind: 'ended', application: view.application };
  if (view.kind === 'decided') {
    // Wake the workflow again in case the first decider's callback failed; a stale token is ignored.
    if (view.round.taskToken) await deps.callbacks.succeed(view.round.taskToken, { ...view.decision, round: view.round.round });
    return { kind: 'already_decided', application: view.application, decision: view.decision };
  }

  const decision: RecordedDecision = {
    decision: form.decision,
    ...(form.comment ? { comment: form.comment } : {}),
    decidedBy: view.reviewer,
    decidedAt: deps.now().toISOString(),
  };
  const { recorded, round } = await deps.reviews.recordDecision(view.application.id, view.round.round, decision);
  if (!recorded) {
    if (round?.decision) return { kind: 'already_decided', application: view.application, decision: round.decision };
    return { kind: 'ended', application: view.application };
  }
  // If the workflow is between waits (sending a reminder), its next wait picks the decision up.
  if (round?.taskToken) await deps.callbacks.succeed(round.taskToken, { ...decision, round: view.round.round });
  return { kind: 'decided', application: view.application, decision };
}

/** What the reviewer sees of an organisation beyond the application: its name in the member register and its record. */
export interface OrganisationRecord {
  /** The member register's name and town now (the public record will use these). */
  registered?: { name: string; town: string };
  certificates: { certificateId: string; validFrom: string; validUntil: string; supersededBy?: string }[];
  /** The organisation's other applications, newest first. */
  applications: ApplicationSummaryRow[];
}

export async function organisationRecord(
  deps: { applications: ApplicationRepository; members: Pick<MemberRepository, 'find'>; certificates: Pick<CertificateRepository, 'get'> },
  application: ApplicationRecord,
): Promise<OrganisationRecord> {
  const organisationNumber = application.organisation.organisationNumber;
  const [member, rows] = await Promise.all([deps.members.find(organisationNumber), deps.applications.forOrganisation(organisationNumber)]);
  const certificateIds = rows.map((r) => r.certificateId).filter((id): id is string => typeof id === 'string');
  const certificates = (await Promise.all(certificateIds.map((id) => deps.certificates.get(id))))
    .filter((c) => c !== undefined)
    .map(({ certificateId, validFrom, validUntil, supersededBy }) => ({ certificateId, validFrom, validUntil, ...(supersededBy ? { supersededBy } : {}) }));
  return {
    ...(member ? { registered: { name: member.name, town: member.town } } : {}),
    certificates,
    applications: rows.filter((r) => r.id !== application.id),
  };
}
