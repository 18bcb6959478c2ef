import fontkit from '@pdf-lib/fontkit';
import { createHash } from 'node:crypto';
import { PDFDocument, PDFHexString, type PDFFont } from 'pdf-lib';
import { loadFonts } from './fonts.js';

/** A4 in PDF points. */
export const a4 = { width: 595.28, height: 841.89 } as const;

export interface DocumentInfo {
  title: string;
  subject: string;
  /** The document's fixed date (creation and modification): the same state gives the same bytes. */
  date: Date;
  /** Identifies the document across its versions (the first half of the trailer /ID). */
  permanentId: string;
  /** Everything the content depends on (the second half of /ID): equal states, equal IDs. */
  stateId: string;
}

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * A new PDF with the shipped fonts embedded as subsets and the metadata fixed, so that the output is
 * byte-for-byte deterministic: pdf-lib would otherwise stamp the current time, and the subset names
 * come from its seeded generator. The trailer /ID, which pdf-lib leaves out, is derived from the
 * content's inputs rather than random.
 */
export async function createDocument(info: DocumentInfo): Promise<{ doc: PDFDocument; fonts: PdfFonts }> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const bytes = await loadFonts();
  const fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setSubject(info.subject);
  doc.setAuthor('Svenska Stadskärnor');
  doc.setCreator('Svenska Stadskärnor · Kvalitetsmärkning (QM)');
  doc.setProducer('pdf-lib');
  doc.setLanguage('sv-SE');
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  const id = (value: string) => PDFHexString.of(createHash('sha256').update(value).digest('hex').slice(0, 32));
  doc.context.trailerInfo.ID = doc.context.obj([id(info.permanentId), id(info.stateId)]);
  return { doc, fonts };
}

/** Saves without object streams: plain cross-reference tables that every reader understands. */
export async function saveDocument(doc: PDFDocument): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: false });
}

/** Breaks text into lines no wider than `maxWidth`; a word longer than a line is split by characters. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      // A word wider than a line is split by characters, measuring each once: linear in the word's
      // length (re-measuring ever shorter prefixes made a pasted 4 000-character word take minutes).
      let piece = '';
      let pieceWidth = 0;
      for (const character of word) {
        const width = font.widthOfTextAtSize(character, size);
        if (piece && pieceWidth + width > maxWidth) {
          lines.push(piece);
          piece = '';
          pieceWidth = 0;
        }
        piece += character;
        pieceWidth += width;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}
