import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

/**
 * Draws a QR code as vector squares (one rectangle per run of dark modules in a row): sharp at any
 * zoom and in print, and identical bytes for the same text. Error correction M survives a crease or
 * a smudge on paper. The white quiet zone of four modules is part of `size`.
 */
export function drawQrCode(page: PDFPage, text: string, at: { x: number; y: number; size: number }): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cell = at.size / (modules.size + 2 * quiet);
  page.drawRectangle({ x: at.x, y: at.y, width: at.size, height: at.size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      page.drawRectangle({
        x: at.x + (quiet + start) * cell,
        // PDF y grows upwards; QR rows grow downwards.
        y: at.y + at.size - (quiet + row + 1) * cell,
        width: (col - start) * cell,
        height: cell,
        color: rgb(0, 0, 0),
      });
    }
  }
}
