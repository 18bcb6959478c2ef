import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberRepository } from '../../functions/adapters/member.repository.js';
import { isRegisteredAddress } from '../../functions/domain/member.js';
import { importMembers } from '../../functions/use-cases/import-members.use-case.js';
import { startTestTable, type TestTable } from '../renewals/dynalite-table.js';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table?.stop();
});

describe('the member register’s contact addresses', () => {
  it('imports several registered addresses separated by ";" and refuses a row with a bad one', async () => {
    // Prepare
    const members = new MemberRepository(table.db, table.tableName);
    const csv = [
      'organisationsnummer,name,town,email',
      '802479-4441,Norrbyns Centrumförening,Norrbyn,info@norrbyn.example; Ordforande@Norrbyn.example',
      '802479-5851,Söderåns Stadskärna,Söderå,kontakt@sodera.example;inte-en-adress',
    ].join('\n');

    // Act
    const report = await importMembers({ members, now: () => new Date() }, csv);

    // Assess
    expect(report.imported).toBe(1);
    expect(report.invalid.map((r) => r.line)).toEqual([3]);
    const norrbyn = await members.find('802479-4441');
    expect(norrbyn?.emails).toEqual(['info@norrbyn.example', 'Ordforande@Norrbyn.example']);
  });

  it('matches a registered address whatever its case, and nothing else', () => {
    // Prepare
    const member = { emails: ['info@norrbyn.example', 'Ordforande@Norrbyn.example'] };

    // Act / Assess
    expect(isRegisteredAddress(member, 'ORDFORANDE@norrbyn.example')).toBe(true);
    expect(isRegisteredAddress(member, ' info@norrbyn.example ')).toBe(true);
    expect(isRegisteredAddress(member, 'info@norrbyn.example.evil.example')).toBe(false);
    expect(isRegisteredAddress(member, 'kim@norrbyn.example')).toBe(false);
  });
});
