import { z } from 'zod';

/**
 * Everything that differs between stages (the local dev stage, test, prod) lives here, typed and
 * validated once. Values come from cdk.json context (`stages.<name>`), the stage is chosen with
 * `-c stage=<name>`. Only the local dev stage has defaults: any other stage that forgets its sender,
 * reviewers or region must fail at synth, not deploy `.example` addresses to a real account.
 */
export const LOCAL_DEV_STAGE = 'dev';

const customDomainSchema = z
  .object({
    /** e.g. `qm.stadskarnor.se`. */
    domainName: z.string().regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'domainName must be a lower-case host name'),
    /** An ACM certificate for domainName in the stage's region (validated outside this app). */
    certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:/, 'certificateArn must be an ACM certificate ARN').optional(),
    /** A Route 53 public hosted zone: the app creates the certificate (DNS-validated) and the alias record. */
    hostedZone: z.object({ hostedZoneId: z.string().min(1), zoneName: z.string().min(1) }).optional(),
  })
  .refine((d) => d.certificateArn !== undefined || d.hostedZone !== undefined, {
    message: 'customDomain needs certificateArn or hostedZone (or both)',
  });

export const stageConfigSchema = z.object({
  stage: z.string().regex(/^[a-z][a-z0-9-]*$/, 'stage must be lower-case letters, digits or dashes'),
  /** Where the system and its personal data live, e.g. `eu-north-1`. */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must be an AWS region such as eu-north-1'),
  /** Optional: pins the account too, so a deploy with the wrong credentials fails. */
  account: z.string().regex(/^\d{12}$/, 'account must be 12 digits').optional(),
  /** The SES identity mail is sent from: a domain ("stadskarnor.se") or one address. */
  sesIdentity: z.string().min(3),
  /**
   * Create the identity in this stack. Default false: it is referenced by name, because an identity
   * exists once per account and region (a second stage, or a domain already verified, would fail
   * the deploy with AlreadyExists).
   */
  createSesIdentity: z.boolean().default(false),
  /**
   * While the account is in the SES sandbox, SES also authorises each recipient's identity: name
   * the verified test recipients here (addresses or domains); leave empty in production.
   */
  sesSandboxRecipients: z.array(z.string().min(3)).default([]),
  senderEmail: z.email(),
  reviewerEmails: z.array(z.email()).min(1),
  /** Staff of the programme (besides reviewers): a bounce from one of them is escalated. */
  staffEmails: z.array(z.email()).min(1),
  /** Where escalations go when reviewers do not answer, or a staff address bounces. */
  programmeContactEmail: z.email(),
  /** Subscribed to the alarm topic: failed steps, applications on hold, alarms. */
  operatorEmail: z.email(),
  /** Public address of the system; default: the custom domain, else the HTTP API's own URL. */
  publicBaseUrl: z.url().optional(),
  customDomain: customDomainSchema.optional(),
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
export type StageConfigInput = z.input<typeof stageConfigSchema>;

/** Defaults of the local dev stage only: fictional addresses on reserved `.example` domains. */
export const localDevStageDefaults: StageConfigInput = {
  stage: LOCAL_DEV_STAGE,
  region: 'eu-north-1',
  sesIdentity: 'stadskarnor.example',
  senderEmail: 'qm@stadskarnor.example',
  reviewerEmails: ['granskare@stadskarnor.example'],
  staffEmails: ['qm-ansvarig@stadskarnor.example'],
  programmeContactEmail: 'qm-ansvarig@stadskarnor.example',
  operatorEmail: 'drift@stadskarnor.example',
};

export function parseStageConfig(raw: unknown): StageConfig {
  const result = stageConfigSchema.safeParse(raw);
  const stage = (raw as { stage?: unknown } | null)?.stage;
  const lines = (result.success ? [] : result.error.issues).map((i) =>
    i.code === 'invalid_type' && valueAt(raw, i.path) === undefined
      ? `  - ${i.path.join('.')}: missing`
      : `  - ${i.path.join('.') || '(root)'}: ${i.message}`,
  );
  // Deployed stages must say where links point: a public base URL, or a custom domain giving one.
  if (stage !== LOCAL_DEV_STAGE && valueAt(raw, ['publicBaseUrl']) === undefined && valueAt(raw, ['customDomain']) === undefined) {
    lines.push('  - publicBaseUrl: missing (or give customDomain, whose address it then is)');
  }
  if (!result.success || lines.length > 0) {
    throw new Error(
      `Invalid configuration of stage '${String(stage)}' (cdk.json context stages.${String(stage)}):\n${lines.join('\n')}\n` +
        `Only the local '${LOCAL_DEV_STAGE}' stage has defaults; see README "Deploy to AWS".`,
    );
  }
  return result.data;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), raw);
}

/** Reads the stage from CDK context: `stage` names an entry of `stages`; only the dev stage gets defaults. */
export function stageConfigFromContext(tryGetContext: (key: string) => unknown): StageConfig {
  const stage = (tryGetContext('stage') as string | undefined) ?? LOCAL_DEV_STAGE;
  const stages = (tryGetContext('stages') as Record<string, unknown> | undefined) ?? {};
  const own = (stages[stage] as Record<string, unknown> | undefined) ?? {};
  const defaults = stage === LOCAL_DEV_STAGE ? localDevStageDefaults : {};
  return parseStageConfig({ ...defaults, ...own, stage });
}
