import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import type { SelfEvaluationView } from '../templates/self-evaluation.template.js';
import { a4, createDocument, saveDocument, wrapText, type PdfFonts } from './pdf-document.js';

const margin = 56;
const bottom = 64;
const width = a4.width - 2 * margin;
const accent = rgb(0, 0x59 / 255, 0x4f / 255);
const text = rgb(0.11, 0.11, 0.11);
const muted = rgb(0.32, 0.32, 0.32);

/** Writes lines top to bottom, starting a new A4 page when the current one is full. */
class Flow {
  private page: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: PdfFonts,
  ) {
    this.page = this.newPage();
  }

  private newPage(): PDFPage {
    this.page = this.doc.addPage([a4.width, a4.height]);
    this.y = a4.height - margin;
    return this.page;
  }

  /** Room for `height` more points, or a new page. */
  need(height: number): void {
    if (this.y - height < bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  lines(content: string, options: { font?: PDFFont; size?: number; indent?: number; color?: ReturnType<typeof rgb>; keepWithNext?: number; prefix?: string } = {}): void {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? 10.5;
    const indent = options.indent ?? 0;
    const leading = size * 1.35;
    const wrapped = wrapText(content, font, size, width - indent);
    this.need(leading * Math.min(wrapped.length, 2) + (options.keepWithNext ?? 0));
    wrapped.forEach((line, i) => {
      this.need(leading);
      this.y -= leading;
      if (i === 0 && options.prefix) {
        this.page.drawText(options.prefix, { x: margin + indent - font.widthOfTextAtSize(`${options.prefix} `, size), y: this.y, size, font, color: options.color ?? text });
      }
      this.page.drawText(line, { x: margin + indent, y: this.y, size, font, color: options.color ?? text });
    });
  }

  rule(): void {
    this.need(12);
    this.y -= 6;
    this.page.drawLine({ start: { x: margin, y: this.y }, end: { x: a4.width - margin, y: this.y }, thickness: 1, color: accent });
    this.y -= 6;
  }
}

/** The self-evaluation summary as A4 pages: the same text as the printable page, laid out for paper. */
export async function renderSelfEvaluationPdf(view: SelfEvaluationView, printedAt: Date): Promise<Uint8Array> {
  const { doc, fonts } = await createDocument({
    title: view.title,
    subject: view.versionLine,
    date: printedAt,
    permanentId: `self-evaluation:${view.title}`,
    stateId: JSON.stringify(view),
  });
  doc.setLanguage(view.lang === 'en' ? 'en-GB' : 'sv-SE');
  const flow = new Flow(doc, fonts);
  const { bold, regular } = fonts;

  flow.lines(view.title, { font: bold, size: 18, color: accent });
  flow.lines(view.versionLine, { size: 11, color: muted });
  flow.space(6);
  flow.lines(view.notice, { font: bold, size: 10.5 });

  if (view.organisation.length) {
    flow.space(10);
    flow.lines(view.labels.organisation, { font: bold, size: 13, keepWithNext: 30 });
    for (const f of view.organisation) flow.lines(`${f.label}: ${f.value}`);
  }

  for (const section of view.sections) {
    flow.space(12);
    flow.rule();
    flow.lines(section.title, { font: bold, size: 14, color: accent, keepWithNext: 40 });
    flow.space(4);
    flow.lines(view.labels.answers, { font: bold, size: 11.5, keepWithNext: 28 });
    if (section.answers.length === 0) flow.lines(view.labels.noAnswers, { color: muted });
    for (const answer of section.answers) {
      flow.space(3);
      flow.lines(answer.label, { font: bold, size: 10, keepWithNext: 14 });
      flow.lines(answer.value, { indent: 12 });
    }
    flow.space(6);
    flow.lines(view.labels.unanswered, { font: bold, size: 11.5, keepWithNext: 28 });
    if (section.unanswered.length === 0) flow.lines(view.labels.allAnswered, { color: muted });
    for (const question of section.unanswered) flow.lines(question, { indent: 14, prefix: '–' });
    flow.space(6);
    flow.lines(view.labels.checklist, { font: bold, size: 11.5, keepWithNext: 28 });
    flow.lines(section.checklistIntro, { color: muted });
    for (const item of section.checklist) flow.lines(item, { indent: 18, prefix: '☐' });
  }

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    page.drawText(view.labels.pdfFooter, { x: margin, y: 32, size: 8, font: regular, color: muted });
    const number = view.labels.page(i + 1, pages.length);
    page.drawText(number, { x: a4.width - margin - regular.widthOfTextAtSize(number, 8), y: 32, size: 8, font: regular, color: muted });
  });
  return saveDocument(doc);
}
