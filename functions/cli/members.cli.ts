// npm run members -- import <file.csv>
import { readFile } from 'node:fs/promises';
import { useCliEnvironment } from './cli-environment.js';

const usage = 'Usage: npm run members -- import <file.csv>   (header: organisationsnummer,name,town,email)';

async function main(argv: string[]): Promise<number> {
  const [command, file] = argv;
  if (command !== 'import' || !file) {
    console.error(usage);
    return 2;
  }
  const target = useCliEnvironment();
  // Imported after the environment is set: the adapters read it when first used.
  const { getDocumentClient } = await import('../adapters/aws-clients.js');
  const { MemberRepository } = await import('../adapters/member.repository.js');
  const { importMembers, MemberCsvHeaderError } = await import('../use-cases/import-members.use-case.js');
  const csvText = await readFile(file, 'utf8');
  try {
    const members = new MemberRepository(getDocumentClient(), process.env.TABLE_NAME ?? '');
    const report = await importMembers({ members, now: () => new Date() }, csvText);
    console.log(`Imported ${report.imported} member(s) into ${target === 'local' ? 'the local system' : process.env.TABLE_NAME}.`);
    for (const row of report.invalid) console.error(`Line ${row.line}: ${row.errors.join('; ')}`);
    if (report.invalid.length > 0) console.error(`${report.invalid.length} invalid row(s) were skipped.`);
    return report.invalid.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof MemberCsvHeaderError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
