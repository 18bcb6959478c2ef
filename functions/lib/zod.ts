/**
 * zod as the functions import it: `import * as z from '../lib/zod.js'`.
 *
 * Why not `import { z } from 'zod'`: that `z` is a namespace object that esbuild cannot shake, and
 * it carries `z.locales`, all 64 of zod's locale modules (about 260 KB minified, half of every
 * bundle). Through this module `z.*` are plain named imports that esbuild tree-shakes, and
 * `z.locales` holds only the locales the system speaks.
 */
export * from 'zod';
import { en, sv } from 'zod/locales';

export const locales = { en, sv };
