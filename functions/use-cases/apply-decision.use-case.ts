import type { ApplicationRecord } from '../domain/application-record.js';
import { addDays, stockholmDate } from '../domain/calendar-date.js';
import { validityFor, type Certificate } from '../domain/certificate.js';
import { PermanentError } from '../domain/errors.js';
import type { RecordedDecision, ReviewDecision } from '../domain/review.js';
import { hashToken, newSecretToken } from '../domain/secret-token.js';
import { certifiedEmail, completionRequestedEmail, expiredEmail, rejectedEmail } from '../templates/review-emails.template.js';
import { requireApplication, type LifecycleDeps } from './lifecycle-deps.js';
import { sendOnce } from './send-once.js';
import { newStatusLink } from './status-link.js';

async function decisionOf(deps: LifecycleDeps, applicationId: string, round: number, expected: ReviewDecision): Promise<RecordedDecision> {
  const reviewRound = await deps.reviews.getRound(applicationId, round);
  const decision = reviewRound?.decision;
  if (!decision || decision.decision !== expected) {
    throw new PermanentError(`Round ${round} of ${applicationId} has no ${expected} decision`);
  }
  return decision;
}

/** Moves the application out of review as decided; a retried step finds it already moved. */
async function applyDecision(deps: LifecycleDeps, applicationId: string, decision: RecordedDecision, to: 'rejected' | 'completion_requested'): Promise<ApplicationRecord> {
  const result = await deps.applications.transition(applicationId, {
    from: 'in_review',
    to,
    actor: decision.decidedBy,
    at: decision.decidedAt,
    comment: decision.comment,
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

  let certificateId = typeof application.certificateId === 'string' ? application.certificateId : undefined;
  let validFrom = application.validFrom as string | undefined;
  let validUntil = application.validUntil as string | undefined;
  if (!certificateId || !validFrom || !validUntil) {
    const decisionDate = stockholmDate(new Date(decision.decidedAt));
    const previous = await deps.certificates.latestForOrganisation(application.organisation.organisationNumber);
    ({ validFrom, validUntil } = validityFor(decisionDate, previous?.latestValidUntil));
    certificateId = await deps.certificates.nextCertificateId(Number(decisionDate.slice(0, 4)));
    const result = await deps.applications.transition(input.applicationId, {
      from: 'in_review',
      to: 'certified',
      actor: decision.decidedBy,
      at: decision.decidedAt,
      comment: decision.comment ?? `Certifierad: ${certificateId}`,
      set: { certificateId, validFrom, validUntil, ...(previous ? { renews: previous.latestCertificateId } : {}) },
    });
    if (!result.ok) {
      // A retry after the transition: use what the first attempt recorded.
      const current = result.current;
      if (current?.status !== 'certified' || typeof current.certificateId !== 'string') {
        throw new PermanentError(`Cannot certify ${input.applicationId}: status is ${current?.status}`);
      }
      certificateId = current.certificateId;
      validFrom = current.validFrom as string;
      validUntil = current.validUntil as string;
    } else {
      application = result.application;
    }
  }

  const certificate: Certificate = {
    certificateId,
    applicationId: application.id,
    organisationNumber: application.organisation.organisationNumber,
    organisationName: application.organisation.name,
    town: application.organisation.town,
    municipality: application.organisation.municipality,
    validFrom,
    validUntil,
    issuedAt: decision.decidedAt,
    decidedBy: decision.decidedBy,
    ...(typeof application.renews === 'string' ? { renews: application.renews } : {}),
    contact: { name: application.contact.name, email: application.contact.email },
    ...(application.locale === 'en' ? { locale: 'en' } : {}),
  };
  await deps.certificates.create(certificate);

  await sendOnce(deps, application.id, 'decision', async () => {
    const statusUrl = await newStatusLink(deps, application.id);
    await deps.mailer.send(certifiedEmail(application, { certificateId: certificate.certificateId, validFrom: certificate.validFrom, validUntil: certificate.validUntil, comment: decision.comment, statusUrl }));
  });
  return { certificateId };
}

/** Rejects, with the reviewer's reason sent to the applicant. */
export async function rejectApplication(deps: LifecycleDeps, input: { applicationId: string; round: number }): Promise<void> {
  const decision = await decisionOf(deps, input.applicationId, input.round, 'reject');
  const application = await applyDecision(deps, input.applicationId, decision, 'rejected');
  await sendOnce(deps, application.id, 'decision', async () => {
    const statusUrl = await newStatusLink(deps, application.id);
    await deps.mailer.send(rejectedEmail(application, decision.comment ?? '', statusUrl));
  });
}

/**
 * The callback step of a completion request: the applicant gets the reviewer's comment and a link
 * to a prefilled form; the workflow waits for the resubmission or the deadline.
 */
export async function requestCompletion(deps: LifecycleDeps, input: { applicationId: string; round: number; taskToken: string }): Promise<void> {
  const decision = await decisionOf(deps, input.applicationId, input.round, 'request_completion');
  const application = await applyDecision(deps, input.applicationId, decision, 'completion_requested');
  const deadline = new Date(`${addDays(stockholmDate(new Date(decision.decidedAt)), deps.completionDeadlineDays)}T21:59:59Z`).toISOString();
  const request = await deps.reviews.upsertCompletionRequest({
    applicationId: input.applicationId,
    round: input.round,
    requestedAt: decision.decidedAt,
    comment: decision.comment ?? '',
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
    await deps.mailer.send(completionRequestedEmail(application, request.comment, `${deps.publicBaseUrl}/complete/${token}`, request.deadline));
  });
}

/** Closes an application whose completion did not come in time; a last-second answer still counts. */
export async function expireApplication(deps: LifecycleDeps, input: { applicationId: string; round: number }): Promise<{ answered: boolean }> {
  const at = deps.now().toISOString();
  const closed = await deps.reviews.closeCompletion(input.applicationId, input.round, at);
  if (!closed) {
    const request = await deps.reviews.getCompletionRequest(input.applicationId, input.round);
    if (request?.answeredAt) return { answered: true };
  }
  const result = await deps.applications.transition(input.applicationId, {
    from: 'completion_requested',
    to: 'expired',
    actor: 'system',
    at,
    comment: `Ingen komplettering inom ${deps.completionDeadlineDays} dagar`,
  });
  const application = result.ok ? result.application : result.current;
  if (application?.status === 'expired') {
    const fullApplicationUrl = `${deps.publicBaseUrl}/apply${application.locale === 'en' ? '?lang=en' : ''}`;
    await sendOnce(deps, application.id, 'expired', () => deps.mailer.send(expiredEmail(application, fullApplicationUrl)));
  }
  return { answered: false };
}
