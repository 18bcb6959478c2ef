import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { buildSync } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleSettings, projectRoot } from './function-defaults.js';
import { documentLibraries } from './lambda-functions.js';

/**
 * Writes each document library as one minified CommonJS file, `nodejs/node_modules/<name>/index.js`
 * with a package.json naming it, under `outputDir`: the layout Lambda puts on the module path
 * (/opt/nodejs/node_modules), so the functions' `require('pdf-lib')` finds it there. Each library is
 * bundled from this project's node_modules, resolved as Node resolves it (the `main` entry), so
 * the code that runs is the code the tests and the local runner run. No source maps: third-party
 * code, and `--enable-source-maps` would read megabytes of maps at every cold start.
 */
export function bundleDocumentLibraries(outputDir: string, libraries: readonly string[] = documentLibraries): void {
  const requireFromProject = createRequire(path.join(projectRoot, 'package.json'));
  for (const name of libraries) {
    const dir = path.join(outputDir, 'nodejs', 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    buildSync({
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: projectRoot, loader: 'js' },
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: bundleSettings.target,
      minify: true,
      legalComments: 'inline',
      logLevel: 'error',
    });
    // A subpath such as csv-parse/sync is a directory of its own in the layer; its version is its package's.
    const packageName = name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/');
    const { version, license } = JSON.parse(readFileSync(path.join(packageDirectory(requireFromProject, packageName), 'package.json'), 'utf8')) as { version: string; license?: string };
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, version, license, main: 'index.js' }, null, 2)}\n`);
  }
}

/** Where a package is installed (its `exports` may not list package.json, so resolve its entry and walk up). */
function packageDirectory(requireFromProject: NodeJS.Require, packageName: string): string {
  const candidates = requireFromProject.resolve.paths(packageName) ?? [];
  for (const dir of candidates) {
    const candidate = path.join(dir, packageName);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`Cannot find the package ${packageName}`);
}

/** esbuild in this process, as NodejsFunction bundles the functions: never Docker. */
const localBundling: ILocalBundling = {
  tryBundle(outputDir: string): boolean {
    bundleDocumentLibraries(outputDir);
    return true;
  },
};

/**
 * The layer with the document libraries (pdf-lib, fontkit, qrcode, exceljs, csv-parse): large, rarely
 * changed, and needed only by the functions that make PDFs or spreadsheets or read CSV (`documentLibraries: true` in
 * infra/lambda-functions.ts), which leave them out of their own bundles. Built at synth time; its
 * asset hash is that of the built files, so a new layer version is published only when they change.
 */
export class DocumentLibrariesLayer extends LayerVersion {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      description: `Document libraries for the QM functions: ${documentLibraries.join(', ')} (nodejs/node_modules, minified CommonJS)`,
      compatibleRuntimes: [Runtime.NODEJS_24_X],
      compatibleArchitectures: [Architecture.ARM_64],
      code: Code.fromAsset(projectRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          local: localBundling,
          // Required by the type, never used: local bundling always succeeds or throws.
          image: DockerImage.fromRegistry('local-bundling-only'),
        },
      }),
    });
  }
}
