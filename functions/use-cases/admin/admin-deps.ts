import type { Mailer } from '../../domain/email-message.js';
import type { ApplicationStore, AuditStore, CertificateStore, MemberStore, PartnerStore, ReviewStore, WorkflowCallbacks, WorkflowControl } from '../ports.js';

/** What the staff workspace's use cases need; handlers wire it from the configuration. */
export interface AdminDeps {
  applications: ApplicationStore;
  reviews: ReviewStore;
  certificates: CertificateStore;
  members: MemberStore;
  partners: PartnerStore;
  audit: AuditStore;
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
