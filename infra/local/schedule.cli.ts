// npm run schedule -- <name> [--now YYYY-MM-DD|ISO]   |   npm run schedule -- --list
import { runnerSettingsFromEnvironment } from 'cdk-local-runner/environment';
import { scheduleCli } from 'cdk-local-runner/schedule-cli';
import { localDataDir, processIo, runWhenStarted, type CliIo } from '../../functions/cli/cli-environment.js';

/**
 * Runs one of the template's EventBridge schedules (e.g. RenewalSweep) on the local system: the one
 * `npm start` runs, or, when none runs, one started in this process on the same data directory and
 * ports (so links in the mail it sends work once `npm start` runs).
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  io.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const dataDir = localDataDir(io.env);
  return scheduleCli(argv, {
    dataDir,
    command: 'npm run schedule --',
    out: io.out,
    err: io.err,
    async start() {
      const parsed = runnerSettingsFromEnvironment(io.env, 'QM');
      if ('errors' in parsed) throw new Error(`Check these environment variables:\n  ${parsed.errors.join('\n  ')}`);
      // Loaded only now: joining a running system needs none of the runner.
      const { startQmLocalSystem } = await import('./qm-local.js');
      return startQmLocalSystem({ ...parsed.settings, dataDir, quiet: true });
    },
  });
}

runWhenStarted(import.meta.url, main);
