import { stringify } from 'csv-stringify/sync';
import type { RegisterEntry } from './public-register.template.js';

/** The columns, under the same field names as /api/register, so one vocabulary serves both. */
export const registerCsvColumns = ['certificateId', 'organisationName', 'organisationNumber', 'town', 'validFrom', 'validUntil'] as const satisfies readonly (keyof RegisterEntry)[];

/**
 * The register as CSV for a spreadsheet: UTF-8 with a byte-order mark (without it, Excel reads åäö
 * as Latin-1) and `;` between fields (the list separator of Swedish Excel, where `,` is the decimal
 * comma). Quoting and line breaks are csv-stringify's (RFC 4180, CRLF).
 */
export function renderRegisterCsv(entries: readonly RegisterEntry[]): string {
  return stringify(
    entries.map((e) => ({ ...e })),
    { bom: true, delimiter: ';', header: true, columns: [...registerCsvColumns], record_delimiter: 'windows' },
  );
}
