/**
 * `npm start`: the whole system locally, no AWS account, no network.
 *
 *   PORT=3000 DYNAMODB_PORT=8000 MAIL_PORT=8005 SFN_PORT=8083 QM_DATA_DIR=.local
 *   QM_LOCAL_TIME_OVERRIDES='{"waitSeconds":{"SomeWait":5}}'   (optional, JSON)
 *   HOST=127.0.0.1  RUNNER_PORT=0                               (optional)
 *
 * The runner reads them (cdk-local-runner/environment); this script adds what is the app's.
 */
import { runnerSettingsFromEnvironment } from 'cdk-local-runner/environment';
import { adjustableSettings } from '../../functions/config/runtime-config.js';
import { startQmLocalSystem } from './qm-local.js';

// Node 20 works today; the SDK's notice about its future Node 22 requirement is README material,
// not start-up noise for someone trying the system.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const parsed = runnerSettingsFromEnvironment(process.env, 'QM');
if ('errors' in parsed) {
  console.error('Cannot start the local system; check these environment variables:');
  for (const line of parsed.errors) console.error(`  ${line}`);
  process.exit(1);
}
const env = parsed.settings;

let system: Awaited<ReturnType<typeof startQmLocalSystem>>;
try {
  system = await startQmLocalSystem({
    ...env,
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
  Mailbox (SES)      ${urls.mail}   (kept in ${env.dataDir}/mail.json)
  DynamoDB endpoint  ${urls.dynamodb}
  Step Functions     ${urls.stepFunctions}
  Schedules          npm run schedule -- --list   (runner at ${urls.runner})
  Data               ${env.dataDir}${env.timeOverrides ? `\n  Time overrides     ${JSON.stringify(env.timeOverrides)}` : ''}

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
