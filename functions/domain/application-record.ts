import type { Answers } from './application.schema.js';
import type { ApplicationStatus } from './application-status.js';
import type { ApplicationType } from './application-type.js';
import type { Locale } from './locale.js';
import type { AssessedCriterion } from './assessment.js';
import type { Partner } from './partners.js';
import type { HistoryRecord } from './history-event.js';
import type { ContactPerson, Organisation } from './applicant-fields.js';

// Described once, with the form and the schema (applicant-fields.ts); re-exported for the records' readers.
export type { ContactPerson, Organisation };

interface HistoryEntryBase {
  at: string;
  actor: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  /** A staff note for the workspace only: never shown to the applicant. */
  internal?: boolean;
}

/**
 * One transition in an application's life, kept for good (execution history in AWS is not), or an
 * event that does not change the status (from = to): an assessment, a partner's answer, a staff
 * action. What happened is a code and its data (`event`, `params`, see history-event.ts); the
 * pages word it in their language.
 */
export type HistoryEntry = HistoryEntryBase & HistoryRecord;

/** What a use case writes: the repository adds `from` and `to`. */
export type NewHistoryEntry = Omit<HistoryEntryBase, 'from' | 'to'> & HistoryRecord;

/**
 * An entry written before entries had codes: Swedish prose in `comment`. There is no such data in
 * production, but a page must still show one rather than fail (its comment, as stored).
 */
export interface LegacyHistoryEntry extends HistoryEntryBase {
  event?: undefined;
  params?: undefined;
  comment?: string;
}

/** An entry as read from the table. */
export type StoredHistoryEntry = HistoryEntry | LegacyHistoryEntry;

export interface ApplicationRecord {
  id: string;
  applicationType: ApplicationType;
  status: ApplicationStatus;
  organisation: Organisation;
  contact: ContactPerson;
  /** The partners of the collaboration (absent on applications from before partners were asked for). */
  partners?: Partner[];
  /** The answers as validated (the schema's output). */
  answers: Answers;
  locale: Locale;
  submittedAt: string;
  updatedAt: string;
  /** Increases with every change; guards against lost updates. */
  version: number;
  history: StoredHistoryEntry[];
  /** Certificate this revision renews, when applicationType is 'revision'. */
  previousCertificateId?: string;

  // Parts later steps add. Each is written by one step and named here, so readers need no probing.
  /** The member register's name and town at submission (the public record uses these). */
  registered?: { name: string; town: string };
  /** Each mail sent once per application (send-once.ts): claimed while sending, then sent. */
  notifications?: Record<string, NotificationState>;
  /** Keys of the status-preserving events already appended, so a retried step appends once. */
  eventKeys?: string[];
  /** The review round in progress or last held. */
  reviewRound?: number;
  /** The last day of an open completion request, when staff moved it (YYYY-MM-DD). */
  completionDeadline?: string;
  /** Who confirmed the contact person, when the member had to (member confirmation). */
  contactConfirmedBy?: string;
  contactConfirmedAt?: string;
  /** The reviewer's assessment by criterion behind the last decision. */
  assessment?: { round: number; criteria: AssessedCriterion[] };
  /** Set once when certified (reserveCertificate): the certificate and its public record. */
  certificateId?: string;
  validFrom?: string;
  validUntil?: string;
  /** The certificate the new one continues (a revision of a still valid certificate). */
  renews?: string;
  certifiedName?: string;
  certifiedTown?: string;
  /** The status a failed step left the application in, while it is `on_hold`. */
  heldFrom?: ApplicationStatus;
  /** Restarts by staff, and the name of the execution now running it. */
  restarts?: number;
  executionName?: string;
}

/** A notification's slot on the application (see `ApplicationRepository.claimNotification`). */
export interface NotificationState {
  state: 'sending' | 'sent';
  at: string;
}

/** The parts of an application a step may set beside a transition or a history entry. */
export type ApplicationRecordPatch = Partial<
  Pick<
    ApplicationRecord,
    'reviewRound' | 'completionDeadline' | 'contactConfirmedBy' | 'contactConfirmedAt' | 'assessment' | 'heldFrom' | 'restarts' | 'executionName'
  >
>;


/** Who holds an organisation's open-application slot. */
export interface OpenSlot {
  applicationId: string;
  claimedAt: string;
}

/** One line of an organisation's record of applications. */
export interface ApplicationSummaryRow {
  id: string;
  applicationType: ApplicationRecord['applicationType'];
  status: ApplicationStatus;
  submittedAt: string;
  certificateId?: string;
}
