import type { ApplicationRepository, OpenSlot } from '../adapters/application.repository.js';
import type { CertificateRepository } from '../adapters/certificate.repository.js';
import type { IdempotencyRepository } from '../adapters/idempotency.repository.js';
import type { MemberRepository } from '../adapters/member.repository.js';
import type { WorkflowStarter } from '../adapters/workflow-starter.js';
import type { ApplicationRecord, ApplicationSubmission } from '../domain/application-record.js';
import { isFinal } from '../domain/application-status.js';
import type { Mailer } from '../domain/email-message.js';
import { isRegisteredAddress, isMemberOn } from '../domain/member.js';
import { statusLinkAgainEmail } from '../templates/acknowledgement.template.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { newApplicationId } from '../domain/ids.js';
import { hashToken } from '../domain/secret-token.js';
import { revisionEligibility, type RevisionRefusal } from '../domain/revision-eligibility.js';
import { newStatusLink } from './status-link.js';

export interface SubmitApplicationDeps {
  applications: ApplicationRepository;
  members: MemberRepository;
  idempotency: IdempotencyRepository;
  workflow: WorkflowStarter;
  mailer: Mailer;
  /** The organisation's latest certificate decides whether a revision is open. */
  certificates: Pick<CertificateRepository, 'latestForOrganisation'>;
  /** Months after lapse during which a revision is still accepted. */
  revisionGraceMonths: number;
  /** Days before validUntil from which a revision is accepted (the first renewal reminder). */
  revisionOpensDaysBefore: number;
  publicBaseUrl: string;
  now: () => Date;
}

export interface SubmitApplicationRequest {
  submission: ApplicationSubmission;
  /** Client-chosen key (Idempotency-Key header or the form's hidden field). */
  idempotencyKey?: string;
}

/**
 * What the applicant gets back; a retry with the same key gets the same receipt again (with a
 * fresh status link: the stored receipt keeps no token). An application from an address the member
 * has not registered gets no status link until the member confirms it.
 */
export type SubmissionReceipt =
  | {
      id: string;
      status: 'submitted';
      type: ApplicationSubmission['type'];
      submittedAt: string;
      organisationName: string;
      statusUrl: string;
    }
  | {
      id: string;
      status: 'awaiting_confirmation';
      type: ApplicationSubmission['type'];
      submittedAt: string;
      organisationName: string;
    };

export type SubmitApplicationResult =
  | { kind: 'accepted'; receipt: SubmissionReceipt; replayed: boolean }
  | { kind: 'not_member'; organisationNumber: string }
  /** A revision from an organisation without a certificate, too early, or too long after it lapsed. */
  | { kind: 'revision_not_open'; refusal: RevisionRefusal }
  /** The organisation already has an application that is not final: only one at a time. */
  | { kind: 'application_open'; openApplicationId: string }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'in_progress' };

/** A reservation older than this belongs to an attempt that died; a retry may finish its work. */
const abandonedAfterMs = 30_000;
/** A refused second submission mails the open application's status link at most this often. */
const statusLinkResendIntervalMs = 10 * 60_000;

type StoredReceipt = Omit<Extract<SubmissionReceipt, { status: 'submitted' }>, 'statusUrl'> | Extract<SubmissionReceipt, { status: 'awaiting_confirmation' }>;

/**
 * Stores a validated application and starts its lifecycle. Nothing is written for non-members, for a
 * revision that is not open (see revision-eligibility.ts), nor while the organisation has another
 * application open. When the contact address is not one of the member's registered addresses, the
 * application waits for the member to confirm it (the workflow's first step) and nobody is mailed
 * at the typed address.
 * Safe to retry: with an idempotency key, a retry returns the first receipt and creates nothing new;
 * the application id is reserved before anything else is written, so an interrupted attempt is
 * completed by its retry rather than duplicated.
 */
