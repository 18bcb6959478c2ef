import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as membersCli } from '../../functions/cli/members.cli.js';
import { runCli } from '../helpers/cli.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { paths } from '../../functions/http/paths.js';

// `npm run members -- import <file.csv>` against the running local system, as an operator runs it
// (in this process: the CLI joins the system through the file it wrote, as from a terminal).
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

const members = (...args: string[]) => runCli(membersCli, args, system.dataDir);

const memberItem = (orgnr: string) => system.documentClient.send(new GetCommand({ TableName: system.tableName, Key: { pk: 'MEMBER', sk: orgnr } }));

describe('member register import', () => {
  it('imports the valid rows and reports the invalid ones by line number', async () => {
    // Prepare: line 3 has a bad check digit, line 5 a bad email; the rest are fine
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qm-members-'));
    const file = path.join(dir, 'members.csv');
    writeFileSync(
      file,
      [
        'organisationsnummer,name,town,email',
        '802479-4441,Norrbyns Centrumförening,Norrbyn,info@norrbyn.example',
        '802479-4442,Fel Kontrollsiffra,Felby,info@felby.example',
        '8024795851,Söderåns Stadskärna,Söderå,kontakt@sodera.example',
        '802479-6354,Utan Epost,Ingenstans,inte-en-adress',
      ].join('\n'),
    );
    // Act
    const result = await members('import', file);
    // Assess
    expect(result, JSON.stringify(result)).toMatchObject({ code: 1 });
    expect(result.stdout, result.stderr).toMatch(/Imported 2 member/);
    expect(result.stderr).toMatch(/Line 3: .*kontrollsiffra/);
    expect(result.stderr).toMatch(/Line 5: .*e-postadress/);
    expect((await memberItem('802479-4441')).Item?.name).toBe('Norrbyns Centrumförening');
    expect((await memberItem('802479-5851')).Item?.town).toBe('Söderå');
    expect((await memberItem('802479-4442')).Item).toBeUndefined();
    // and the new member may apply
    const body = JSON.parse((await import('node:fs')).readFileSync('examples/application-full.json', 'utf8'));
    const response = await system.fetchApp(paths.applications, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...body,
        organisation: { ...body.organisation, organisationNumber: '802479-4441', name: 'Norrbyns Centrumförening' },
        contact: { ...body.contact, email: 'info@norrbyn.example' },
      }),
    });
    expect(response.status).toBe(201);
  });

  it('lists the register: the demo members and what was imported', async () => {
    // Act
    const result = await members('list');
    // Assess
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^organisationsnummer +name +town +email$/m);
    expect(result.stdout).toMatch(/^802999-1000 +Exempelstad City +Exempelstad +info@exempelstad\.example; kim\.exempelsson@exempelstad\.example$/m);
    expect(result.stdout).toMatch(/\d+ member\(s\)\.\n$/);
  });

  it('refuses a file without the expected header, and explains usage', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qm-members-'));
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, 'orgnr;namn\n802479-4441;X\n');
    const bad = await members('import', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/organisationsnummer,name,town,email/);
    const usage = await members();
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run members -- import/);
    expect(usage.stderr).toMatch(/npm run members -- list/);
  });
});
