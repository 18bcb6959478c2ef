import type { ApplicationRecord } from '../domain/application-record.js';
import { contentChanges, type AnswerChange } from '../domain/answer-changes.js';
import { assessedCriteria, type Assessment } from '../domain/assessment.js';
import { criteriaFor } from '../domain/criteria-catalogue.js';
import { clearedForApproval, type Partner, type PartnerConfirmation } from '../domain/partners.js';
import { decisionOutput, type DecisionForm, type RecordedDecision, type ReviewRound } from '../domain/review.js';
import { hashToken, isWellFormedToken } from '../domain/secret-token.js';
import { partnerStatuses } from './partner-confirmation.use-case.js';
import type { ApplicationStore, CertificateStore, MemberStore, PartnerStore, ReviewStore, WorkflowCallbacks } from './ports.js';
import type { ApplicationSummaryRow } from '../domain/application-record.js';
import type { ReviewLink } from '../domain/review.js';

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
  applications: ApplicationStore;
  reviews: ReviewStore;
  partners: PartnerStore;
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
  /** Approving waits until every named partner has confirmed. */
  | { kind: 'partners_pending'; application: ApplicationRecord; round: ReviewRound; reviewer: string; pending: Partner[] }
  | { kind: 'saved'; application: ApplicationRecord; round: ReviewRound; reviewer: string }
  | { kind: 'decided'; application: ApplicationRecord; decision: RecordedDecision };

/** The form as the rules have checked it (see assessmentRuleErrors): the decision or `save`, and the assessment. */
export type ReviewForm = DecisionForm & { assessment: Assessment };

/**
 * Records the reviewer's decision, exactly once per round however many requests race, then wakes
 * the workflow; or, for `save`, keeps the assessment on the open round. The decider is the address
 * bound to the link, never anything from the form.
 */
export async function decideByReviewerLink(
  deps: ReviewerLinkDeps & { callbacks: WorkflowCallbacks; now: () => Date },
  token: string,
  form: ReviewForm,
): Promise<DecideResult> {
  const view = await viewReviewerLink(deps, token);
  if (view.kind === 'unknown') return view;
  if (view.kind === 'ended') return { kind: 'ended', application: view.application };
  if (view.kind === 'decided') {
    // Wake the workflow again in case the first decider's callback failed; a stale token is ignored.
    if (view.round.taskToken) await deps.callbacks.succeed(view.round.taskToken, decisionOutput(view.decision, view.round.round));
    await recordAssessmentEvent(deps, view.application, view.round.round, view.decision);
    return { kind: 'already_decided', application: view.application, decision: view.decision };
  }
  const { application, reviewer } = view;
  const at = deps.now().toISOString();
  const criteria = criteriaFor(application.applicationType);

  if (form.decision === 'save') {
    if (!(await deps.reviews.saveAssessment(application.id, view.round.round, form.assessment, reviewer, at))) return decideByReviewerLink(deps, token, form);
    const assessed = assessedCriteria(form.assessment, criteria);
    await deps.applications.appendEvent(application.id, { at, actor: reviewer, event: 'assessment', params: { round: view.round.round, saved: true, criteria: assessed } }, `assessment-${view.round.round}-${at}`);
    return { kind: 'saved', application, round: { ...view.round, assessment: form.assessment, assessmentSavedBy: reviewer, assessmentSavedAt: at }, reviewer };
  }
  if (form.decision === 'approve') {
    const pending = (await partnerStatuses(deps, application)).filter((s) => !clearedForApproval(s.confirmation)).map((s) => s.partner);
    if (pending.length > 0) return { kind: 'partners_pending', application, round: view.round, reviewer, pending };
  }

  const decision: RecordedDecision = {
    decision: form.decision,
    ...(form.comment ? { comment: form.comment } : {}),
    decidedBy: reviewer,
    decidedAt: at,
    assessment: form.assessment,
  };
  const { recorded, round } = await deps.reviews.recordDecision(application.id, view.round.round, decision);
  if (!recorded) {
    if (round?.decision) return { kind: 'already_decided', application, decision: round.decision };
    return { kind: 'ended', application };
  }
  await recordAssessmentEvent(deps, application, view.round.round, decision);
  // If the workflow is between waits (sending a reminder), its next wait picks the decision up.
  if (round?.taskToken) await deps.callbacks.succeed(round.taskToken, decisionOutput(decision, view.round.round));
  return { kind: 'decided', application, decision };
}

/** The assessment a decision was made on, in the history (once per round). */
async function recordAssessmentEvent(deps: ReviewerLinkDeps, application: ApplicationRecord, round: number, decision: RecordedDecision): Promise<void> {
  const criteria = criteriaFor(application.applicationType);
  const assessed = assessedCriteria(decision.assessment, criteria);
  if (assessed.length === 0) return;
  await deps.applications.appendEvent(application.id, { at: decision.decidedAt, actor: decision.decidedBy, event: 'assessment', params: { round, saved: false, criteria: assessed } }, `assessment-${round}-decision`);
}

/** What the reviewer sees beside the application: the partners' answers, the round before, the last certified answers. */
export interface ReviewContext {
  record: OrganisationRecord;
  partners: { partner: Partner; confirmation?: PartnerConfirmation }[];
  /** For a second (or later) round: the previous round's decision and what the completion changed. */
  previousRound?: { round: number; decision?: RecordedDecision; changes: AnswerChange[] };
  /** For a revision: the answers of the application behind the certificate it renews. */
  lastCertified?: { certificateId: string; applicationId: string; answers: Record<string, unknown> };
}

export async function reviewContext(
  deps: ReviewerLinkDeps & { members: Pick<MemberStore, 'find'>; certificates: Pick<CertificateStore, 'get'> },
  application: ApplicationRecord,
  round: ReviewRound,
): Promise<ReviewContext> {
  const previous = round.round - 1;
  const [record, partners, previousRound, completion, certificate] = await Promise.all([
    organisationRecord(deps, application),
    partnerStatuses(deps, application),
    previous > 0 ? deps.reviews.getRound(application.id, previous) : undefined,
    previous > 0 ? deps.reviews.getCompletionRequest(application.id, previous) : undefined,
    application.previousCertificateId ? deps.certificates.get(application.previousCertificateId) : undefined,
  ]);
  const certified = certificate ? await deps.applications.get(certificate.applicationId) : undefined;
  const changes =
    completion?.previousContent && completion.submittedContent
      ? contentChanges(completion.previousContent as never, completion.submittedContent as never)
      : [];
  return {
    record,
    partners,
    ...(previousRound ? { previousRound: { round: previous, ...(previousRound.decision ? { decision: previousRound.decision } : {}), changes } } : {}),
    ...(certificate && certified ? { lastCertified: { certificateId: certificate.certificateId, applicationId: certified.id, answers: certified.answers } } : {}),
  };
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
  deps: { applications: ApplicationStore; members: Pick<MemberStore, 'find'>; certificates: Pick<CertificateStore, 'get'> },
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
