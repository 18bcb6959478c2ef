// npm run members -- import <file.csv>
// npm run members -- list
import { readFile } from 'node:fs/promises';
import type { Member } from '../domain/member.js';
import { processIo, runWhenStarted, useCliEnvironment, type CliIo } from './cli-environment.js';

const usage = [
  'Usage: npm run members -- import <file.csv>   (header: organisationsnummer,name,town,email; "," or ";" separated)',
  '       npm run members -- list                (prints the member register)',
].join('\n');

/** The register as aligned columns, one member a line, in organisation number order. */
export function formatMemberList(members: readonly Member[]): string {
  const rows = [['organisationsnummer', 'name', 'town', 'email'], ...members.map((m) => [m.organisationNumber, m.name, m.town, m.emails.join('; ')])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd());
  return [...lines, `${members.length} member(s).`].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, file] = argv;
  if (!((command === 'import' && file) || (command === 'list' && !file))) {
    io.err(usage);
    return 2;
  }
  const target = useCliEnvironment(io.env);
  const where = target === 'local' ? 'the local system' : io.env.TABLE_NAME;
  // Imported after the environment is set: the adapters read it when first used.
  const { getDocumentClient } = await import('../adapters/aws-clients.js');
  const { MemberRepository } = await import('../adapters/member.repository.js');
  const members = new MemberRepository(getDocumentClient(), io.env.TABLE_NAME ?? '');

  if (command === 'list') {
    io.out(formatMemberList(await members.list()));
    return 0;
  }

  const { importMembers, MemberCsvHeaderError } = await import('../use-cases/import-members.use-case.js');
  const csvText = await readFile(file!, 'utf8');
  try {
    const report = await importMembers({ members, now: () => new Date() }, csvText);
    io.out(`Imported ${report.imported} member(s) into ${where}.`);
    for (const row of report.repeated) io.out(`Line ${row.line}: the same as line ${row.sameAs}; imported once.`);
    for (const row of report.invalid) io.err(`Line ${row.line}: ${row.errors.join('; ')}`);
    if (report.invalid.length > 0) io.err(`${report.invalid.length} row(s) were not imported.`);
    return report.invalid.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof MemberCsvHeaderError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

runWhenStarted(import.meta.url, main);
