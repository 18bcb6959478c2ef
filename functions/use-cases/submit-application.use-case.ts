import type { ApplicationRecord } from '../domain/application-record.js';
import { validateApplication, type ApplicationSubmission } from '../domain/application.schema.js';
import { isFinal } from '../domain/application-status.js';
import type { Mailer } from '../domain/email-message.js';
import { isRegisteredAddress, isMemberOn } from '../domain/member.js';
import { statusLinkAgainEmail } from '../templates/acknowledgement.template.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { newApplicationId } from '../domain/ids.js';
import { hashToken } from '../domain/secret-token.js';
import { revisionEligibility, type RevisionRefusal } from '../domain/revision-eligibility.js';
import { mintStatusLink, newStatusLink } from './status-link.js';
import type { ApplicationStore, CertificateStore, IdempotencyStore, MemberStore, WorkflowStarter } from './ports.js';
import type { OpenSlot } from '../domain/application-record.js';
import type { IdempotencyRecord } from '../domain/idempotency.js';
import { normaliseOrganisationNumber } from '../domain/organisation-number.js';
import { fieldError, type ValidationError } from '../domain/validation-error.js';

export interface SubmitApplicationDeps {
  applications: ApplicationStore;
  members: MemberStore;
  idempotency: IdempotencyStore;
  workflow: WorkflowStarter;
  mailer: Mailer;
  /** The organisation's latest certificate decides whether a revision is open. */
  certificates: Pick<CertificateStore, 'latestForOrganisation'>;
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
 *
 * Three round trips after validation: the reads, all at once; one transaction that writes the
 * application, claims the organisation's open slot, stores the status link and the idempotency
 * record (with the response to replay), all or nothing; the start of the workflow.
 * Safe to retry: with an idempotency key, a retry returns the first receipt and creates nothing
 * new. A retry also starts the workflow again (a start is idempotent: the execution is named after
 * the application), so a request that stored its application but failed to start the workflow is
 * completed by its retry.
 */
export async function submitApplication(
  deps: SubmitApplicationDeps,
  request: SubmitApplicationRequest,
): Promise<SubmitApplicationResult> {
  const { submission } = request;
  const organisationNumber = submission.organisation.organisationNumber;
  const keyHash = request.idempotencyKey ? hashToken(request.idempotencyKey) : undefined;
  const requestHash = hashToken(canonicalJson(submission));
  // When the request came: its application's time, and what "before this request" means below.
  const now = deps.now();
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

  // A key used before answers from its record: the first response, or a refusal.
  if (keyHash && earlier) return answerFromRecord(deps, earlier, requestHash, now);

  // The common refusal (another application is open) is answered from reads alone, writing nothing.
  // Racing submissions that all pass this check are still decided by the transaction's conditional
  // claim of the slot.
  let slot = await slotToClaim(deps, openSlot, now);
  if (!slot.free && !slot.over) {
    await resendStatusLink(deps, slot.open, now);
    return { kind: 'application_open', openApplicationId: slot.holder.applicationId };
  }

  const applicationId = newApplicationId(now);
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
    history: [{ at: submittedAt, actor: submission.contact.email, from: null, to: status, event: 'submitted', params: {} }],
    notifications: {},
    // The member register's name and town at submission, shown beside what was typed.
    registered: { name: member.name, town: member.town },
    ...(previousCertificateId ? { previousCertificateId } : {}),
  };
  const stored: StoredReceipt = { id: applicationId, status, type: submission.type, submittedAt, organisationName: member.name };
  // The applicant's private link, stored (as a hash) with the application; an unconfirmed contact gets none.
  const link = trusted ? mintStatusLink(deps.publicBaseUrl) : undefined;
  const idempotency = keyHash
    ? { keyHash, record: { requestHash, applicationId, startedAt: submittedAt }, response: { statusCode: trusted ? 201 : 202, headers: {}, body: JSON.stringify(stored) }, now }
    : undefined;

  for (let attempt = 0; ; attempt++) {
    const outcome = await deps.applications.submit(record, {
      slot: slot.free ? { free: true } : { takeOverFrom: slot.holder },
      claimedAt: submittedAt,
      ...(link ? { statusLinkHash: link.tokenHash } : {}),
      ...(idempotency ? { idempotency } : {}),
    });
    if (outcome.ok) break;
    if (outcome.failed === 'idempotency' && keyHash) {
      // The same key won a race meanwhile: answer as that request did.
      const winner = await deps.idempotency.get(keyHash);
      if (winner) return answerFromRecord(deps, winner, requestHash, now);
    } else {
      // Another submission claimed the slot meanwhile (or its holder changed): look again.
      slot = await slotToClaim(deps, await deps.applications.getOpenSlot(organisationNumber), now);
      if (!slot.free && !slot.over) {
        await resendStatusLink(deps, slot.open, now);
        return { kind: 'application_open', openApplicationId: slot.holder.applicationId };
      }
    }
    if (attempt >= 2) return { kind: 'in_progress' };
  }

  await deps.workflow.start(applicationId);
  const receipt: SubmissionReceipt = link ? { ...stored, status: 'submitted', statusUrl: link.url } : (stored as SubmissionReceipt);
  return { kind: 'accepted', receipt, replayed: false };
}

