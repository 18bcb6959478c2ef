import type { ApplicationRecord, ApplicationRecordPatch, ApplicationSummaryRow, NewHistoryEntry, OpenSlot } from '../domain/application-record.js';
import type { HistoryRecord } from '../domain/history-event.js';
import type { ApplicationStatus } from '../domain/application-status.js';
import type { AuditEntry, AuditItemKind } from '../domain/audit.js';
import type { Assessment } from '../domain/assessment.js';
import type { CalendarDate } from '../domain/calendar-date.js';
import type { Certificate, OrganisationCertificatePointer, StoredCertificate } from '../domain/certificate.js';
import type { DeliverabilityEvent } from '../domain/deliverability.js';
import type { CompletedRequest, IdempotencyRecord } from '../domain/idempotency.js';
import type { Member } from '../domain/member.js';
import type { MemberConfirmation, MemberConfirmationDecision } from '../domain/member-confirmation.js';
import type { PartnerConfirmation, PartnerDecision } from '../domain/partners.js';
import type { RenewalStageRecord, RevisionLink } from '../domain/renewal-stages.js';
import type { CompletionLink, CompletionRequest, RecordedDecision, ReviewLink, ReviewRound } from '../domain/review.js';
import type { SignInToken, StaffMember, StaffSessionRecord } from '../domain/staff-session.js';

/**
 * The ports the use cases depend on: what they need of storage, mail, workflows and alerts, with
 * no DynamoDB, SES or Step Functions in sight. The adapters in functions/adapters implement them;
 * test fakes implement them too, without casts. (The mailer's port is `Mailer`, beside the
 * message it sends, in domain/email-message.ts.)
 */

/** Applications, their organisation's open slot and their status links. */
export interface ApplicationStore {
  create(application: ApplicationRecord): Promise<'created' | 'exists'>;
  /** The application, its organisation's slot, its status link and idempotency record: all written, or none. */
  submit(application: ApplicationRecord, writes: SubmitWrites): Promise<SubmitOutcome>;
  get(id: string): Promise<ApplicationRecord | undefined>;
  claimOpenSlot(organisationNumber: string, applicationId: string, now: Date): Promise<{ claimed: true } | { claimed: false; holder: OpenSlot }>;
  getOpenSlot(organisationNumber: string): Promise<OpenSlot | undefined>;
  takeOverOpenSlot(organisationNumber: string, from: OpenSlot, applicationId: string, now: Date): Promise<boolean>;
  releaseOpenSlot(organisationNumber: string, applicationId: string): Promise<void>;
  forOrganisation(organisationNumber: string, limit?: number): Promise<ApplicationSummaryRow[]>;
  listAll(since?: string): Promise<ApplicationRecord[]>;
  appendHistory(id: string, entry: NewHistoryEntry, set?: ApplicationRecordPatch): Promise<ApplicationRecord | undefined>;
  claimStatusLinkResend(id: string, now: Date, minIntervalMs: number): Promise<boolean>;
  putStatusLink(tokenHash: string, applicationId: string): Promise<void>;
  findIdByStatusLink(tokenHash: string): Promise<string | undefined>;
  transition(id: string, request: TransitionRequest): Promise<TransitionResult>;
  /** Appends a status-preserving event once per `key`; false when it was there already. */
  appendEvent(id: string, entry: NewHistoryEntry, key: string): Promise<boolean>;
  reserveCertificate(
    id: string,
    fields: { certificateId: string; validFrom: string; validUntil: string; renews?: string; certifiedName: string; certifiedTown: string },
  ): Promise<ApplicationRecord | undefined>;
  replaceContent(id: string, content: Pick<ApplicationRecord, 'organisation' | 'contact' | 'answers'>, expected: ApplicationStatus, at: string): Promise<boolean>;
  claimNotification(id: string, key: string, now: Date, leaseMs?: number): Promise<'claimed' | 'sent' | 'busy'>;
  completeNotification(id: string, key: string, now: Date): Promise<void>;
  releaseNotification(id: string, key: string): Promise<void>;
  appendNote(id: string, note: NewHistoryEntry): Promise<boolean>;
}

export interface CertificateStore {
  nextCertificateId(year: number): Promise<string>;
  create(certificate: Certificate): Promise<'created' | 'exists'>;
  supersede(certificateId: string, by: string, validUntil: CalendarDate): Promise<void>;
  get(certificateId: string): Promise<StoredCertificate | undefined>;
  latestForOrganisation(organisationNumber: string): Promise<OrganisationCertificatePointer | undefined>;
  validOn(date: CalendarDate): Promise<StoredCertificate[]>;
  listEndingFrom(from?: string): Promise<StoredCertificate[]>;
  revoke(certificateId: string, at: string, reason: string): Promise<StoredCertificate | undefined>;
  correct(certificateId: string, fields: { organisationName: string; town: string }): Promise<boolean>;
}

