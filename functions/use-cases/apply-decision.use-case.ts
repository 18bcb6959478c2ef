import { deadlineWithinDays } from '../domain/deadline.js';
import type { ApplicationRecord } from '../domain/application-record.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { supersessions, validityFor, type Certificate } from '../domain/certificate.js';
import { assessedCriteria, criteriaNeedingWork, type AssessedCriterion } from '../domain/assessment.js';
import { criteriaFor } from '../domain/criteria-catalogue.js';
import { PermanentError } from '../domain/errors.js';
import { confirmedPartners } from '../domain/partners.js';
import type { RecordedDecision, ReviewDecision } from '../domain/review.js';
import { hashToken, newSecretToken } from '../domain/secret-token.js';
import { historyEvent } from '../domain/history-event.js';
import { certifiedEmail, completionRequestedEmail, expiredEmail, rejectedEmail } from '../templates/review-emails.template.js';
import { requireApplication, type LifecycleDeps } from './lifecycle-deps.js';
import { certificatePdf, certificatePdfUrl, verificationUrl } from './certificate-documents.use-case.js';
import { sendOnce } from './send-once.js';
import { newStatusLink } from './status-link.js';
import { absoluteUrl, paths } from '../http/paths.js';

async function decisionOf(deps: LifecycleDeps, applicationId: string, round: number, expected: ReviewDecision): Promise<RecordedDecision> {
  const reviewRound = await deps.reviews.getRound(applicationId, round);
  const decision = reviewRound?.decision;
  if (!decision || decision.decision !== expected) {
    throw new PermanentError(`Round ${round} of ${applicationId} has no ${expected} decision`);
  }
  return decision;
}

/** The assessment a decision was made on, as the applicant is shown it (status page, mails). */
function decidedAssessment(application: ApplicationRecord, decision: RecordedDecision, round: number): { round: number; criteria: AssessedCriterion[] } {
  return { round, criteria: assessedCriteria(decision.assessment, criteriaFor(application.applicationType)) };
}

/** Moves the application out of review as decided; a retried step finds it already moved. */
async function applyDecision(deps: LifecycleDeps, before: ApplicationRecord, decision: RecordedDecision, round: number, to: 'rejected' | 'completion_requested'): Promise<ApplicationRecord> {
  const applicationId = before.id;
  const result = await deps.applications.transition(applicationId, {
    from: 'in_review',
    to,
    actor: decision.decidedBy,
    at: decision.decidedAt,
    ...historyEvent(to, { comment: decision.comment }),
    set: { assessment: decidedAssessment(before, decision, round) },
  });
  const application = result.ok ? result.application : result.current;
  if (application?.status !== to) throw new PermanentError(`Cannot move ${applicationId} to ${to}: status is ${application?.status}`);
  return application;
}

/**
 * Certifies: a certificate with a human-readable number, valid three years from the decision date
 * (or from the day after the previous certificate ends, for an early renewal). Every part is
 * idempotent, so a retried step finishes the work without a second certificate or email.
 */
