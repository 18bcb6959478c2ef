import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createQmApp, type QmApp } from '../../infra/qm-app.js';

export interface SynthesisedApp {
  qm: QmApp;
  stateful: Template;
  stateless: Template;
}

/**
 * One synthesis per CDK context and process: the `cdk` test project runs its files in one process
 * (vitest.config.ts), so the app is synthesised once however many files and tests read it. Tests
 * only read the templates; they must not change what they get.
 */
const synthesised = new Map<string, SynthesisedApp>();

/** Synthesises the real app without bundling (no esbuild runs) into a temp dir it removes; cached by context. */
export function synthTemplates(context: Record<string, unknown> = {}): SynthesisedApp {
  const key = JSON.stringify(context);
  let found = synthesised.get(key);
  if (!found) {
    found = synthesise(context);
    synthesised.set(key, found);
  }
  return found;
}

function synthesise(context: Record<string, unknown>): SynthesisedApp {
  const outdir = mkdtempSync(path.join(tmpdir(), 'qm-cdk-'));
  try {
    // CloudFormation's own template validation only warns by default and costs seconds of CPU per
    // synthesis; `cdk synth` still runs it.
    const qm = createQmApp({ outdir, builtinCloudFormationValidation: false, context: { 'aws:cdk:bundling-stacks': [], ...context } });
    return {
      qm,
      stateful: Template.fromStack(qm.stateful),
      stateless: Template.fromStack(qm.stateless),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The logical id of the function built from a source entry. */
export function functionIdFor(template: Template, entry: string): string {
  const functions = template.findResources('AWS::Lambda::Function');
  const found = Object.entries(functions).find(([, r]) => (r as { Metadata?: Record<string, unknown> }).Metadata?.['qm:entry'] === entry);
  if (!found) throw new Error(`No function for ${entry}`);
  return found[0];
}
