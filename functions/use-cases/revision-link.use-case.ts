import type { ApplicationRecord } from '../domain/application-record.js';
import { stockholmDate, type CalendarDate } from '../domain/calendar-date.js';
import { revisionEligibility, type RevisionEligibility, type RevisionRefusal } from '../domain/revision-eligibility.js';
import { hashToken, isWellFormedToken } from '../domain/secret-token.js';
import type { ApplicationStore, CertificateStore, RenewalStore } from './ports.js';

export interface RevisionLinkDeps {
  applications: Pick<ApplicationStore, 'get'>;
  certificates: Pick<CertificateStore, 'latestForOrganisation'>;
  renewals: Pick<RenewalStore, 'findRevisionLink'>;
  now: () => Date;
  revisionGraceMonths: number;
  /** A revision opens this many days before the certificate's last valid day (the first reminder). */
  revisionOpensDaysBefore: number;
}

export type RevisionLinkOutcome =
  | { kind: 'not_found' }
  | { kind: 'expired'; expiresOn: CalendarDate }
  | { kind: 'not_open'; refusal: RevisionRefusal }
  | { kind: 'open'; application: ApplicationRecord; eligibility: Extract<RevisionEligibility, { open: true }> };

/**
 * The private link in a renewal reminder (`/apply?type=revision&token=`): the organisation's last
 * certified application, to prefill the revision with, when a revision is open for it today. The
 * organisation's latest certificate decides (it may have been renewed since the reminder was sent).
 * Nothing is written.
 */
export async function openRevisionLink(deps: RevisionLinkDeps, token: string): Promise<RevisionLinkOutcome> {
  if (!isWellFormedToken(token)) return { kind: 'not_found' };
  const link = await deps.renewals.findRevisionLink(hashToken(token));
  if (!link) return { kind: 'not_found' };
  const today = stockholmDate(deps.now());
  if (today > link.expiresOn) return { kind: 'expired', expiresOn: link.expiresOn };

  const latest = await deps.certificates.latestForOrganisation(link.organisationNumber);
  const eligibility = revisionEligibility(
    latest && { certificateId: latest.latestCertificateId, validUntil: latest.latestValidUntil },
    today,
    deps.revisionGraceMonths,
    deps.revisionOpensDaysBefore,
  );
  if (!eligibility.open) return { kind: 'not_open', refusal: eligibility };

  const application = await deps.applications.get(latest?.latestApplicationId ?? link.applicationId);
  if (!application) return { kind: 'not_found' };
  return { kind: 'open', application, eligibility };
}