/** Review rounds, reviewer links, completion requests and completion links. */
export interface ReviewStore {
  openRound(round: ReviewRound): Promise<ReviewRound>;
  getRound(applicationId: string, round: number): Promise<ReviewRound | undefined>;
  attachTaskToken(applicationId: string, round: number, taskToken: string): Promise<ReviewRound | undefined>;
  recordDecision(applicationId: string, round: number, decision: RecordedDecision): Promise<{ recorded: boolean; round: ReviewRound | undefined }>;
  saveAssessment(applicationId: string, round: number, assessment: Assessment, by: string, at: string): Promise<boolean>;
  closeRound(applicationId: string, round: number, reason: string, at: string): Promise<ReviewRound | undefined>;
  reissueLinks(applicationId: string, round: number, reviewers?: string[]): Promise<ReviewRound | undefined>;
  extendCompletion(applicationId: string, round: number, deadline: string, at: string): Promise<boolean>;
  putReviewLink(link: ReviewLink, now: Date): Promise<void>;
  findReviewLink(tokenHash: string): Promise<ReviewLink | undefined>;
  upsertCompletionRequest(request: CompletionRequest): Promise<CompletionRequest>;
  getCompletionRequest(applicationId: string, round: number): Promise<CompletionRequest | undefined>;
  answerCompletion(
    applicationId: string,
    round: number,
    at: string,
    previousContent: Pick<ApplicationRecord, 'organisation' | 'contact' | 'answers'>,
    submittedContent: Pick<ApplicationRecord, 'organisation' | 'contact' | 'answers'>,
  ): Promise<{ answered: boolean; request: CompletionRequest | undefined }>;
  closeCompletion(applicationId: string, round: number, at: string, force?: boolean): Promise<boolean>;
  putCompletionLink(link: CompletionLink, now: Date): Promise<void>;
  findCompletionLink(tokenHash: string): Promise<CompletionLink | undefined>;
}

/** The member register. */
export interface MemberStore {
  find(organisationNumber: string): Promise<Member | undefined>;
  list(): Promise<Member[]>;
  put(member: Member, now: Date): Promise<void>;
  endMembership(organisationNumber: string, lastDay: string, now: Date): Promise<boolean>;
  isEmpty(): Promise<boolean>;
  upsertMany(members: readonly Member[], now: Date): Promise<void>;
}

/** Partners' confirmation requests and their private links. */
export interface PartnerStore {
  upsertRequest(request: Omit<PartnerConfirmation, 'decision' | 'comment' | 'decidedAt' | 'reminders' | 'releasedAt'>): Promise<PartnerConfirmation>;
  get(applicationId: string, index: number): Promise<PartnerConfirmation | undefined>;
  list(applicationId: string): Promise<PartnerConfirmation[]>;
  answer(applicationId: string, index: number, decision: PartnerDecision, comment: string | undefined, at: string): Promise<{ answered: boolean; confirmation: PartnerConfirmation | undefined }>;
  release(applicationId: string, index: number, at: string): Promise<PartnerConfirmation | undefined>;
  override(applicationId: string, index: number, partner: Pick<PartnerConfirmation, 'role' | 'organisation' | 'name' | 'email'>, by: string, reason: string, at: string): Promise<PartnerConfirmation | undefined>;
  setReminders(applicationId: string, index: number, reminders: number): Promise<void>;
  putLink(tokenHash: string, applicationId: string, index: number, now: Date): Promise<void>;
  findLink(tokenHash: string): Promise<{ applicationId: string; index: number } | undefined>;
}

/** The member's confirmation of an application from an address it has not registered. */
export interface ConfirmationStore {
  upsert(request: Pick<MemberConfirmation, 'applicationId' | 'requestedAt' | 'deadline' | 'sentTo' | 'taskToken'>): Promise<MemberConfirmation>;
  get(applicationId: string): Promise<MemberConfirmation | undefined>;
  answer(applicationId: string, decision: MemberConfirmationDecision, by: string, at: string): Promise<{ answered: boolean; confirmation: MemberConfirmation | undefined }>;
  close(applicationId: string, at: string): Promise<boolean>;
  putLink(tokenHash: string, applicationId: string, now: Date): Promise<void>;
  findLink(tokenHash: string): Promise<{ applicationId: string } | undefined>;
}

/** Idempotency records of POST /applications (written by `ApplicationStore.submit`). */
export interface IdempotencyStore {
  get(keyHash: string): Promise<IdempotencyRecord | undefined>;
}

/** The renewal index of certificates and the revision links in reminders. */
export interface RenewalStore {
  due(today: CalendarDate): Promise<DueCertificates>;
  nextDueAfter(today: CalendarDate): Promise<StoredCertificate | undefined>;
  settle(request: SettleStageRequest): Promise<string | undefined>;
  complete(certificateId: string, stage: string, claimedAt: string, nextDueDate: CalendarDate | undefined, now: Date): Promise<boolean>;
  release(certificateId: string, stage: string, claimedAt: string): Promise<void>;
  reindex(certificateId: string, nextDueDate: CalendarDate | undefined): Promise<void>;
  putRevisionLink(tokenHash: string, link: RevisionLink): Promise<void>;
  findRevisionLink(tokenHash: string): Promise<RevisionLink | undefined>;
}

