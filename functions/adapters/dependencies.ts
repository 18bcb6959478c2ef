import { runtimeConfig, type RuntimeConfig } from '../config/runtime-config.js';
import { ApplicationRepository } from './application.repository.js';
import { getDocumentClient, getSesClient, getSfnClient } from './aws-clients.js';
import { IdempotencyRepository } from './idempotency.repository.js';
import { MemberRepository } from './member.repository.js';
import { SesMailer } from './ses-mailer.js';
import { StepFunctionsWorkflowStarter, type WorkflowStarter } from './workflow-starter.js';

/** The adapters a handler needs, wired from the configuration once per container. */
export interface Dependencies {
  config: RuntimeConfig;
  applications: ApplicationRepository;
  members: MemberRepository;
  idempotency: IdempotencyRepository;
  mailer: SesMailer;
  workflow: WorkflowStarter;
  now: () => Date;
}

let cached: Dependencies | undefined;

export function dependencies(): Dependencies {
  if (cached) return cached;
  const config = runtimeConfig();
  const db = getDocumentClient();
  cached = {
    config,
    applications: new ApplicationRepository(db, config.TABLE_NAME),
    members: new MemberRepository(db, config.TABLE_NAME),
    idempotency: new IdempotencyRepository(db, config.TABLE_NAME),
    mailer: new SesMailer(getSesClient(), config.SENDER_EMAIL, config.SES_CONFIGURATION_SET),
    workflow: {
      start: (applicationId) => {
        if (!config.STATE_MACHINE_ARN) throw new Error('STATE_MACHINE_ARN is not configured for this function');
        return new StepFunctionsWorkflowStarter(getSfnClient(), config.STATE_MACHINE_ARN).start(applicationId);
      },
    },
    now: () => new Date(),
  };
  return cached;
}
