import type { CliIo } from '../../functions/cli/cli-environment.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CLI's `main` in this process, as `npm run <cli> -- …` would from a terminal beside the
 * local system: its environment holds only QM_DATA_DIR, so it joins the running system through the
 * file that system wrote (functions/cli/cli-environment.ts), and its output is collected.
 */
export async function runCli(main: (argv: string[], io: CliIo) => Promise<number>, argv: string[], dataDir: string): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await main(argv, { env: { QM_DATA_DIR: dataDir }, out: (text) => stdout.push(`${text}\n`), err: (text) => stderr.push(`${text}\n`) });
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
