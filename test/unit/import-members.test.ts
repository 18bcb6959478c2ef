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

  it('reads a ";"-separated file from Swedish Excel, with a byte-order mark and several addresses quoted', async () => {
    // Prepare
    const members = new MemberRepository(table.db, table.tableName);
    const csv = '\uFEFF' + [
      'organisationsnummer;name;town;email',
      '802479-6354;Västerby Centrum, ek. för.;Västerby;"kansli@vasterby.example;ordf@vasterby.example"',
      '802479-7659;Österby City;Österby;info@osterby.example',
    ].join('\r\n');

    // Act
    const report = await importMembers({ members, now: () => new Date() }, csv);

    // Assess: the comma in the name is part of the name, not a separator
    expect(report).toMatchObject({ imported: 2, invalid: [] });
    expect(await members.find('802479-6354')).toEqual({
      organisationNumber: '802479-6354',
      name: 'Västerby Centrum, ek. för.',
      town: 'Västerby',
      emails: ['kansli@vasterby.example', 'ordf@vasterby.example'],
    });
  });

  it('refuses every row of an organisation number that the file gives different details, by line number; an exact repeat is imported once', async () => {
    // Prepare
    const members = new MemberRepository(table.db, table.tableName);
    const csv = [
      'organisationsnummer,name,town,email',
      '802480-0305,Första Namnet,Dubbelby,info@dubbelby.example',
      '802480-1717,Enkelby City,Enkelby,info@enkelby.example',
      '8024800305,Andra Namnet,Dubbelby,info@dubbelby.example',
      '802480-1717,Enkelby City,Enkelby,info@enkelby.example',
    ].join('\n');

    // Act
    const report = await importMembers({ members, now: () => new Date() }, csv);

    // Assess
    expect(report.imported).toBe(1);
    expect(report.invalid.map((r) => r.line)).toEqual([2, 4]);
    expect(report.invalid[0]!.errors[0]).toContain('står också på rad 4');
    expect(report.repeated).toEqual([{ line: 5, sameAs: 3 }]);
    expect(await members.find('802480-0305')).toBeUndefined();
    expect((await members.find('802480-1717'))?.name).toBe('Enkelby City');
  });

  it('lists the register', async () => {
    // Prepare
    const members = new MemberRepository(table.db, table.tableName);
    await members.upsertMany([{ organisationNumber: '802480-2608', name: 'Listby City', town: 'Listby', emails: ['info@listby.example'] }], new Date());

    // Act
    const all = await members.list();

    // Assess
    expect(all.map((m) => m.organisationNumber)).toContain('802480-2608');
    expect(all.map((m) => m.organisationNumber)).toEqual([...all.map((m) => m.organisationNumber)].sort());
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
