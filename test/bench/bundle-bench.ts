// npm run bench:bundles [-- --runs 7] [--only SubmitApplication,ReviewPage] [--bundle-sdk] [--keep]
//
// Per function: the size of its bundle (minified, as NodejsFunction builds it, source map
// excluded) and the median cold import of its handler in a fresh Node process, bundled against
// the same handler unbundled through tsx, measured alternately in the same run. Goals (issue 8):
// every bundle ≤ 250 KB, bundled import ≤ 1/3 of unbundled.
//
// Functions with `documentLibraries: true` are built as deployed, without those libraries, and
// find them where Lambda would, in the layer (built here as at synth, infra/document-libraries.ts,
// and put in a node_modules beside the bundles, ahead of the project's): their bundled import
// includes loading whatever of the layer they load at import.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleDocumentLibraries } from '../../infra/document-libraries.js';
import { bundleSettings, externalModules, projectRoot } from '../../infra/function-defaults.js';
import { documentLibraries, executionEndFunctions, type FunctionSpec, httpFunctions, mailEventFunctions, scheduledFunctions, workflowFunctions } from '../../infra/lambda-functions.js';
import { percentile } from './stats.js';

const median = (values: readonly number[]) => percentile(values, 0.5);

const MAX_KB = 250;
const MAX_RATIO = 1 / 3;

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const withSdk = process.argv.includes('--bundle-sdk');
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1]!.split(',')) : undefined;
const keep = process.argv.includes('--keep');

const specs: Record<string, FunctionSpec> = { ...httpFunctions, ...workflowFunctions, ...scheduledFunctions, ...executionEndFunctions, ...mailEventFunctions };
// Inside the project: the external AWS SDK resolves from its node_modules, as from the Lambda runtime's.
mkdirSync(path.join(projectRoot, '.tmp'), { recursive: true });
const outdir = mkdtempSync(path.join(projectRoot, '.tmp', 'bundles-'));
// As in a Lambda asset, where no package.json says "type": "module": index.js is CommonJS.
writeFileSync(path.join(outdir, 'package.json'), JSON.stringify({ type: 'commonjs' }));
// The layer, as Lambda mounts it (/opt/nodejs/node_modules), here where the bundles' require() looks first.
bundleDocumentLibraries(path.join(outdir, 'layer'));
cpSync(path.join(outdir, 'layer', 'nodejs', 'node_modules'), path.join(outdir, 'node_modules'), { recursive: true });
const layerKb = documentLibraries.map((name) => statSync(path.join(outdir, 'node_modules', name, 'index.js')).size / 1024);

/**
 * Milliseconds from just before loading the handler module to just after, in a new process. The
 * bundle is loaded as the Lambda runtime loads a CommonJS `index.js`, with require(); the
 * TypeScript source, which is ESM, with `import()` through tsx.
 */
function coldImport(file: string, how: 'require' | 'import', args: string[] = []): number {
  const load = how === 'require' ? `require(${JSON.stringify(file)})` : `await import(${JSON.stringify(pathToFileURL(file).href)})`;
  const script = `const require = (await import('node:module')).createRequire(import.meta.url); const t = performance.now(); ${load}; process.stdout.write(String(performance.now() - t));`;
  const out = execFileSync(process.execPath, [...args, '--input-type=module', '-e', script], {
    cwd: projectRoot,
    env: { ...process.env, AWS_REGION: 'eu-north-1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  return Number(out);
}

const rows: { name: string; kb: number; bundled: number; unbundled: number }[] = [];
try {
  for (const [name, spec] of Object.entries(specs)) {
    if (only && !only.has(name)) continue;
    const outfile = path.join(outdir, name, bundleSettings.outfile);
    await build({
      entryPoints: [path.join(projectRoot, spec.entry)],
      outfile,
      bundle: true,
      platform: 'node',
      format: bundleSettings.format,
      target: bundleSettings.target,
      minify: bundleSettings.minify,
      sourcemap: bundleSettings.sourceMap ? 'external' : false,
      banner: { js: bundleSettings.banner },
      define: bundleSettings.define,
      external: externalModules(spec.documentLibraries === true).filter((m) => !withSdk || !bundleSettings.externalModules.includes(m)),
      logLevel: 'error',
    });
    if (spec.documentLibraries) {
      // The layer's copy, not the project's: what the deployed function loads.
      const resolved = createRequire(outfile).resolve(documentLibraries[0]);
      if (!resolved.startsWith(outdir)) throw new Error(`${name}: ${documentLibraries[0]} resolves to ${resolved}, not the layer`);
    }
    const kb = statSync(outfile).size / 1024;
    const bundled: number[] = [];
    const unbundled: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternating, so that load on the machine falls on both alike.
      bundled.push(coldImport(outfile, bundleSettings.format === 'cjs' ? 'require' : 'import'));
      unbundled.push(coldImport(path.join(projectRoot, spec.entry), 'import', ['--import', 'tsx']));
    }
    rows.push({ name, kb, bundled: median(bundled), unbundled: median(unbundled) });
  }
} finally {
  if (keep) console.log(`bundles kept in ${outdir}`);
  else rmSync(outdir, { recursive: true, force: true });
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number, d = 1) => n.toFixed(d).padStart(8);
console.log(`Bundles (${withSdk ? 'AWS SDK bundled' : 'AWS SDK external, as deployed'}), median of ${runs} cold imports each, Node ${process.version}`);
console.log(`${pad('function', 26)}${'KB'.padStart(8)}${'bundled'.padStart(10)}${'tsx'.padStart(10)}${'ratio'.padStart(8)}  goals`);
let failures = 0;
for (const r of rows) {
  const ratio = r.bundled / r.unbundled;
  const missed = [...(r.kb > MAX_KB ? [`size > ${MAX_KB} KB`] : []), ...(ratio > MAX_RATIO ? [`import ratio > ${MAX_RATIO.toFixed(2)}`] : [])];
  if (missed.length > 0) failures++;
  console.log(`${pad(r.name, 26)}${num(r.kb)}${num(r.bundled)}ms${num(r.unbundled)}ms${num(ratio, 2)}  ${missed.length === 0 ? 'ok' : `missed: ${missed.join(', ')}`}`);
}
console.log(`layer DocumentLibraries ${layerKb.reduce((a, b) => a + b, 0).toFixed(1)} KB (${documentLibraries.map((n, i) => `${n} ${layerKb[i]!.toFixed(1)}`).join(', ')}), for ${Object.values(specs).filter((s) => s.documentLibraries).length} functions`);
console.log(`largest ${Math.max(...rows.map((r) => r.kb)).toFixed(1)} KB; median ratio ${median(rows.map((r) => r.bundled / r.unbundled)).toFixed(2)}; ${failures === 0 ? 'all goals met' : `${failures} function(s) miss a goal`}`);
process.exitCode = failures === 0 ? 0 : 1;
