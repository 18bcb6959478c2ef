import type { ApplicationStatus } from './application-status.js';
import type { ApplicationType } from './application-type.js';
import type { Locale } from './locale.js';
import type { Partner } from './partners.js';
import type { HistoryRecord } from './history-event.js';


export interface Organisation {
  organisationNumber: string;
  name: string;
  town: string;
  municipality: string;
  website?: string;
}

export interface ContactPerson {
  name: string;
  role: string;
  email: string;
  phone?: string;
}

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
  answers: Record<string, unknown>;
  locale: Locale;
  submittedAt: string;
  updatedAt: string;
  /** Increases with every change; guards against lost updates. */
  version: number;
  history: StoredHistoryEntry[];
  /** Certificate this revision renews, when applicationType is 'revision'. */
  previousCertificateId?: string;
  /** Set by later steps (review rounds, decision, certificate). */
  [extra: string]: unknown;
}

/** What the applicant submitted, validated. */
export interface ApplicationSubmission {
  type: ApplicationType;
  organisation: Organisation;
  contact: ContactPerson;
  partners: Partner[];
  answers: Record<string, unknown>;
  locale?: Locale;
}
