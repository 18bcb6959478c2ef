import type { ApplicationRepository } from '../adapters/application.repository.js';
import type { CertificateRepository } from '../adapters/certificate.repository.js';
import type { IdempotencyRepository } from '../adapters/idempotency.repository.js';
import type { MemberRepository } from '../adapters/member.repository.js';
import type { WorkflowStarter } from '../adapters/workflow-starter.js';
import type { ApplicationRecord, ApplicationSubmission } from '../domain/application-record.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { newApplicationId } from '../domain/ids.js';
import { hashToken } from '../domain/secret-token.js';
import { revisionEligibility } from '../domain/revision-eligibility.js';
import { newStatusLink } from './status-link.js';

export interface SubmitApplicationDeps {
  applications: ApplicationRepository;
  members: MemberRepository;
  idempotency: IdempotencyRepository;
  workflow: WorkflowStarter;
  /** The organisation's latest certificate decides whether a revision is open. */
  certificates: Pick<CertificateRepository, 'latestForOrganisation'>;
  /** Months after lapse during which a revision is still accepted. */
  revisionGraceMonths: number;
  publicBaseUrl: string;
  now: () => Date;
}

export interface SubmitApplicationRequest {
  submission: ApplicationSubmission;
  /** Client-chosen key (Idempotency-Key header or the form's hidden field). */
  idempotencyKey?: string;
}

/** What the applicant gets back; a retry with the same key gets exactly this again. */
export interface SubmissionReceipt {
  id: string;
  status: 'submitted';
  type: ApplicationSubmission['type'];
  submittedAt: string;
  organisationName: string;
  statusUrl: string;
}

export type SubmitApplicationResult =
  | { kind: 'accepted'; receipt: SubmissionReceipt; replayed: boolean }
  | { kind: 'not_member'; organisationNumber: string }
  /** A revision from an organisation without a certificate, or too long after it lapsed. */
  | { kind: 'revision_not_open'; reason: 'no_certificate' | 'window_closed'; message: string }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'in_progress' };

/** A reservation older than this belongs to an attempt that died; a retry may finish its work. */
const abandonedAfterMs = 30_000;

/**
 * Stores a validated application and starts its lifecycle. Nothing is written for non-members,
 * nor for a revision that is not open (see revision-eligibility.ts).
 * Safe to retry: with an idempotency key, a retry returns the first receipt and creates nothing new;
 * the application id is reserved before anything else is written, so an interrupted attempt is
 * completed by its retry rather than duplicated.
 */
export async function submitApplication(
  deps: SubmitApplicationDeps,
  request: SubmitApplicationRequest,
): Promise<SubmitApplicationResult> {
  const { submission } = request;
  const member = await deps.members.find(submission.organisation.organisationNumber);
  if (!member) return { kind: 'not_member', organisationNumber: submission.organisation.organisationNumber };

  let previousCertificateId: string | undefined;
  if (submission.type === 'revision') {
    const latest = await deps.certificates.latestForOrganisation(submission.organisation.organisationNumber);
    const eligibility = revisionEligibility(
      latest && { certificateId: latest.latestCertificateId, validUntil: latest.latestValidUntil },
      stockholmDate(deps.now()),
      deps.revisionGraceMonths,
    );
    if (!eligibility.open) return { kind: 'revision_not_open', reason: eligibility.reason, message: eligibility.message };
    previousCertificateId = eligibility.certificateId;
  }

  const now = deps.now();
  let applicationId = newApplicationId(now);
  let keyHash: string | undefined;

  if (request.idempotencyKey) {
    keyHash = hashToken(request.idempotencyKey);
    const requestHash = hashToken(canonicalJson(submission));
    const reservation = await deps.idempotency.reserve(keyHash, { requestHash, applicationId, startedAt: now.toISOString() }, now);
    if (!reservation.reserved) {
      const { existing } = reservation;
      if (existing.requestHash !== requestHash) return { kind: 'idempotency_key_reused' };
      if (existing.state === 'completed' && existing.response) {
        return { kind: 'accepted', receipt: JSON.parse(existing.response.body) as SubmissionReceipt, replayed: true };
      }
      if (now.getTime() - Date.parse(existing.startedAt) < abandonedAfterMs) return { kind: 'in_progress' };
      applicationId = existing.applicationId;
    }
  }

  const submittedAt = now.toISOString();
  const record: ApplicationRecord = {
    id: applicationId,
    applicationType: submission.type,
    status: 'submitted',
    organisation: submission.organisation,
    contact: submission.contact,
    answers: submission.answers,
    locale: submission.locale ?? 'sv',
    submittedAt,
    updatedAt: submittedAt,
    version: 1,
    history: [{ at: submittedAt, actor: submission.contact.email, from: null, to: 'submitted' }],
    notifications: {},
    ...(previousCertificateId ? { previousCertificateId } : {}),
  };
  await deps.applications.create(record);

  const statusUrl = await newStatusLink(deps, applicationId);
  await deps.workflow.start(applicationId);

  const receipt: SubmissionReceipt = {
    id: applicationId,
    status: 'submitted',
    type: submission.type,
    submittedAt,
    organisationName: submission.organisation.name,
    statusUrl,
  };
  if (keyHash) await deps.idempotency.complete(keyHash, { statusCode: 201, headers: {}, body: JSON.stringify(receipt) });
  return { kind: 'accepted', receipt, replayed: false };
}

/** JSON with sorted keys, so the same content gives the same fingerprint whatever its order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
