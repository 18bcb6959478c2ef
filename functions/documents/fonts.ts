import { readFile } from 'node:fs/promises';

/**
 * The fonts of the generated PDFs: DejaVu Sans (regular and bold), shipped in `./fonts/` with their
 * licence (fonts/LICENSE, the Bitstream Vera licence). They cover åäö, é, en dashes and the rest of
 * Swedish, and pdf-lib embeds them as subsets with a ToUnicode map, so the text stays extractable.
 *
 * The files are read relative to this module. In a Lambda bundle this module becomes index.js at
 * the bundle's root, so the function's `bundledAssets` copy the folder to `fonts/` beside it
 * (infra/lambda-functions.ts): the same relative URL works from source (tsx, vitest) and bundle.
 */
export const fontFiles = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

export interface FontBytes {
  regular: Uint8Array;
  bold: Uint8Array;
}

let loaded: Promise<FontBytes> | undefined;

/** Reads the font files once per container. */
export function loadFonts(): Promise<FontBytes> {
  loaded ??= Promise.all([read(fontFiles.regular), read(fontFiles.bold)]).then(([regular, bold]) => ({ regular, bold }));
  return loaded;
}

async function read(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(`./fonts/${file}`, import.meta.url)));
}
