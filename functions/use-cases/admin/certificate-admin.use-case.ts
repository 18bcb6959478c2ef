import type { AuditEntry } from '../../domain/audit.js';
import { stockholmDate, type CalendarDate } from '../../domain/calendar-date.js';
import { certificateStatus, type Certificate } from '../../domain/certificate.js';
import { revocationEmail } from '../../templates/admin-emails.template.js';
import { formatSwedishDate } from '../../templates/swedish-dates.js';
import { done, refused, type ActionOutcome, type AdminDeps } from './admin-deps.js';
import type { StoredCertificate } from '../../domain/certificate.js';
import { absoluteUrl, paths } from '../../http/paths.js';

export type CertificateState = 'giltigt' | 'kommande' | 'utgånget' | 'ersatt' | 'återkallat';

const stateWords = { valid: 'giltigt', not_yet_valid: 'kommande', expired: 'utgånget', superseded: 'ersatt', revoked: 'återkallat' } as const;

/** How a certificate stands on a date, in the programme's words. */
export function certificateStateOn(certificate: Certificate, date: CalendarDate): CertificateState {
  return stateWords[certificateStatus(certificate, date)];
}

export interface CertificateAdminView {
  certificate: StoredCertificate;
  state: CertificateState;
  audit: AuditEntry[];
}

export async function viewCertificate(deps: AdminDeps, certificateId: string): Promise<CertificateAdminView | undefined> {
  const certificate = await deps.certificates.get(certificateId);
  if (!certificate) return undefined;
  return { certificate, state: certificateStateOn(certificate, stockholmDate(deps.now())), audit: await deps.audit.forItem('certificate', certificateId) };
}

/**
 * Revokes a certificate from today, once: the register leaves it out from today, the verification
 * page says "återkallat", renewal reminders stop, and the organisation's contact is told why.
 */
export async function revokeCertificate(deps: AdminDeps, staff: string, certificateId: string, reason: string): Promise<ActionOutcome> {
  const now = deps.now();
  const today = stockholmDate(now);
  const at = now.toISOString();
  const revoked = await deps.certificates.revoke(certificateId, at, reason);
  if (!revoked) {
    const existing = await deps.certificates.get(certificateId);
    return existing ? refused(409, `Certifikatet är redan återkallat (${existing.revokedAt ? formatSwedishDate(existing.revokedAt) : ''}).`) : refused(404, 'Certifikatet finns inte.');
  }
  await deps.mailer.send(revocationEmail(revoked, reason, absoluteUrl(deps.publicBaseUrl, paths.certificate(certificateId))));
  await deps.applications.appendHistory(revoked.applicationId, { at, actor: staff, event: 'certificate_revoked', params: { certificateId, from: today, reason } });
  await deps.audit.record({ at, actor: staff, action: 'revoke', itemKind: 'certificate', itemId: certificateId, reason, details: `Återkallat från ${today}` });
  return done;
}

/** Corrects the organisation's name or town on a certificate, with a reason in the audit log. */
export async function correctCertificate(
  deps: AdminDeps,
  staff: string,
  certificateId: string,
  fields: { organisationName: string; town: string },
  reason: string,
): Promise<ActionOutcome> {
  const before = await deps.certificates.get(certificateId);
  if (!before) return refused(404, 'Certifikatet finns inte.');
  if (before.organisationName === fields.organisationName && before.town === fields.town) return refused(400, 'Inget ändrades: namn och ort är desamma som förut.');
  await deps.certificates.correct(certificateId, fields);
  const details = `Namn: ${before.organisationName} → ${fields.organisationName}; ort: ${before.town} → ${fields.town}`;
  const at = deps.now().toISOString();
  await deps.applications.appendHistory(before.applicationId, {
    at,
    actor: staff,
    event: 'certificate_corrected',
    params: { certificateId, before: { organisationName: before.organisationName, town: before.town }, after: { ...fields }, reason },
    internal: true,
  });
  await deps.audit.record({ at, actor: staff, action: 'correct', itemKind: 'certificate', itemId: certificateId, reason, details });
  return done;
}
