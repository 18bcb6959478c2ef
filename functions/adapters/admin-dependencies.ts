import { usesSecureCookies } from '../domain/staff-session.js';
import type { AdminDeps } from '../use-cases/admin/admin-deps.js';
import { EmailLinkSessionLayer, type StaffSessionLayer, type StaffSignInDeps } from '../use-cases/staff-sign-in.use-case.js';
import { runtimeConfig } from '../config/runtime-config.js';
import { ApplicationRepository } from './application.repository.js';
import { AuditRepository } from './audit.repository.js';
import { getDocumentClient } from './aws-clients.js';
import { CertificateRepository } from './certificate.repository.js';
import { MemberRepository } from './member.repository.js';
import { PartnerRepository } from './partner.repository.js';
import { ReviewRepository } from './review.repository.js';
import { SesMailer } from './ses-mailer.js';
import { StaffRepository } from './staff.repository.js';
import { StepFunctionsCallbacks } from './workflow-callbacks.js';
import { StepFunctionsWorkflowControl } from './workflow-control.js';

/** The staff workspace's adapters, wired from the configuration once per container. */
export interface AdminDependencies extends AdminDeps {
  signIn: StaffSignInDeps;
  sessions: StaffSessionLayer;
  /** Whether cookies are Secure (everywhere but plain http://localhost). */
  secureCookies: boolean;
}

let cached: AdminDependencies | undefined;

/**
 * Wired here rather than from `dependencies()`: the workspace uses none of the lifecycle's other
 * adapters (renewals, confirmations, idempotency, alerts, the workflow starter), and the admin
 * functions' bundles leave them out.
 */
export function adminDependencies(): AdminDependencies {
  if (cached) return cached;
  const config = runtimeConfig();
  const db = getDocumentClient();
  const now = () => new Date();
  const mailer = new SesMailer(config.SENDER_EMAIL, config.SES_CONFIGURATION_SET);
  const staff = new StaffRepository(db, config.TABLE_NAME);
  const audit = new AuditRepository(db, config.TABLE_NAME);
  const signIn: StaffSignInDeps = { staff, audit, mailer, now, publicBaseUrl: config.PUBLIC_BASE_URL, configuredStaff: config.STAFF_EMAILS };
  cached = {
    applications: new ApplicationRepository(db, config.TABLE_NAME),
    reviews: new ReviewRepository(db, config.TABLE_NAME),
    certificates: new CertificateRepository(db, config.TABLE_NAME, config.RENEWAL_REMINDER_DAYS),
    members: new MemberRepository(db, config.TABLE_NAME),
    partners: new PartnerRepository(db, config.TABLE_NAME),
    callbacks: new StepFunctionsCallbacks(),
    audit,
    mailer,
    workflow: {
      // Only the actions function has the state machine's ARN; the others never call these.
      startNamed: (applicationId, name) => control().startNamed(applicationId, name),
      stop: (name, cause) => control().stop(name, cause),
    },
    now,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    reviewReminderIntervalDays: config.REVIEW_REMINDER_INTERVAL_DAYS,
    signIn,
    sessions: new EmailLinkSessionLayer({ staff, audit, now }),
    secureCookies: usesSecureCookies(config.PUBLIC_BASE_URL),
  };
  function control() {
    if (!config.STATE_MACHINE_ARN) throw new Error('STATE_MACHINE_ARN is not configured for this function');
    return new StepFunctionsWorkflowControl(config.STATE_MACHINE_ARN);
  }
  return cached;
}
