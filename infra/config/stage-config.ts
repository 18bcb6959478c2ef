import { z } from 'zod';

/**
 * Everything that differs between stages (local, dev, prod) lives here, typed and validated once.
 * Values come from cdk.json context (`stages.<name>`), overridable with `-c stage=<name>`.
 */
export const stageConfigSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]*$/, 'stage must be lower-case letters, digits or dashes'),
  /** The verified SES identity: a domain ("stadskarnor.se") or one address. */
  sesIdentity: z.string().min(3),
  senderEmail: z.email(),
  reviewerEmails: z.array(z.email()).min(1),
  /** Where escalations go when reviewers do not answer. */
  programmeContactEmail: z.email(),
  /** Where failed workflow steps are reported. */
  operatorEmail: z.email(),
  /** Public address of the system. Without it, links use the HTTP API's own URL. */
  publicBaseUrl: z.url().optional(),
  reviewReminderIntervalDays: z.number().int().positive().default(7),
  reviewReminderCount: z.number().int().min(0).default(3),
  completionDeadlineDays: z.number().int().positive().default(60),
  /** Days before validUntil for renewal reminders; the lapse notice follows the day after. */
  renewalReminderDays: z.array(z.number().int().positive()).default([180, 90, 30]),
  /** Months after lapse during which a revision is still accepted. */
  revisionGraceMonths: z.number().int().min(0).default(12),
  /** Days the member has to confirm an application sent from an address it has not registered. */
  memberConfirmationDays: z.number().int().positive().default(14),
  /** Reminders to partners who have not confirmed: every this many days (7, 14, …), this many times. */
  partnerReminderIntervalDays: z.number().int().positive().default(7),
  partnerReminderCount: z.number().int().min(0).default(2),
  /** HTTP API stage throttling: steady requests per second and burst, for every route. */
  apiThrottleRateLimit: z.number().positive().default(25),
  apiThrottleBurstLimit: z.number().int().positive().default(50),
  /** Reserved concurrency of the submission function: a flood of submissions cannot starve the rest. */
  submissionReservedConcurrency: z.number().int().positive().default(10),
});

export type StageConfig = z.infer<typeof stageConfigSchema>;

/** Defaults for trying the system: fictional addresses on reserved `.example` domains. */
export const defaultStageConfig: z.input<typeof stageConfigSchema> = {
  stage: 'dev',
  sesIdentity: 'stadskarnor.example',
  senderEmail: 'qm@stadskarnor.example',
  reviewerEmails: ['granskare@stadskarnor.example'],
  programmeContactEmail: 'qm-ansvarig@stadskarnor.example',
  operatorEmail: 'drift@stadskarnor.example',
};

export function parseStageConfig(raw: unknown): StageConfig {
  const result = stageConfigSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid stage configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Reads the stage from CDK context: `stage` names an entry of `stages`, merged over the defaults. */
export function stageConfigFromContext(tryGetContext: (key: string) => unknown): StageConfig {
  const stage = (tryGetContext('stage') as string | undefined) ?? defaultStageConfig.stage;
  const stages = (tryGetContext('stages') as Record<string, unknown> | undefined) ?? {};
  const overrides = (stages[stage] as Record<string, unknown> | undefined) ?? {};
  return parseStageConfig({ ...defaultStageConfig, stage, ...overrides });
}