export async function certifyApplication(deps: LifecycleDeps, input: { applicationId: string; round: number }): Promise<{ certificateId: string }> {
  const decision = await decisionOf(deps, input.applicationId, input.round, 'approve');
  let application = await requireApplication(deps, input.applicationId);

  // 1. The number, validity and the public name are fixed once, on the application, before anything else.
  if (application.certificateId === undefined) {
    if (application.status !== 'in_review') throw new PermanentError(`Cannot certify ${input.applicationId}: status is ${application.status}`);
    const decisionDate = stockholmDate(new Date(decision.decidedAt));
    const organisationNumber = application.organisation.organisationNumber;
    const [previous, member] = await Promise.all([deps.certificates.latestForOrganisation(organisationNumber), deps.members.find(organisationNumber)]);
    const validity = validityFor(decisionDate, previous?.latestValidUntil, application.applicationType);
    const certificateId = await deps.certificates.nextCertificateId(Number(decisionDate.slice(0, 4)));
    const reserved = await deps.applications.reserveCertificate(input.applicationId, {
      certificateId,
      ...validity,
      ...(previous && application.applicationType === 'revision' ? { renews: previous.latestCertificateId } : {}),
      // The public record names the organisation as the member register does at the decision, not
      // as typed in the form (the register is the association's; the form is anyone's).
      certifiedName: member?.name ?? application.organisation.name,
      certifiedTown: member?.town ?? application.organisation.town,
    });
    if (typeof reserved?.certificateId !== 'string') throw new PermanentError(`Cannot certify ${input.applicationId}: status is ${reserved?.status}`);
    application = reserved;
  }

  // 2. The certificate (and the organisation's pointer to it) exist before the status says so;
  //    whatever of the organisation's still runs past the new first day is superseded.
  const { certificateId, validFrom, validUntil } = application;
  if (!certificateId || !validFrom || !validUntil) throw new PermanentError(`Cannot certify ${input.applicationId}: its certificate number or validity is missing`);
  const certificate: Certificate = {
    certificateId,
    applicationId: application.id,
    organisationNumber: application.organisation.organisationNumber,
    organisationName: application.certifiedName ?? application.organisation.name,
    town: application.certifiedTown ?? application.organisation.town,
    municipality: application.organisation.municipality,
    validFrom,
    validUntil,
    issuedAt: decision.decidedAt,
    decidedBy: decision.decidedBy,
    ...(application.renews ? { renews: application.renews } : {}),
    contact: { name: application.contact.name, email: application.contact.email },
    ...(application.locale === 'en' ? { locale: 'en' } : {}),
    partners: confirmedPartners(await deps.partners.list(application.id)),
  };
  await deps.certificates.create(certificate);
  await supersedeEarlier(deps, certificate);

  // 3. The final status, then the applicant's email.
  if (application.status !== 'certified') {
    const result = await deps.applications.transition(input.applicationId, {
      from: 'in_review',
      to: 'certified',
      actor: decision.decidedBy,
      at: decision.decidedAt,
      event: 'certified',
      params: { certificateId: certificate.certificateId, comment: decision.comment },
      set: { assessment: decidedAssessment(application, decision, input.round) },
    });
    const after = result.ok ? result.application : result.current;
    if (after?.status !== 'certified') throw new PermanentError(`Cannot certify ${input.applicationId}: status is ${after?.status}`);
    application = after;
  }
  const certified = application;
  await sendOnce(deps, certified.id, 'decision', async () => {
    const statusUrl = await newStatusLink(deps, certified.id);
    const pdf = await certificatePdf(certificate, stockholmDate(deps.now()), deps.publicBaseUrl);
    await deps.mailer.send(
      certifiedEmail(certified, {
        certificateId: certificate.certificateId,
        organisationName: certificate.organisationName,
        validFrom: certificate.validFrom,
        validUntil: certificate.validUntil,
        comment: decision.comment,
        statusUrl,
        verificationUrl: verificationUrl(deps.publicBaseUrl, certificate.certificateId),
        pdfUrl: certificatePdfUrl(deps.publicBaseUrl, certificate.certificateId),
        pdf,
        assessment: decidedAssessment(certified, decision, input.round).criteria,
      }),
    );
  });
  return { certificateId: certificate.certificateId };
}

/** Ends the organisation's other certificates that would overlap the new one (idempotent). */
async function supersedeEarlier(deps: LifecycleDeps, certificate: Certificate): Promise<void> {
  const rows = await deps.applications.forOrganisation(certificate.organisationNumber);
  const ids = rows.map((r) => r.certificateId).filter((id): id is string => typeof id === 'string' && id !== certificate.certificateId);
  const earlier = (await Promise.all(ids.map((id) => deps.certificates.get(id)))).filter((c) => c !== undefined);
  for (const cut of supersessions(certificate, earlier)) {
    await deps.certificates.supersede(cut.certificateId, certificate.certificateId, cut.validUntil);
  }
}

