/**
 * `npm start`: the whole system locally, no AWS account, no network.
 *
 *   PORT=3000 DYNAMODB_PORT=8000 MAIL_PORT=8005 SFN_PORT=8083 QM_DATA_DIR=.local
 *   QM_LOCAL_TIME_OVERRIDES='{"waitSeconds":{"SomeWait":5}}'   (optional, JSON)
 *   HOST=127.0.0.1                                              (optional)
 */
import { z } from 'zod';
import { adjustableSettings } from '../../functions/config/runtime-config.js';
import { startLocalSystem } from './local-system.js';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const secondsRecord = z.record(z.string(), z.number().nonnegative());

const envSchema = z.object({
  PORT: port(3000),
  DYNAMODB_PORT: port(8000),
  MAIL_PORT: port(8005),
  SFN_PORT: port(8083),
  QM_DATA_DIR: z.string().min(1).default('.local'),
  HOST: z.string().min(1).optional(),
  QM_LOCAL_TIME_OVERRIDES: z
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
      z
        .strictObject({ taskTimeoutSeconds: secondsRecord.optional(), waitSeconds: secondsRecord.optional(), retryIntervalSeconds: z.number().nonnegative().optional() })
        .optional(),
    ),
});

// Node 20 works today; the SDK's notice about its future Node 22 requirement is README material,
// not start-up noise for someone trying the system.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
  console.error('Cannot start the local system; check these environment variables:');
  for (const issue of parsed.error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const env = parsed.data;

let system: Awaited<ReturnType<typeof startLocalSystem>>;
try {
  system = await startLocalSystem({
    port: env.PORT,
    dynamodbPort: env.DYNAMODB_PORT,
    mailPort: env.MAIL_PORT,
    sfnPort: env.SFN_PORT,
    dataDir: env.QM_DATA_DIR,
    host: env.HOST,
    timeOverrides: env.QM_LOCAL_TIME_OVERRIDES,
    // Settings given in the environment (e.g. REVIEWER_EMAILS) win over the template's.
    env: Object.fromEntries(adjustableSettings.flatMap((key) => (process.env[key] ? [[key, process.env[key]!]] : []))),
  });
} catch (err) {
  if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Cannot start: ${(err as Error).message}. Is another copy running? Set PORT, DYNAMODB_PORT, MAIL_PORT or SFN_PORT to move.`);
  } else {
    console.error('Cannot start the local system:', err);
  }
  process.exit(1);
}

const { urls } = system;
console.log(`
Quality Mark is running locally.

  Start page         ${urls.app}/
  Application form   ${urls.app}/apply
  QM register        ${urls.app}/register
  Mailbox (SES)      ${urls.mail}   (kept in ${env.QM_DATA_DIR}/mail.json)
  DynamoDB endpoint  ${urls.dynamodb}
  Step Functions     ${urls.stepFunctions}
  Data               ${env.QM_DATA_DIR}${env.QM_LOCAL_TIME_OVERRIDES ? `\n  Time overrides     ${JSON.stringify(env.QM_LOCAL_TIME_OVERRIDES)}` : ''}

Ctrl-C stops it.
`);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) {
    console.log('Stopping anyway.');
    process.exit(1);
  }
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  system.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error('Error while stopping:', err);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
