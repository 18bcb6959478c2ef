import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createQmApp } from '../../infra/qm-app.js';

/** Synthesises the real app without bundling (no esbuild runs) into a temp dir it removes. */
export function synthTemplates(context: Record<string, unknown> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'qm-cdk-'));
  try {
    const qm = createQmApp({ outdir, context: { 'aws:cdk:bundling-stacks': [], ...context } });
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
