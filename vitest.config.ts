import { defineConfig } from 'vitest/config';

/**
 * The suite in five projects, by what a test file starts (not by its folder):
 *
 * - `unit`: nothing but the code under test (in-process HTTP servers at most). Files share their
 *   worker processes (`isolate: false`): none keeps state another could see, and imports are paid
 *   once per worker rather than once per file.
 * - `adapters`: dynalite, the local SES or Step Functions directly; no whole system. Isolated: the
 *   files set `process.env` and mock SDK clients for the handlers they call.
 * - `cdk`: synthesises the CDK app. Files share their worker processes (`isolate: false`), so the
 *   app is synthesised once per context and worker (test/cdk/app-synth.ts caches it).
 * - `system`: the whole local system over HTTP (test/helpers/local-system.ts), one per file; the
 *   app is synthesised once per run (test/setup/shared-synthesis.ts) and the CLIs run in process.
 * - `e2e`: the local system driven by a browser (Debian's Chromium).
 *
 * `npm test` runs them all (CI, through .ci/run); `npm run test:fast` runs unit, adapters and cdk.
 * The local runner's own tests (packages/cdk-local-runner/test) are sorted into the same projects.
 */
const runner = (name: string) => `packages/cdk-local-runner/test/${name}.test.ts`;
const dynaliteUnitTests = ['admin-actions', 'import-members', 'lifecycle-recovery', 'staff-sign-in'].map((name) => `test/unit/${name}.test.ts`);
const adapterTests = [
  ...dynaliteUnitTests,
  'test/renewals/**/*.test.ts',
  'test/property/**/*.test.ts',
  ...['local-dynamodb', 'dynamodb-transactions', 'local-mail', 'local-step-functions'].map(runner),
];
const cdkTests = ['test/cdk/**/*.test.ts', 'test/local/qm-local-model.test.ts', runner('cloud-assembly')];
const systemTests = ['test/integration/**/*.test.ts', 'test/local/local-system.test.ts', runner('local-system')];
const e2eTests = ['test/e2e/**/*.test.ts'];

export default defineConfig({
  test: {
    // No `include` here: projects extend this config, and arrays would merge.
    // System tests start whole local systems; give them room but keep files isolated.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/local/**/*.test.ts', 'packages/*/test/**/*.test.ts'], exclude: [...adapterTests, ...cdkTests, ...systemTests], isolate: false },
      },
      { extends: true, test: { name: 'adapters', include: adapterTests } },
      { extends: true, test: { name: 'cdk', include: cdkTests, isolate: false } },
      // Each file starts its own local system; they share one synthesis of the app per run.
      { extends: true, test: { name: 'system', include: systemTests, globalSetup: ['test/setup/shared-synthesis.ts'] } },
      { extends: true, test: { name: 'e2e', include: e2eTests, globalSetup: ['test/setup/shared-synthesis.ts'] } },
    ],
  },
});
