import { addDays, addMonths, type CalendarDate } from './calendar-date.js';

/**
 * Who may send a revision ("revidering") instead of a full application: an organisation that holds
 * a certificate, from `openDaysBefore` days before it ends (the first renewal reminder, 180 by
 * default) and for `graceMonths` (default 12) after it lapsed. Earlier, the certificate still has
 * years to run and a certified revision would stack validity; later, or without any certificate,
 * the organisation makes a full application ("QM-ansökan").
 */

/** The organisation's latest certificate, as the ORG pointer records it. */
export interface LatestCertificate {
  certificateId: string;
  validUntil: CalendarDate;
}

export type RevisionEligibility =
  | {
      open: true;
      /** The certificate the revision renews (recorded as the application's previousCertificateId). */
      certificateId: string;
      validUntil: CalendarDate;
      /** 'valid' while the certificate runs, 'lapsed' in the grace period after it. */
      standing: 'valid' | 'lapsed';
      /** The last day a revision is accepted. */
      windowEnd: CalendarDate;
    }
  | RevisionRefusal;

/** Why a revision is not accepted, with the dates the applicant is told (the words are the page's). */
export type RevisionRefusal =
  | { open: false; reason: 'no_certificate' }
  | { open: false; reason: 'too_early'; certificateId: string; validUntil: CalendarDate; opensOn: CalendarDate; windowEnd: CalendarDate }
  | { open: false; reason: 'window_closed'; certificateId: string; validUntil: CalendarDate; windowEnd: CalendarDate };

/**
 * The last day a revision is accepted: `graceMonths` months after validUntil (the certificate lapses
 * the day after validUntil). With 0 months, revision is open only while the certificate is valid.
 */
export function revisionWindowEnd(validUntil: CalendarDate, graceMonths: number): CalendarDate {
  return addMonths(validUntil, graceMonths);
}

/** The first day a revision is accepted: `openDaysBefore` days before validUntil. */
export function revisionWindowStart(validUntil: CalendarDate, openDaysBefore: number): CalendarDate {
  return addDays(validUntil, -openDaysBefore);
}

export function revisionEligibility(
  latest: LatestCertificate | undefined,
  today: CalendarDate,
  graceMonths: number,
  openDaysBefore: number,
): RevisionEligibility {
  if (!latest) {
    return { open: false, reason: 'no_certificate' };
  }
  const windowEnd = revisionWindowEnd(latest.validUntil, graceMonths);
  const opensOn = revisionWindowStart(latest.validUntil, openDaysBefore);
  if (today < opensOn) {
    return { open: false, reason: 'too_early', certificateId: latest.certificateId, validUntil: latest.validUntil, opensOn, windowEnd };
  }
  if (today > windowEnd) {
    return { open: false, reason: 'window_closed', certificateId: latest.certificateId, validUntil: latest.validUntil, windowEnd };
  }
  return {
    open: true,
    certificateId: latest.certificateId,
    validUntil: latest.validUntil,
    standing: today <= latest.validUntil ? 'valid' : 'lapsed',
    windowEnd,
  };
}
