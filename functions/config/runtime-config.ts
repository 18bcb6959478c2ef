import * as z from '../lib/zod.js';

const emailList = z
  .string()
  .transform((s) => s.split(',').map((e) => e.trim()).filter(Boolean))
  .pipe(z.array(z.email()).min(1));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const publicBaseUrlSchema = z.url().transform((u) => u.replace(/\/+$/, ''));

const runtimeConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
  STATE_MACHINE_ARN: z.string().min(1).optional(),
  SENDER_EMAIL: z.email(),
  REVIEWER_EMAILS: emailList,
  PROGRAMME_CONTACT_EMAIL: z.email(),
  /** The operator's alarm topic (SNS), for the functions that alert. */
  ALERT_TOPIC_ARN: z.string().min(1).optional(),
  OPERATOR_EMAIL: z.email(),
  /** Staff who may sign in to the workspace (and whose bounces are escalated); kept in the table too. */
  STAFF_EMAILS: z.string().default('qm-ansvarig@stadskarnor.example').pipe(emailList),
  /** Reviews waiting longer than this are overdue on the workspace's overview. */
  REVIEW_REMINDER_INTERVAL_DAYS: positiveInt(7),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  PUBLIC_BASE_URL: publicBaseUrlSchema,
  COMPLETION_DEADLINE_DAYS: positiveInt(60),
  RENEWAL_REMINDER_DAYS: z
    .string()
    .default('180,90,30')
    .transform((s) => s.split(',').map((d) => Number(d.trim())))
    .pipe(z.array(z.number().int().positive()).min(1)),
  REVISION_GRACE_MONTHS: z.coerce.number().int().min(0).default(12),
  MEMBER_CONFIRMATION_DAYS: positiveInt(14),
});

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** The settings people may choose (where the system runs decides the rest: table, endpoints, links). */
export const adjustableSettings = Object.keys(runtimeConfigSchema.shape).filter(
  (key) => !['TABLE_NAME', 'STATE_MACHINE_ARN', 'PUBLIC_BASE_URL', 'SES_CONFIGURATION_SET', 'ALERT_TOPIC_ARN'].includes(key),
);

/** Parses the environment; throws one clear message listing every missing or bad variable. */
export function parseRuntimeConfig(env: Record<string, string | undefined>): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid function configuration (environment):\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: RuntimeConfig | undefined;

/** The configuration of this process, read once on first use. */
export function runtimeConfig(): RuntimeConfig {
  cached ??= parseRuntimeConfig(process.env);
  return cached;
}

/**
 * The deployment's public base URL alone (no trailing slash), or undefined when it is not set or
 * not a URL. For error answers, which must render even when the rest of the configuration is bad.
 */
export function publicBaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  const result = publicBaseUrlSchema.safeParse(env.PUBLIC_BASE_URL);
  return result.success ? result.data : undefined;
}
