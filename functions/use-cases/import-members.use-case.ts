import { parse } from 'csv-parse/sync';
import * as z from '../lib/zod.js';
import { splitRegisteredAddresses, type Member } from '../domain/member.js';
import { organisationNumberSchema } from '../domain/organisation-number.js';
import type { MemberStore } from './ports.js';
import { swedishIssueMessage } from '../templates/validation-messages.js';

export const memberCsvHeader = ['organisationsnummer', 'name', 'town', 'email'] as const;

const memberRowSchema = z.object({
  organisationsnummer: organisationNumberSchema,
  name: z.string().trim().min(1, 'Namn saknas.'),
  town: z.string().trim().min(1, 'Ort saknas.'),
  // One address, or several separated by ';' (all of them are the member's registered addresses).
  email: z
    .string()
    .transform(splitRegisteredAddresses)
    .pipe(z.array(z.email('Ogiltig e-postadress.')).min(1, 'E-postadress saknas.').max(10, 'Högst 10 e-postadresser.')),
});

export interface MemberImportReport {
  imported: number;
  invalid: { line: number; errors: string[] }[];
  /** Rows that repeat an earlier row exactly: imported once. */
  repeated: { line: number; sameAs: number }[];
}

export class MemberCsvHeaderError extends Error {}

/**
 * The separator of the file, from its header line: Swedish Excel saves CSV with ";" (the comma is
 * the decimal sign there), other tools with ",". Only the header decides: a member's `email` column
 * may itself hold several addresses separated by ";", which in a ";"-separated file must be quoted
 * ("a@x.se;b@x.se"), as Excel does.
 */
export function detectDelimiter(csvText: string): ',' | ';' {
  const header = csvText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') && !header.includes(',') ? ';' : ',';
}

/**
 * Parses a member register CSV (header organisationsnummer,name,town,email; "," or ";" separated,
 * with or without a byte-order mark) and upserts the valid rows. Invalid rows are reported with
 * their line numbers and do not stop the others. Rows that give one organisation number different
 * details are all refused, by line number, until the file agrees with itself: which one is right
 * is for a person to say, not the order of the lines.
 */
export async function importMembers(
  deps: { members: MemberStore; now: () => Date },
  csvText: string,
): Promise<MemberImportReport> {
  const records = parse(csvText, {
    bom: true,
    delimiter: detectDelimiter(csvText),
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...rows] = records;
  const headerNames = header?.record.map((h) => h.toLowerCase()) ?? [];
  if (headerNames.join(',') !== memberCsvHeader.join(',')) {
    throw new MemberCsvHeaderError(
      `The first line must be the header "${memberCsvHeader.join(',')}", or the same separated by ";" (found "${headerNames.join(',')}").`,
    );
  }

  const rowsByNumber = new Map<string, { line: number; member: Member }[]>();
  const invalid: MemberImportReport['invalid'] = [];
  for (const { record, info } of rows) {
    if (record.length !== memberCsvHeader.length) {
      invalid.push({ line: info.lines, errors: [`Raden har ${record.length} fält, men ska ha ${memberCsvHeader.length}.`] });
      continue;
    }
    const row = Object.fromEntries(memberCsvHeader.map((name, i) => [name, record[i]]));
    const parsed = memberRowSchema.safeParse(row);
    if (!parsed.success) {
      invalid.push({ line: info.lines, errors: parsed.error.issues.map((i) => `${String(i.path[0])}: ${swedishIssueMessage(i.message)}`) });
      continue;
    }
    const { organisationsnummer, name, town, email } = parsed.data;
    const member = { organisationNumber: organisationsnummer, name, town, emails: email };
    rowsByNumber.set(organisationsnummer, [...(rowsByNumber.get(organisationsnummer) ?? []), { line: info.lines, member }]);
  }

  const valid: Member[] = [];
  const repeated: MemberImportReport['repeated'] = [];
  for (const [organisationNumber, rows] of rowsByNumber) {
    const [first, ...others] = rows as [{ line: number; member: Member }, ...{ line: number; member: Member }[]];
    const same = (a: Member, b: Member) => JSON.stringify(a) === JSON.stringify(b);
    if (others.every((row) => same(row.member, first.member))) {
      valid.push(first.member);
      repeated.push(...others.map((row) => ({ line: row.line, sameAs: first.line })));
      continue;
    }
    const lines = rows.map((row) => row.line);
    for (const row of rows) {
      const otherLines = lines.filter((line) => line !== row.line).join(', ');
      invalid.push({ line: row.line, errors: [`Organisationsnumret ${organisationNumber} står också på rad ${otherLines} med andra uppgifter. Ingen av raderna importeras förrän de stämmer överens.`] });
    }
  }
  invalid.sort((a, b) => a.line - b.line);

  await deps.members.upsertMany(valid, deps.now());
  return { imported: valid.length, invalid, repeated };
}
