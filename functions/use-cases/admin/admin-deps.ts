import type { ApplicationRepository } from '../../adapters/application.repository.js';
import type { AuditRepository } from '../../adapters/audit.repository.js';
import type { CertificateRepository } from '../../adapters/certificate.repository.js';
import type { MemberRepository } from '../../adapters/member.repository.js';
import type { PartnerRepository } from '../../adapters/partner.repository.js';
import type { ReviewRepository } from '../../adapters/review.repository.js';
import type { WorkflowCallbacks } from '../../adapters/workflow-callbacks.js';
import type { WorkflowControl } from '../../adapters/workflow-control.js';
import type { Mailer } from '../../domain/email-message.js';

/** What the staff workspace's use cases need; handlers wire it from the configuration. */
export interface AdminDeps {
  applications: ApplicationRepository;
  reviews: ReviewRepository;
  certificates: CertificateRepository;
  members: MemberRepository;
  partners: PartnerRepository;
  audit: AuditRepository;
  mailer: Mailer;
  workflow: WorkflowControl;
  /** Ends a partner's wait when the officer overrides its confirmation. */
  callbacks: WorkflowCallbacks;
  now: () => Date;
  publicBaseUrl: string;
  reviewReminderIntervalDays: number;
}

/** How a staff action ended: done, or refused with the status and a Swedish sentence for the page. */
export type ActionOutcome = { ok: true } | { ok: false; status: 400 | 404 | 409; message: string };

export const done: ActionOutcome = { ok: true };
export const refused = (status: 400 | 404 | 409, message: string): ActionOutcome => ({ ok: false, status, message });
