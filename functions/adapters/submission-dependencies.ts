import { runtimeConfig } from '../config/runtime-config.js';
import type { SubmitApplicationDeps } from '../use-cases/submit-application.use-case.js';
import { ApplicationRepository } from './application.repository.js';
import { getDocumentClient } from './aws-clients.js';
import { CertificateRepository } from './certificate.repository.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { MemberRepository } from './member.repository.js';
import { SesMailer } from './ses-mailer.js';
import { configuredWorkflowStarter } from './workflow-starter.js';

export interface SubmissionDependencies extends SubmitApplicationDeps {
  /** Days the member has to confirm an application from an address it has not registered (the receipt says so). */
  memberConfirmationDays: number;
}

let cached: SubmissionDependencies | undefined;

/**
 * The submission's adapters only, wired once per container: the most called function's bundle
 * leaves out the lifecycle's other adapters (reviews, partners, renewals, confirmations, alerts).
 */
export function submissionDependencies(): SubmissionDependencies {
  if (cached) return cached;
  const config = runtimeConfig();
  const db = getDocumentClient();
  cached = {
    applications: new ApplicationRepository(db, config.TABLE_NAME),
    members: new MemberRepository(db, config.TABLE_NAME),
    idempotency: new IdempotencyRepository(db, config.TABLE_NAME),
    certificates: new CertificateRepository(db, config.TABLE_NAME, config.RENEWAL_REMINDER_DAYS),
    mailer: new SesMailer(config.SENDER_EMAIL, config.SES_CONFIGURATION_SET),
    workflow: configuredWorkflowStarter(config.STATE_MACHINE_ARN),
    publicBaseUrl: config.PUBLIC_BASE_URL,
    revisionGraceMonths: config.REVISION_GRACE_MONTHS,
    revisionOpensDaysBefore: Math.max(...config.RENEWAL_REMINDER_DAYS),
    memberConfirmationDays: config.MEMBER_CONFIRMATION_DAYS,
    now: () => new Date(),
  };
  return cached;
}
