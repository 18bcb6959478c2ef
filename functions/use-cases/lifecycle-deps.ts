import type { ApplicationRecord } from '../domain/application-record.js';
import type { Mailer } from '../domain/email-message.js';
import { PermanentError } from '../domain/errors.js';
import type { Alerts, ApplicationStore, CertificateStore, MemberStore, PartnerStore, ReviewStore, WorkflowCallbacks } from './ports.js';

/** What the review lifecycle's steps need; handlers wire it from the configuration. */
export interface LifecycleDeps {
  applications: ApplicationStore;
  reviews: ReviewStore;
  partners: PartnerStore;
  certificates: CertificateStore;
  /** The member register: the public record names organisations as it does. */
  members: Pick<MemberStore, 'find'>;
  mailer: Mailer;
  /** Operator alerts by SNS; optional where a step never alerts. */
  alerts?: Alerts;
  callbacks: WorkflowCallbacks;
  now: () => Date;
  publicBaseUrl: string;
  reviewerEmails: string[];
  /** Programme staff besides the reviewers (a bounce from them is escalated). */
  staffEmails?: string[];
  programmeContactEmail: string;
  operatorEmail: string;
  completionDeadlineDays: number;
}

export async function requireApplication(deps: Pick<LifecycleDeps, 'applications'>, applicationId: string): Promise<ApplicationRecord> {
  const application = await deps.applications.get(applicationId);
  if (!application) throw new PermanentError(`Application ${applicationId} does not exist`);
  return application;
}

export function currentRound(application: ApplicationRecord): number {
  return application.reviewRound ?? 0;
}
