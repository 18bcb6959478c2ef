// Lint TypeScript sources with the recommended rules; type-checking itself is `tsc --noEmit`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', '.tmp/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Bundled code takes zod through functions/lib/zod.ts, which keeps 62 unused locales out.
    files: ['functions/**/*.ts'],
    ignores: ['functions/lib/zod.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'zod', message: "Use `import * as z from '../lib/zod.js'` (keeps unused zod locales out of the bundles)." }] }],
    },
  },
);