/** The audit log of staff actions. */
export interface AuditStore {
  record(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  latest(limit?: number): Promise<AuditEntry[]>;
  forItem(kind: AuditItemKind, itemId: string): Promise<AuditEntry[]>;
}

/** Addresses that bounced or complained. */
export interface DeliverabilityStore {
  record(event: DeliverabilityEvent): Promise<boolean>;
  get(address: string): Promise<(DeliverabilityEvent & { events: number }) | undefined>;
}

/** Staff members, their sign-in links and sessions. */
export interface StaffStore {
  ensureStaff(emails: readonly string[], now: Date): Promise<void>;
  isStaff(email: string): Promise<boolean>;
  list(): Promise<StaffMember[]>;
  claimSignInMail(email: string, now: Date): Promise<boolean>;
  putSignInToken(tokenHash: string, token: SignInToken): Promise<void>;
  findSignInToken(tokenHash: string): Promise<SignInToken | undefined>;
  redeemSignInToken(tokenHash: string, now: Date): Promise<SignInToken | undefined>;
  createSession(sessionHash: string, email: string, now: Date): Promise<void>;
  touchSession(sessionHash: string, now: Date): Promise<StaffSessionRecord | undefined>;
  getSession(sessionHash: string): Promise<StaffSessionRecord | undefined>;
  endSession(sessionHash: string, now: Date): Promise<void>;
}

/** A status change and what it records in the history (`event`, `params`). */
export type TransitionRequest = {
  from: ApplicationStatus | readonly ApplicationStatus[];
  to: ApplicationStatus;
  actor: string;
  at: string;
  /** Other attributes to set in the same write. */
  set?: ApplicationRecordPatch;
} & HistoryRecord;

export type TransitionResult =
  | { ok: true; application: ApplicationRecord }
  | { ok: false; reason: 'not_found' | 'conflict'; current?: ApplicationRecord };

/** What a new submission writes with its application, all in one transaction. */
export interface SubmitWrites {
  /** The organisation's slot: free (never held, or released), or taken over from a holder known to be over. */
  slot: { free: true } | { takeOverFrom: OpenSlot };
  claimedAt: string;
  /** The hash of the applicant's status-link token, when the receipt carries a link. */
  statusLinkHash?: string;
  /** The request's idempotency record, when it came with a key. */
  idempotency?: CompletedRequest;
}

/** Why a submission's transaction was cancelled: the slot is held, or the idempotency key is in use. */
export type SubmitOutcome = { ok: true } | { ok: false; failed: 'slot' | 'idempotency' };

export interface DueCertificates {
  certificates: StoredCertificate[];
  /** Items DynamoDB read to answer (the sum of the query pages' ScannedCount). */
  scannedCount: number;
}

export interface SettleStageRequest {
  certificateId: string;
  /** The stage to claim for sending ('sending') or to record as skipped at once ('skipped'). */
  stage: string;
  as: 'sending' | 'skipped';
  /** For `as: 'skipped'`: why. */
  reason?: RenewalStageRecord['reason'];
  /** Earlier stages to record as skipped in the same write. */
  skip: readonly string[];
  /**
   * For `as: 'skipped'` only: the due date of the next pending stage (the index moves there), or
   * undefined to take the certificate off the renewal index. A claim moves the index on completion.
   */
  nextDueDate?: CalendarDate;
  /** Also set `expired = true` (the lapse stage). */
  markExpired: boolean;
  now: Date;
  /** A 'sending' claim older than this was abandoned (the sender crashed) and may be taken over. */
  leaseMs: number;
}

/** The port for operator alerts: a channel that does not depend on SES (which may be what failed). */
export interface Alerts {
  alert(subject: string, message: string): Promise<void>;
}

/** The port through which a decision or a completion wakes the waiting workflow. */
export interface WorkflowCallbacks {
  /** Returns false when the token is no longer waited on (timed out, already answered). */
  succeed(taskToken: string, output: unknown): Promise<boolean>;
  fail(taskToken: string, error: string, cause: string): Promise<boolean>;
}

/** The port through which staff actions restart or stop an application's lifecycle. */
export interface WorkflowControl {
  /**
   * Starts a new execution under `executionName` (execution names are unique for good, so a restart
   * needs a name of its own); the workflow resumes from the application's stored status.
   */
  startNamed(applicationId: string, executionName: string): Promise<void>;
  /** Stops the named execution if it still runs; one that ended or never existed is left alone. */
  stop(executionName: string, cause: string): Promise<void>;
}

/** The port through which use cases start an application's lifecycle. */
export interface WorkflowStarter {
  /** Starts the execution named after the application; starting it twice is harmless. */
  start(applicationId: string): Promise<void>;
}
