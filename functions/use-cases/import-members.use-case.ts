import { parse } from 'csv-parse/sync';
import * as z from '../lib/zod.js';
import type { MemberRepository } from '../adapters/member.repository.js';
import { splitRegisteredAddresses, type Member } from '../domain/member.js';
import { organisationNumberSchema } from '../domain/organisation-number.js';

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
}

export class MemberCsvHeaderError extends Error {}

/**
 * Parses a member register CSV (header organisationsnummer,name,town,email) and upserts the valid
 * rows. Invalid rows are reported with their line numbers and do not stop the others.
 */
export async function importMembers(
  deps: { members: MemberRepository; now: () => Date },
  csvText: string,
): Promise<MemberImportReport> {
  const records = parse(csvText, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];

  const [header, ...rows] = records;
  const headerNames = header?.record.map((h) => h.toLowerCase()) ?? [];
  if (headerNames.join(',') !== memberCsvHeader.join(',')) {
    throw new MemberCsvHeaderError(
      `The first line must be the header "${memberCsvHeader.join(',')}" (found "${headerNames.join(',')}").`,
    );
  }

  const valid = new Map<string, Member>();
  const invalid: MemberImportReport['invalid'] = [];
  for (const { record, info } of rows) {
    if (record.length !== memberCsvHeader.length) {
      invalid.push({ line: info.lines, errors: [`Raden har ${record.length} fält, men ska ha ${memberCsvHeader.length}.`] });
      continue;
    }
    const row = Object.fromEntries(memberCsvHeader.map((name, i) => [name, record[i]]));
    const parsed = memberRowSchema.safeParse(row);
    if (!parsed.success) {
      invalid.push({ line: info.lines, errors: parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`) });
      continue;
    }
    const { organisationsnummer, name, town, email } = parsed.data;
    valid.set(organisationsnummer, { organisationNumber: organisationsnummer, name, town, emails: email });
  }

  await deps.members.upsertMany([...valid.values()], deps.now());
  return { imported: valid.size, invalid };
}
