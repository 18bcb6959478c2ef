import { usesSecureCookies } from '../domain/staff-session.js';
import type { AdminDeps } from '../use-cases/admin/admin-deps.js';
import { EmailLinkSessionLayer, type StaffSessionLayer, type StaffSignInDeps } from '../use-cases/staff-sign-in.use-case.js';
import { AuditRepository } from './audit.repository.js';
import { getDocumentClient } from './aws-clients.js';
import { dependencies } from './dependencies.js';
import { StaffRepository } from './staff.repository.js';
import { StepFunctionsWorkflowControl } from './workflow-control.js';

/** The staff workspace's adapters, wired from the configuration once per container. */
export interface AdminDependencies extends AdminDeps {
  signIn: StaffSignInDeps;
  sessions: StaffSessionLayer;
  /** Whether cookies are Secure (everywhere but plain http://localhost). */
  secureCookies: boolean;
}

let cached: AdminDependencies | undefined;

export function adminDependencies(): AdminDependencies {
  if (cached) return cached;
  const deps = dependencies();
  const { config } = deps;
  const db = getDocumentClient();
  const staff = new StaffRepository(db, config.TABLE_NAME);
  const audit = new AuditRepository(db, config.TABLE_NAME);
  const signIn: StaffSignInDeps = { staff, audit, mailer: deps.mailer, now: deps.now, publicBaseUrl: config.PUBLIC_BASE_URL, configuredStaff: config.STAFF_EMAILS };
  cached = {
    applications: deps.applications,
    reviews: deps.reviews,
    certificates: deps.certificates,
    members: deps.members,
    partners: deps.partners,
    callbacks: deps.callbacks,
    audit,
    mailer: deps.mailer,
    workflow: {
      // Only the actions function has the state machine's ARN; the others never call these.
      startNamed: (applicationId, name) => control().startNamed(applicationId, name),
      stop: (name, cause) => control().stop(name, cause),
    },
    now: deps.now,
    publicBaseUrl: config.PUBLIC_BASE_URL,
    reviewReminderIntervalDays: config.REVIEW_REMINDER_INTERVAL_DAYS,
    signIn,
    sessions: new EmailLinkSessionLayer({ staff, audit, now: deps.now }),
    secureCookies: usesSecureCookies(config.PUBLIC_BASE_URL),
  };
  function control() {
    if (!config.STATE_MACHINE_ARN) throw new Error('STATE_MACHINE_ARN is not configured for this function');
    return new StepFunctionsWorkflowControl(config.STATE_MACHINE_ARN);
  }
  return cached;
}
