import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHARED_SYNTH_DIR_ENV } from 'cdk-local-runner';

/**
 * vitest globalSetup for the projects that start local systems: one directory for the run, in
 * which the first system to start leaves the synthesised templates for the others (each test file
 * is a process of its own and starts its own system), so the app is synthesised once per run and
 * context rather than once per file. Set before the workers start, so they inherit it.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qm-synth-'));
  process.env[SHARED_SYNTH_DIR_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
