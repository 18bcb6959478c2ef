import { routedHandler, staffPage } from '../http/admin-http.js';
import type { HttpResult } from '../http/responses.js';
import { toCsv, toXlsx } from '../templates/spreadsheet.js';
import { applicationsTable, certificatesTable, type ExportTable } from '../use-cases/admin/exports.use-case.js';

const csv = (fileName: string, table: ExportTable): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
  body: toCsv(table),
});

const xlsx = async (fileName: string, table: ExportTable): Promise<HttpResult> => ({
  statusCode: 200,
  headers: {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  },
  body: (await toXlsx(table)).toString('base64'),
  isBase64Encoded: true,
});

/** Every certificate and every application, as CSV for Swedish Excel or as .xlsx. */
export const handler = routedHandler({
  'GET /admin/export/certificates.csv': staffPage(async (_e, _s, deps) => csv('certifikat.csv', await certificatesTable(deps))),
  'GET /admin/export/certificates.xlsx': staffPage(async (_e, _s, deps) => xlsx('certifikat.xlsx', await certificatesTable(deps))),
  'GET /admin/export/applications.csv': staffPage(async (_e, _s, deps) => csv('ansokningar.csv', await applicationsTable(deps))),
  'GET /admin/export/applications.xlsx': staffPage(async (_e, _s, deps) => xlsx('ansokningar.xlsx', await applicationsTable(deps))),
});
