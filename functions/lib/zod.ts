/**
 * zod as the functions import it: `import * as z from '../lib/zod.js'`.
 *
 * Why not `import { z } from 'zod'`: that `z` is a namespace object that esbuild cannot shake, and
 * it carries `z.locales`, all 64 of zod's locale modules (about 260 KB minified, half of every
 * bundle). Through this module `z.*` are plain named imports that esbuild tree-shakes. No locale
 * is needed: the application's checks report codes, and templates/validation-messages.ts has the
 * words (`z.locales` is deliberately not re-exported).
 */
export * from 'zod';
