import type { ApplicationType } from './application-type.js';
import type { Locale } from './locale.js';
import { addDays, addYears, stockholmDate, type CalendarDate } from './calendar-date.js';
import type { PartnerRole } from './partners.js';
import type { RenewalStageRecord } from './renewal-stages.js';

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
  /**
   * The certificate that replaced this one (a restart certified while this one still ran); its
   * validUntil was then cut to the day before the new one starts ("ersatt av QM-…").
   */
  supersededBy?: string;
  /** The partners who confirmed the collaboration: role and organisation, never a person (public). */
  partners?: { role: PartnerRole; organisation: string }[];
  /** The validUntil it was issued with, kept when it was superseded. */
  issuedValidUntil?: CalendarDate;
  /** When the QM officer revoked it (ISO instant); from that day on it no longer counts. */
  revokedAt?: string;
  /** Why it was revoked, as the officer wrote it (public: it is shown on the verification page). */
  revocationReason?: string;
}

/**
 * The validity of a new certificate: from the decision date, or, for a revision approved while the
 * previous certificate still runs, from the day after it ends (early renewal loses nothing). It ends
 * on the same date three years later (29 February → 28 February). A full application (a restart)
 * always starts on the decision date: whatever still runs is superseded, never stacked onto.
 */
export function validityFor(
  decisionDate: CalendarDate,
  previousValidUntil?: CalendarDate,
  applicationType: ApplicationType = 'revision',
): { validFrom: CalendarDate; validUntil: CalendarDate } {
  const continues = applicationType === 'revision' && previousValidUntil !== undefined && previousValidUntil >= decisionDate;
  const validFrom = continues ? addDays(previousValidUntil, 1) : decisionDate;
  return { validFrom, validUntil: addYears(validFrom, certificateValidityYears) };
}

/**
 * Which earlier certificates a new one supersedes, and their new last day: every one of the
 * organisation's that still runs on (or starts after) the new first day ends the day before it.
 * With the revision rule above this only happens for a restart; it is the one rule that keeps an
 * organisation to one valid certificate on any date, whatever else went before.
 */
export function supersessions(
  newCertificate: Pick<Certificate, 'certificateId' | 'validFrom'>,
  earlier: readonly Pick<Certificate, 'certificateId' | 'validUntil' | 'supersededBy'>[],
): { certificateId: string; validUntil: CalendarDate }[] {
  const lastDay = addDays(newCertificate.validFrom, -1);
  return earlier
    .filter((c) => c.certificateId !== newCertificate.certificateId && !c.supersededBy && c.validUntil > lastDay)
    .map((c) => ({ certificateId: c.certificateId, validUntil: lastDay }));
}

/** Valid on a date: from validFrom through validUntil, both inclusive. */
export function isValidOn(certificate: Pick<Certificate, 'validFrom' | 'validUntil'>, date: CalendarDate): boolean {
  return certificate.validFrom <= date && date <= certificate.validUntil;
}

export const certificateStatuses = ['valid', 'expired', 'revoked', 'superseded', 'not_yet_valid'] as const;
/** Where a certificate stands on a date, as the verification page, the badge, the PDF and the JSON say it. */
export type CertificateStatus = (typeof certificateStatuses)[number];

/**
 * The status on a date (Europe/Stockholm). Revocation wins over everything from the day it happened;
 * before validFrom it is not yet valid; within its dates it is valid (a superseded certificate stays
 * valid up to its shortened validUntil, so the register has no gap); after them it is superseded when
 * a newer certificate replaced it, otherwise expired.
 */
export function certificateStatus(
  certificate: Pick<Certificate, 'validFrom' | 'validUntil' | 'supersededBy' | 'revokedAt'>,
  date: CalendarDate,
): CertificateStatus {
  if (certificate.revokedAt && stockholmDate(new Date(certificate.revokedAt)) <= date) return 'revoked';
  if (date < certificate.validFrom) return 'not_yet_valid';
  if (date <= certificate.validUntil) return 'valid';
  return certificate.supersededBy ? 'superseded' : 'expired';
}

/** Human-readable, unique certificate numbers: QM-2026-0042. */
export function formatCertificateId(year: number, sequence: number): string {
  return `QM-${year}-${String(sequence).padStart(4, '0')}`;
}

export const certificateIdPattern = /^QM-\d{4}-\d{4,}$/;

/** Whether a certificate is revoked on a date: from the Swedish day of its revocation on. */
export function isRevokedOn(certificate: Pick<Certificate, 'revokedAt'>, date: CalendarDate): boolean {
  return certificate.revokedAt !== undefined && stockholmDate(new Date(certificate.revokedAt)) <= date;
}

export interface StoredCertificate extends Certificate {
  /** Renewal stages done or in flight: stage id → { state: 'sending' | 'sent' | 'skipped', at } (see RenewalRepository). */
  renewal: Record<string, RenewalStageRecord>;
  /** Set by the sweep once the certificate has lapsed. */
  expired?: boolean;
}

export interface OrganisationCertificatePointer {
  organisationNumber: string;
  latestCertificateId: string;
  latestValidUntil: CalendarDate;
  latestApplicationId: string;
}