export async function submitApplication(
  deps: SubmitApplicationDeps,
  request: SubmitApplicationRequest,
): Promise<SubmitApplicationResult> {
  const { submission } = request;
  const organisationNumber = submission.organisation.organisationNumber;
  const keyHash = request.idempotencyKey ? hashToken(request.idempotencyKey) : undefined;
  const requestHash = hashToken(canonicalJson(submission));
  const [member, latest, openSlot, earlier] = await Promise.all([
    deps.members.find(organisationNumber),
    submission.type === 'revision' ? deps.certificates.latestForOrganisation(organisationNumber) : undefined,
    deps.applications.getOpenSlot(organisationNumber),
    keyHash ? deps.idempotency.get(keyHash) : undefined,
  ]);
  // A membership that has ended accepts no new application (its certificates run to their end).
  if (!member || !isMemberOn(member, stockholmDate(deps.now()))) return { kind: 'not_member', organisationNumber };

  let previousCertificateId: string | undefined;
  if (submission.type === 'revision') {
    const eligibility = revisionEligibility(
      latest && { certificateId: latest.latestCertificateId, validUntil: latest.latestValidUntil },
      stockholmDate(deps.now()),
      deps.revisionGraceMonths,
      deps.revisionOpensDaysBefore,
    );
    if (!eligibility.open) return { kind: 'revision_not_open', refusal: eligibility };
    previousCertificateId = eligibility.certificateId;
  }

  const now = deps.now();
  // The common refusal (another application is open, and this is not a retry of the request that
  // opened it) is answered from reads alone, writing nothing. Racing submissions that all pass this
  // check are still decided by the conditional claim below.
  if (openSlot && earlier?.applicationId !== openSlot.applicationId) {
    const open = await deps.applications.get(openSlot.applicationId);
    if (open && !isFinal(open.status)) {
      await resendStatusLink(deps, open, now);
      return { kind: 'application_open', openApplicationId: open.id };
    }
  }

  let applicationId = newApplicationId(now);
  if (keyHash) {
    const reservation = await deps.idempotency.reserve(keyHash, { requestHash, applicationId, startedAt: now.toISOString() }, now);
    if (!reservation.reserved) {
      const { existing } = reservation;
      if (existing.requestHash !== requestHash) return { kind: 'idempotency_key_reused' };
      if (existing.state === 'completed' && existing.response) {
        return { kind: 'accepted', receipt: await presentReceipt(deps, JSON.parse(existing.response.body) as StoredReceipt), replayed: true };
      }
      if (now.getTime() - Date.parse(existing.startedAt) < abandonedAfterMs) return { kind: 'in_progress' };
      applicationId = existing.applicationId;
    }
  }

  // One open application per organisation: claim the slot with a conditional write before storing.
  const slot = await claimSlot(deps, organisationNumber, applicationId, now);
  if (!slot.claimed) {
    // Nothing of this request stays stored: its key may be used again once the open one is done.
    if (keyHash) await deps.idempotency.release(keyHash, applicationId);
    await resendStatusLink(deps, slot.open, now);
    return { kind: 'application_open', openApplicationId: slot.holder.applicationId };
  }

  const trusted = isRegisteredAddress(member, submission.contact.email);
  const status = trusted ? 'submitted' : 'awaiting_confirmation';
  const submittedAt = now.toISOString();
  const record: ApplicationRecord = {
    id: applicationId,
    applicationType: submission.type,
    status,
    organisation: submission.organisation,
    contact: submission.contact,
    partners: submission.partners,
    answers: submission.answers,
    locale: submission.locale ?? 'sv',
    submittedAt,
    updatedAt: submittedAt,
    version: 1,
    history: [{ at: submittedAt, actor: submission.contact.email, from: null, to: status }],
    notifications: {},
    // The member register's name and town at submission, shown beside what was typed.
    registered: { name: member.name, town: member.town },
    ...(previousCertificateId ? { previousCertificateId } : {}),
  };
  await deps.applications.create(record);
  const stored: StoredReceipt = { id: applicationId, status, type: submission.type, submittedAt, organisationName: member.name };
  // Independent of each other: the workflow's start and the applicant's status link.
  const [receipt] = await Promise.all([presentReceipt(deps, stored), deps.workflow.start(applicationId)]);
  if (keyHash) await deps.idempotency.complete(keyHash, { statusCode: trusted ? 201 : 202, headers: {}, body: JSON.stringify(stored) });
  return { kind: 'accepted', receipt, replayed: false };
}

/** The receipt with a fresh private status link; the stored copy never holds a token. */
async function presentReceipt(deps: SubmitApplicationDeps, stored: StoredReceipt): Promise<SubmissionReceipt> {
  if (stored.status === 'awaiting_confirmation') return stored;
  return { ...stored, statusUrl: await newStatusLink(deps, stored.id) };
}

type SlotClaim = { claimed: true } | { claimed: false; holder: OpenSlot; open: ApplicationRecord | undefined };

/** Claims the organisation's slot; a holder that is over (final, or never stored) is taken over. */
async function claimSlot(deps: SubmitApplicationDeps, organisationNumber: string, applicationId: string, now: Date): Promise<SlotClaim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const claim = await deps.applications.claimOpenSlot(organisationNumber, applicationId, now);
    if (claim.claimed) return claim;
    const open = await deps.applications.get(claim.holder.applicationId);
    const over = open ? isFinal(open.status) : now.getTime() - Date.parse(claim.holder.claimedAt) > abandonedAfterMs;
    if (!over) return { claimed: false, holder: claim.holder, open };
    if (await deps.applications.takeOverOpenSlot(organisationNumber, claim.holder, applicationId, now)) return { claimed: true };
  }
  const holder = { applicationId: '', claimedAt: now.toISOString() };
  return { claimed: false, holder, open: undefined };
}

/**
 * Mails the open application's status link again, to that application's own contact and never to
 * the requester, once it has been acknowledged (before that, the acknowledgement is on its way; and
 * an unconfirmed contact is not trusted with mail at all), and at most once per interval.
 */
async function resendStatusLink(deps: SubmitApplicationDeps, open: ApplicationRecord | undefined, now: Date): Promise<void> {
  if (!open || isFinal(open.status)) return;
  const acknowledged = (open.notifications as Record<string, { state?: string }> | undefined)?.acknowledgement?.state === 'sent';
  if (!acknowledged) return;
  if (!(await deps.applications.claimStatusLinkResend(open.id, now, statusLinkResendIntervalMs))) return;
  const statusUrl = await newStatusLink(deps, open.id);
  await deps.mailer.send(statusLinkAgainEmail(open, statusUrl));
}

/** Whether an organisation number is in the member register. */
export async function isMember(deps: { members: Pick<MemberRepository, 'find'> }, organisationNumber: string): Promise<boolean> {
  return (await deps.members.find(organisationNumber)) !== undefined;
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
