import type { ApplicationRepository } from '../adapters/application.repository.js';
import type { CertificateRepository } from '../adapters/certificate.repository.js';
import type { MemberRepository } from '../adapters/member.repository.js';
import type { PartnerRepository } from '../adapters/partner.repository.js';
import type { ReviewRepository } from '../adapters/review.repository.js';
import type { Alerts } from '../adapters/sns-alerts.js';
import type { WorkflowCallbacks } from '../adapters/workflow-callbacks.js';
import type { ApplicationRecord } from '../domain/application-record.js';
import type { Mailer } from '../domain/email-message.js';
import { PermanentError } from '../domain/errors.js';

/** What the review lifecycle's steps need; handlers wire it from the configuration. */
export interface LifecycleDeps {
  applications: ApplicationRepository;
  reviews: ReviewRepository;
  partners: PartnerRepository;
  certificates: CertificateRepository;
  /** The member register: the public record names organisations as it does. */
  members: Pick<MemberRepository, 'find'>;
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
  return typeof application.reviewRound === 'number' ? application.reviewRound : 0;
}
