import { createRequire } from 'node:module';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bundleDocumentLibraries } from '../../infra/document-libraries.js';
import {
  documentLibraries,
  executionEndFunctions,
  httpFunctions,
  mailEventFunctions,
  scheduledFunctions,
  workflowFunctions,
  type FunctionSpec,
} from '../../infra/lambda-functions.js';
import { functionIdFor, synthTemplates } from './app-synth.js';

// The document libraries (pdf-lib, fontkit, qrcode, exceljs) ship in one layer, to the functions
// that make PDFs or spreadsheets, and only there; those functions' bundles leave them out.
const specs: Record<string, FunctionSpec> = { ...httpFunctions, ...workflowFunctions, ...scheduledFunctions, ...executionEndFunctions, ...mailEventFunctions };
const withDocuments = Object.values(specs).filter((s) => s.documentLibraries);
const without = Object.values(specs).filter((s) => !s.documentLibraries);

type Synth = ReturnType<typeof synthTemplates>;
let synth: Synth;
/** NodejsFunction's bundling options per entry, as handed to Code.fromAsset (bundling is skipped in synthTemplates). */
const externalsByEntry = new Map<string, string[]>();
beforeAll(() => {
  const fromAsset = vi.spyOn(Code, 'fromAsset');
  try {
    // A context of its own: a synthesis this file makes, so the spy sees it (others are cached per process).
    synth = synthTemplates({ 'qm:test-synthesis': 'document-libraries' });
    for (const [, options] of fromAsset.mock.calls) {
      const bundling = options?.bundling as { externals?: string[]; props?: { entry?: string } } | undefined;
      if (bundling?.externals && bundling.props?.entry) externalsByEntry.set(path.relative(process.cwd(), bundling.props.entry), bundling.externals);
    }
  } finally {
    fromAsset.mockRestore();
  }
});

const layersOf = (entry: string): unknown[] =>
  (synth.stateless.findResources('AWS::Lambda::Function')[functionIdFor(synth.stateless, entry)] as { Properties: { Layers?: unknown[] } }).Properties.Layers ?? [];

describe('the document libraries layer', () => {
  it('is one layer, for Node 24 on arm64', () => {
    synth.stateless.resourceCountIs('AWS::Lambda::LayerVersion', 1);
    synth.stateless.hasResourceProperties('AWS::Lambda::LayerVersion', { CompatibleRuntimes: ['nodejs24.x'], CompatibleArchitectures: ['arm64'] });
  });

  it('goes to the functions that make PDFs or spreadsheets or read the member register as CSV, and to no other', () => {
    expect(withDocuments.map((s) => s.entry).sort()).toEqual(
      [
        'functions/handlers/admin-exports.handler.ts',
        'functions/handlers/admin-members.handler.ts',
        'functions/handlers/certificate-verification.handler.ts',
        'functions/handlers/certify-application.handler.ts',
        'functions/handlers/self-evaluation.handler.ts',
      ].sort(),
    );
    const layerId = Object.keys(synth.stateless.findResources('AWS::Lambda::LayerVersion'))[0];
    for (const spec of withDocuments) expect(layersOf(spec.entry), spec.entry).toEqual([{ Ref: layerId }]);
    for (const spec of without) expect(layersOf(spec.entry), spec.entry).toEqual([]);
  });

  it("leaves the libraries out of those functions' bundles, and in every other bundle", () => {
    expect(externalsByEntry.size).toBe(Object.keys(specs).length);
    for (const spec of withDocuments) expect(externalsByEntry.get(spec.entry), spec.entry).toEqual(['@aws-sdk/*', ...documentLibraries]);
    for (const spec of without) expect(externalsByEntry.get(spec.entry), spec.entry).toEqual(['@aws-sdk/*']);
  });
});

describe('the layer as built at synth', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qm-layer-'));
  beforeAll(() => bundleDocumentLibraries(dir), 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds each library as one file where Lambda looks (nodejs/node_modules), with a package.json naming it', () => {
    for (const name of documentLibraries) {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'nodejs', 'node_modules', name, 'package.json'), 'utf8')) as { name: string; main: string };
      expect(pkg).toMatchObject({ name, main: 'index.js' });
      expect(statSync(path.join(dir, 'nodejs', 'node_modules', name, 'index.js')).size).toBeGreaterThan(10_000);
    }
    expect(existsSync(path.join(dir, 'nodejs', 'node_modules', 'pdf-lib', 'node_modules'))).toBe(false);
  });

  it('answers a subpath import (csv-parse/sync) from the layer alone, as a bundle in Lambda requires it', () => {
    // Prepare: a require that looks only where Lambda puts the layer
    const requireInLayer = createRequire(path.join(dir, 'nodejs', 'index.js'));
    // Act
    const csv = requireInLayer('csv-parse/sync') as { parse: (text: string) => string[][] };
    // Assess
    expect(requireInLayer.resolve('csv-parse/sync').startsWith(path.join(dir, 'nodejs', 'node_modules'))).toBe(true);
    expect(csv.parse('a;b\n1;2')).toEqual([['a;b'], ['1;2']]);
  });
});
