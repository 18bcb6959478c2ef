import { stringify } from 'csv-stringify/sync';
import type { ExportTable } from '../use-cases/admin/exports.use-case.js';

/**
 * CSV for Swedish Excel: UTF-8 with a byte-order mark (or Excel guesses another encoding and åäö
 * break) and `;` between fields (Swedish Excel's list separator, since `,` is the decimal sign).
 */
export function toCsv(table: ExportTable): string {
  return `\uFEFF${stringify([table.columns, ...table.rows], { delimiter: ';', record_delimiter: 'windows' })}`;
}

/**
 * The same table as an .xlsx workbook with one sheet. exceljs (a megabyte, from the layer) is
 * loaded on the first workbook, not when the function starts: the CSV exports never need it.
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kvalitetsmärkning (QM)';
  const sheet = workbook.addWorksheet(table.sheetName);
  sheet.addRow(table.columns).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
