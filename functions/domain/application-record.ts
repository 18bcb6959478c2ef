import type { ApplicationStatus } from './application-status.js';
import type { ApplicationType } from './application-type.js';
import type { Locale } from './locale.js';
import type { Partner } from './partners.js';
import type { ContactPerson, Organisation } from './applicant-fields.js';

// Described once, with the form and the schema (applicant-fields.ts); re-exported for the records' readers.
export type { ContactPerson, Organisation };

/** One transition in an application's life, kept for good (execution history in AWS is not). */
export interface HistoryEntry {
  at: string;
  actor: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus;
  comment?: string;
  /** A staff note for the workspace only: never shown to the applicant. */
  internal?: boolean;
  /** Set for an event that does not change the status (from = to): an assessment, a partner's answer, a reminder. */
  event?: 'assessment' | 'partner_requested' | 'partner_confirmed' | 'partner_declined' | 'partner_reminded' | 'partner_overridden';
}

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
  history: HistoryEntry[];
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
