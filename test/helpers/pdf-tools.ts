import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { extractText, getDocumentProxy } from 'unpdf';

/**
 * Reading PDFs as a person's software would: text with PDF.js (unpdf), pages rendered to PNG with
 * poppler's pdftoppm (Debian's poppler-utils; CI installs it), QR codes decoded from those pixels with
 * jsQR. Rendered pages are kept in test-results/ (ignored by git) to be looked at.
 */
export const pdftoppm = process.env.PDFTOPPM_PATH ?? '/usr/bin/pdftoppm';
export const havePoppler = existsSync(pdftoppm);
if (!havePoppler && process.env.QM_REQUIRE_BROWSER) throw new Error(`poppler-utils is required but pdftoppm is missing at ${pdftoppm}`);

export const artefactDir = 'test-results';

export async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number; size: [number, number] }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  const [, , width, height] = (await pdf.getPage(1)).view as [number, number, number, number];
  return { text, pages: totalPages, size: [width, height] };
}

/** Renders page 1 to a PNG at `dpi`, keeps it as `test-results/<name>.png`, and returns its pixels. */
export async function renderFirstPage(bytes: Uint8Array, name: string, dpi = 150): Promise<PNG> {
  const work = path.join(os.tmpdir(), `qm-pdf-${process.pid}-${name}`);
  mkdirSync(artefactDir, { recursive: true });
  writeFileSync(`${work}.pdf`, bytes);
  try {
    await promisify(execFile)(pdftoppm, ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', `${work}.pdf`, path.join(artefactDir, name)]);
  } finally {
    rmSync(`${work}.pdf`, { force: true });
  }
  return PNG.sync.read(readFileSync(path.join(artefactDir, `${name}.png`)));
}

// jsQR is CommonJS with an ES-style default in its types: under NodeNext the default import is the
// module object, while the loader may already have unwrapped it.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = typeof jsQRModule === 'function' ? (jsQRModule as unknown as JsQr) : jsQRModule.default;

/** The text of the QR code found in the image, or undefined. */
export function decodeQr(png: PNG): string | undefined {
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data;
}