/**
 * The answer for a key used before: the same body gets the first response again (and its workflow
 * is started, should the first request have failed between storing and starting); a different
 * body is refused. A record still `in_progress` was written by the earlier version, which reserved
 * the key before writing: while young its request may still be running; once abandoned, the
 * application it stored (if it got that far) is answered and its workflow started.
 */
async function answerFromRecord(deps: SubmitApplicationDeps, existing: IdempotencyRecord, requestHash: string, now: Date): Promise<SubmitApplicationResult> {
  if (existing.requestHash !== requestHash) return { kind: 'idempotency_key_reused' };
  let stored: StoredReceipt;
  if (existing.state === 'completed' && existing.response) stored = JSON.parse(existing.response.body) as StoredReceipt;
  else {
    const application = now.getTime() - Date.parse(existing.startedAt) >= abandonedAfterMs ? await deps.applications.get(existing.applicationId) : undefined;
    if (!application) return { kind: 'in_progress' };
    const { id, status, applicationType: type, submittedAt } = application;
    const organisationName = application.registered?.name ?? application.organisation.name;
    stored = status === 'awaiting_confirmation' ? { id, status, type, submittedAt, organisationName } : { id, status: 'submitted', type, submittedAt, organisationName };
  }
  const [receipt] = await Promise.all([presentReceipt(deps, stored), deps.workflow.start(stored.id)]);
  return { kind: 'accepted', receipt, replayed: true };
}

/** The receipt with a fresh private status link; the stored copy never holds a token. */
async function presentReceipt(deps: SubmitApplicationDeps, stored: StoredReceipt): Promise<SubmissionReceipt> {
  if (stored.status === 'awaiting_confirmation') return stored;
  return { ...stored, statusUrl: await newStatusLink(deps, stored.id) };
}

type SlotState = { free: true } | { free: false; over: boolean; holder: OpenSlot; open: ApplicationRecord | undefined };

/** Whether the organisation's slot is free, or held by an application that is over (final, or never stored) and may be taken over. */
async function slotToClaim(deps: SubmitApplicationDeps, holder: OpenSlot | undefined, now: Date): Promise<SlotState> {
  if (!holder) return { free: true };
  const open = await deps.applications.get(holder.applicationId);
  const over = open ? isFinal(open.status) : now.getTime() - Date.parse(holder.claimedAt) > abandonedAfterMs;
  return { free: false, over, holder, open };
}

/**
 * Mails the open application's status link again, to that application's own contact and never to
 * the requester, if it had been acknowledged when this request came (before that, the
 * acknowledgement is on its way; and an unconfirmed contact is not trusted with mail at all), and
 * at most once per interval.
 */
async function resendStatusLink(deps: SubmitApplicationDeps, open: ApplicationRecord | undefined, now: Date): Promise<void> {
  if (!open || isFinal(open.status)) return;
  // Acknowledged before this request came: a submission racing the open one (refused only once the
  // transactions are decided, by when the acknowledgement may have gone) mails nothing more.
  const acknowledgement = open.notifications?.acknowledgement;
  if (acknowledgement?.state !== 'sent' || !(typeof acknowledgement.at === 'string' && acknowledgement.at < now.toISOString())) return;
  if (!(await deps.applications.claimStatusLinkResend(open.id, now, statusLinkResendIntervalMs))) return;
  const statusUrl = await newStatusLink(deps, open.id);
  await deps.mailer.send(statusLinkAgainEmail(open, statusUrl));
}

/** Whether an organisation number is in the member register. */
/** What a request to apply comes to: invalid, a bot's, or what submitting it gave. */
export type SubmissionOutcome =
  /** `errors` holds at most the first few; `errorCount` says how many there were. */
  | { kind: 'invalid'; errors: ValidationError[]; errorCount: number }
  /** The honeypot field was filled: answered like a receipt, nothing stored or mailed. */
  | { kind: 'honeypot' }
  | SubmitApplicationResult;

/**
 * POST /applications as received, by the JSON API or the form: validated by the schema, with the
 * membership checked alongside (an applicant should not fix every other field only to learn that
 * the organisation cannot apply at all), then submitted.
 */
export async function applyForQualityMark(
  deps: SubmitApplicationDeps,
  request: { body: unknown; idempotencyKey?: string; honeypotFilled?: boolean },
): Promise<SubmissionOutcome> {
  const validation = validateApplication(request.body);
  if (!validation.ok) {
    const errors = await withMembership(deps, validation.errors, request.body);
    return { kind: 'invalid', errors, errorCount: validation.errorCount + errors.length - validation.errors.length };
  }
  if (request.honeypotFilled) return { kind: 'honeypot' };
  return submitApplication(deps, { submission: validation.value, ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}) });
}

/** The membership error first, unless the organisation number is wrong anyway. */
async function withMembership(deps: Pick<SubmitApplicationDeps, 'members'>, errors: ValidationError[], body: unknown): Promise<ValidationError[]> {
  const path = 'organisation.organisationNumber';
  if (errors.some((e) => e.path === path)) return errors;
  const typed = (body as { organisation?: { organisationNumber?: unknown } } | null)?.organisation?.organisationNumber;
  const organisationNumber = typeof typed === 'string' ? normaliseOrganisationNumber(typed) : null;
  if (!organisationNumber) return errors;
  if (await isMember(deps, organisationNumber)) return errors;
  return [fieldError(path, 'not_member'), ...errors];
}

export async function isMember(deps: { members: Pick<MemberStore, 'find'> }, organisationNumber: string): Promise<boolean> {
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
