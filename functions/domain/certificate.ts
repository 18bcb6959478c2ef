import type { Locale } from './application-record.js';
import { addDays, addYears, type CalendarDate } from './calendar-date.js';

/** A Quality Mark runs this many years from its first valid day. */
export const certificateValidityYears = 3;

export interface Certificate {
  certificateId: string;
  applicationId: string;
  organisationNumber: string;
  organisationName: string;
  town: string;
  municipality: string;
  /** First valid day (Europe/Stockholm). */
  validFrom: CalendarDate;
  /** Last valid day: still valid on this date, not the day after. */
  validUntil: CalendarDate;
  issuedAt: string;
  decidedBy: string;
  /** The certificate this one renews, for a revision. */
  renews?: string;
  /** Where renewal reminders go: the contact of the approved application (never shown publicly). */
  contact: { name: string; email: string };
  /** The language of the approved application, for the renewal mails; absent means Swedish. */
  locale?: Locale;
}

/**
 * The validity of a new certificate: from the decision date, or, for a revision approved while the
 * previous certificate still runs, from the day after it ends (early renewal loses nothing). It ends
 * on the same date three years later (29 February → 28 February).
 */
export function validityFor(decisionDate: CalendarDate, previousValidUntil?: CalendarDate): { validFrom: CalendarDate; validUntil: CalendarDate } {
  const validFrom = previousValidUntil && previousValidUntil >= decisionDate ? addDays(previousValidUntil, 1) : decisionDate;
  return { validFrom, validUntil: addYears(validFrom, certificateValidityYears) };
}

/** Valid on a date: from validFrom through validUntil, both inclusive. */
export function isValidOn(certificate: Pick<Certificate, 'validFrom' | 'validUntil'>, date: CalendarDate): boolean {
  return certificate.validFrom <= date && date <= certificate.validUntil;
}

/** Human-readable, unique certificate numbers: QM-2026-0042. */
export function formatCertificateId(year: number, sequence: number): string {
  return `QM-${year}-${String(sequence).padStart(4, '0')}`;
}

export const certificateIdPattern = /^QM-\d{4}-\d{4,}$/;
