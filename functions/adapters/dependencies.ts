import { runtimeConfig, type RuntimeConfig } from '../config/runtime-config.js';
import { ApplicationRepository } from './application.repository.js';
import { getDocumentClient } from './aws-clients.js';
import { CertificateRepository } from './certificate.repository.js';
import { ConfirmationRepository } from './confirmation.repository.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { MemberRepository } from './member.repository.js';
import { PartnerRepository } from './partner.repository.js';
import { RenewalRepository } from './renewal.repository.js';
import { ReviewRepository } from './review.repository.js';
import { StepFunctionsCallbacks } from './workflow-callbacks.js';
import type { LifecycleDeps } from '../use-cases/lifecycle-deps.js';
import type { MemberConfirmationDeps } from '../use-cases/member-confirmation.use-case.js';
import { SesMailer } from './ses-mailer.js';
import { SnsAlerts } from './sns-alerts.js';
import type { Alerts, WorkflowCallbacks, WorkflowStarter } from '../use-cases/ports.js';
import { configuredWorkflowStarter } from './workflow-starter.js';

/** The adapters a handler needs, wired from the configuration once per container. */
export interface Dependencies {
  config: RuntimeConfig;
  applications: ApplicationRepository;
  members: MemberRepository;
  idempotency: IdempotencyRepository;
  certificates: CertificateRepository;
  renewals: RenewalRepository;
  reviews: ReviewRepository;
  confirmations: ConfirmationRepository;
  partners: PartnerRepository;
  callbacks: WorkflowCallbacks;
  mailer: SesMailer;
  alerts: Alerts;
  workflow: WorkflowStarter;
  now: () => Date;
}

let cached: Dependencies | undefined;

/**
 * Wired once per container, on first use. Creating the adapters is cheap: the SES, SNS and Step
 * Functions adapters load their SDK module on their first call, so a function that never sends
 * mail never loads the SES client (see aws-clients.ts).
 */
export function dependencies(): Dependencies {
  if (cached) return cached;
  const config = runtimeConfig();
  const db = getDocumentClient();
  cached = {
    config,
    applications: new ApplicationRepository(db, config.TABLE_NAME),
    members: new MemberRepository(db, config.TABLE_NAME),
    idempotency: new IdempotencyRepository(db, config.TABLE_NAME),
    certificates: new CertificateRepository(db, config.TABLE_NAME, config.RENEWAL_REMINDER_DAYS),
    renewals: new RenewalRepository(db, config.TABLE_NAME),
    reviews: new ReviewRepository(db, config.TABLE_NAME),
    confirmations: new ConfirmationRepository(db, config.TABLE_NAME),
    partners: new PartnerRepository(db, config.TABLE_NAME),
    callbacks: new StepFunctionsCallbacks(),
    mailer: new SesMailer(config.SENDER_EMAIL, config.SES_CONFIGURATION_SET),
    alerts: new SnsAlerts(config.ALERT_TOPIC_ARN),
    workflow: configuredWorkflowStarter(config.STATE_MACHINE_ARN),
    now: () => new Date(),
  };
  return cached;
}

/** The review lifecycle's dependencies, with the configured people and deadlines. */
export function lifecycleDependencies(): LifecycleDeps {
  const deps = dependencies();
  return {
    ...deps,
    publicBaseUrl: deps.config.PUBLIC_BASE_URL,
    reviewerEmails: deps.config.REVIEWER_EMAILS,
    staffEmails: deps.config.STAFF_EMAILS,
    programmeContactEmail: deps.config.PROGRAMME_CONTACT_EMAIL,
    operatorEmail: deps.config.OPERATOR_EMAIL,
    completionDeadlineDays: deps.config.COMPLETION_DEADLINE_DAYS,
  };
}

/** The member confirmation's dependencies, with the configured deadline. */
export function memberConfirmationDependencies(): MemberConfirmationDeps {
  const deps = dependencies();
  return { ...deps, publicBaseUrl: deps.config.PUBLIC_BASE_URL, memberConfirmationDays: deps.config.MEMBER_CONFIRMATION_DAYS };
}
