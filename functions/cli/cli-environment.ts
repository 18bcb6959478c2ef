import { LOCAL_SYSTEM_FILE, readRunningSystem } from 'cdk-local-runner/join';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * What a CLI reads and writes: the environment and its two output streams. `main(argv, io)` of each
 * CLI takes one, so that tests run a CLI in process; run from a terminal it is `processIo`.
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  env: process.env,
  out: (text) => console.log(text),
  err: (text) => console.error(text),
};

/** Written by `npm start` (the local runner): the environment the local system gives its functions. */
export const localSystemFileName = LOCAL_SYSTEM_FILE;

/**
 * Points a CLI at a store. With TABLE_NAME set, the environment is used as it is (AWS, with the
 * usual credentials and region). Otherwise the CLI joins the running local system, whose
 * environment `npm start` wrote to QM_DATA_DIR (default .local).
 */
export function useCliEnvironment(env: NodeJS.ProcessEnv = process.env): 'aws' | 'local' {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  if (env.TABLE_NAME) return 'aws';
  const running = readRunningSystem(localDataDir(env));
  if (!running) {
    throw new Error(
      `No running local system found (no live ${path.resolve(localDataDir(env), localSystemFileName)}). Start it with "npm start" in another terminal, ` +
        'or set TABLE_NAME (and AWS credentials) to work against AWS.',
    );
  }
  const { environment } = running;
  for (const [key, value] of Object.entries(environment)) if (!env[key]) env[key] = value;
  return 'local';
}

/** Where `npm start` keeps its data and its local-system.json. */
export function localDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.QM_DATA_DIR ?? '.local';
}

/**
 * Runs a CLI's `main` when its module is the script Node was started with (`npm run …`), and exits
 * with its code; imported by a test, the module only defines `main`. An error is printed without
 * its stack: these are the operator's tools, and the message says what went wrong.
 */
export function runWhenStarted(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
