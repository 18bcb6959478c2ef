import { z } from 'zod';
import type { TimeOverrides } from './asl-local-definition.js';

/**
 * The runner's settings from environment variables, for an app's start script:
 *
 *   PORT (3000)  DYNAMODB_PORT (8000)  MAIL_PORT (8005)  SFN_PORT (8083)  RUNNER_PORT (0 = free)
 *   HOST (127.0.0.1)  <PREFIX>_DATA_DIR (.local)  <PREFIX>_LOCAL_TIME_OVERRIDES (JSON, optional)
 *
 * The prefix is the app's (`QM` → QM_DATA_DIR), as its CLIs read the data directory too.
 */
export interface RunnerSettings {
  port: number;
  dynamodbPort: number;
  mailPort: number;
  sfnPort: number;
  controlPort: number;
  host?: string;
  dataDir: string;
  timeOverrides?: TimeOverrides;
}

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const secondsRecord = z.record(z.string(), z.number().nonnegative());
const timeOverrides = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.strictObject({ taskTimeoutSeconds: secondsRecord.optional(), waitSeconds: secondsRecord.optional(), retryIntervalSeconds: z.number().nonnegative().optional() }).optional(),
  );

/** Settings, or the problems with the variables (one line each, naming the variable). */
export function runnerSettingsFromEnvironment(env: NodeJS.ProcessEnv, prefix: string): { settings: RunnerSettings } | { errors: string[] } {
  const dataDirVar = `${prefix}_DATA_DIR`;
  const overridesVar = `${prefix}_LOCAL_TIME_OVERRIDES`;
  const schema = z.object({
    PORT: port(3000),
    DYNAMODB_PORT: port(8000),
    MAIL_PORT: port(8005),
    SFN_PORT: port(8083),
    RUNNER_PORT: port(0),
    HOST: z.string().min(1).optional(),
    [dataDirVar]: z.string().min(1).default('.local'),
    [overridesVar]: timeOverrides,
  });
  const parsed = schema.safeParse(env);
  if (!parsed.success) return { errors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const d = parsed.data as Record<string, unknown>;
  return {
    settings: {
      port: d.PORT as number,
      dynamodbPort: d.DYNAMODB_PORT as number,
      mailPort: d.MAIL_PORT as number,
      sfnPort: d.SFN_PORT as number,
      controlPort: d.RUNNER_PORT as number,
      ...(d.HOST ? { host: d.HOST as string } : {}),
      dataDir: d[dataDirVar] as string,
      ...(d[overridesVar] ? { timeOverrides: d[overridesVar] as TimeOverrides } : {}),
    },
  };
}