/** Rejects, with the reviewer's reason sent to the applicant. */
export async function rejectApplication(deps: LifecycleDeps, input: { applicationId: string; round: number }): Promise<void> {
  const decision = await decisionOf(deps, input.applicationId, input.round, 'reject');
  const application = await applyDecision(deps, await requireApplication(deps, input.applicationId), decision, input.round, 'rejected');
  await sendOnce(deps, application.id, 'decision', async () => {
    const statusUrl = await newStatusLink(deps, application.id);
    await deps.mailer.send(rejectedEmail(application, decision.comment ?? '', statusUrl, decidedAssessment(application, decision, input.round).criteria));
  });
}

/**
 * The callback step of a completion request: the applicant gets the reviewer's comment and a link
 * to a prefilled form; the workflow waits for the resubmission or the deadline.
 */
export async function requestCompletion(deps: LifecycleDeps, input: { applicationId: string; round: number; taskToken: string }): Promise<void> {
  const decision = await decisionOf(deps, input.applicationId, input.round, 'request_completion');
  const application = await applyDecision(deps, await requireApplication(deps, input.applicationId), decision, input.round, 'completion_requested');
  // The completion is about the criteria not (fully) met: named in the mail and the form, with the reviewer's comments.
  const criteria = criteriaFor(application.applicationType);
  const needingWork = new Set(criteriaNeedingWork(decision.assessment ?? {}, criteria).map((c) => c.id));
  const completionCriteria = assessedCriteria(decision.assessment, criteria).filter((a) => needingWork.has(a.id));
  // A whole day, stated in the mail and the form and enforced to its end in Stockholm; the
  // workflow's timer (the decision plus the configured days) fires after that day has ended.
  const deadline = deadlineWithinDays(decision.decidedAt, deps.completionDeadlineDays).endsAt;
  const request = await deps.reviews.upsertCompletionRequest({
    applicationId: input.applicationId,
    round: input.round,
    requestedAt: decision.decidedAt,
    comment: decision.comment ?? '',
    criteria: completionCriteria,
    deadline,
    taskToken: input.taskToken,
  });
  if (request.answeredAt) {
    // Answered while this step was being retried: let the workflow go on.
    await deps.callbacks.succeed(input.taskToken, { answeredAt: request.answeredAt });
    return;
  }
  await sendOnce(deps, application.id, `completion-${input.round}`, async () => {
    const token = newSecretToken();
    await deps.reviews.putCompletionLink({ tokenHash: hashToken(token), applicationId: application.id, round: input.round }, deps.now());
    await deps.mailer.send(completionRequestedEmail(application, request.comment, absoluteUrl(deps.publicBaseUrl, paths.completion(token)), request.deadline, request.criteria ?? []));
  });
}

/** Closes an application whose completion did not come in time; a last-second answer still counts. */
export async function expireApplication(deps: LifecycleDeps, input: { applicationId: string; round: number }): Promise<{ answered: boolean; extended: boolean }> {
  const at = deps.now().toISOString();
  const closed = await deps.reviews.closeCompletion(input.applicationId, input.round, at);
  if (!closed) {
    const request = await deps.reviews.getCompletionRequest(input.applicationId, input.round);
    if (request?.answeredAt) return { answered: true, extended: false };
    // Staff gave more time (the close refuses a deadline they moved past now): the workflow waits
    // again, with a new callback that the answer wakes at once; the link works until the new deadline.
    if (request?.extendedAt && !request.closedAt && Date.parse(request.deadline) > deps.now().getTime()) return { answered: false, extended: true };
  }
  const result = await deps.applications.transition(input.applicationId, {
    from: 'completion_requested',
    to: 'expired',
    actor: 'system',
    at,
    event: 'completion_expired',
    params: { days: deps.completionDeadlineDays },
  });
  const application = result.ok ? result.application : result.current;
  if (application?.status === 'expired') {
    const fullApplicationUrl = absoluteUrl(deps.publicBaseUrl, paths.applyIn(application.locale));
    await sendOnce(deps, application.id, 'expired', () => deps.mailer.send(expiredEmail(application, fullApplicationUrl)));
  }
  return { answered: false, extended: false };
}
