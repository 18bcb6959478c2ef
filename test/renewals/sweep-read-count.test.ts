import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { RenewalRepository } from '../../functions/adapters/renewal.repository.js';
import { addDays, type CalendarDate } from '../../functions/domain/calendar-date.js';
import { runRenewalSweep } from '../../functions/use-cases/renewal-sweep.use-case.js';
import { batchWrite, certificateItem } from './bulk-certificates.js';
import { certificateFixture } from './certificate-fixtures.js';
import { RecordingMailer, startTestTable, type TestTable } from './dynalite-table.js';

// A measurement, not a timing: what the sweep reads must follow what is due, not the table's size.
const reminderDays = [180, 90, 30];
const today: CalendarDate = '2027-06-01';
const total = 10_000;
const dueCount = 7;

let table: TestTable;
let certificates: CertificateRepository;

/** What a Scan-based sweep would read: every item. */
async function scannedByFullScan(): Promise<number> {
  let scanned = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT', ExclusiveStartKey: startKey }));
    scanned += page.ScannedCount ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return scanned;
}

beforeAll(async () => {
  table = await startTestTable();
  certificates = new CertificateRepository(table.db, table.tableName, reminderDays);
  // Most certificates have years left: their first reminder (180 days before) is after today.
  // A handful end in 90 days: their 180- and 90-day stages are due today.
  const items = Array.from({ length: total }, (_, i) => {
    const validUntil = i < dueCount ? addDays(today, 90) : addDays(today, 181 + (i % 900));
    return certificateItem(certificateFixture(i + 1, validUntil), reminderDays);
  });
  await batchWrite(table, items);
}, 120_000);

afterAll(async () => {
  await table.stop();
});

describe('renewal sweep on a table of 10,000 certificates', () => {
  it('writes the same certificate item as CertificateRepository.create (the batch seed is faithful)', async () => {
    // Prepare
    const certificate = certificateFixture(total + 1, addDays(today, 400));
    const key = { pk: `CERT#${certificate.certificateId}`, sk: 'CERT' };

    // Act
    await certificates.create(certificate);
    const { Item } = await table.db.send(new GetCommand({ TableName: table.tableName, Key: key }));

    // Assess
    expect(Item).toEqual(certificateItem(certificate, reminderDays));
  });

  it('reads a number of items proportional to the due certificates, not to the table', async () => {
    // Prepare
    const mailer = new RecordingMailer();
    const deps = {
      renewals: new RenewalRepository(table.db, table.tableName),
      certificates,
      mailer,
      publicBaseUrl: 'https://qm.example',
      reminderDays,
      revisionGraceMonths: 12,
      now: () => new Date(`${today}T05:00:00Z`),
    };

    // Act
    const first = await runRenewalSweep(deps, { today });
    const second = await runRenewalSweep(deps, { today });

    // Assess
    const scanned = await scannedByFullScan();
    console.info(
      `[measurement] ${scanned} items in the table, ${dueCount} certificates due: first sweep readCount=${first.readCount} ` +
        `pointReads=${first.pointReads} sent=${first.sent.length}; second sweep readCount=${second.readCount}`,
    );
    expect(scanned).toBeGreaterThan(total);
    expect(first.examined).toBe(dueCount);
    expect(first.sent).toHaveLength(dueCount);
    expect(first.sent.every((s) => s.stage === 'remind-90')).toBe(true);
    expect(first.skipped).toHaveLength(dueCount);
    expect(mailer.messages).toHaveLength(dueCount);
    expect(first.readCount).toBeLessThanOrEqual(2 * dueCount + 2);
    expect(first.pointReads).toBe(dueCount);
    expect(second.readCount).toBe(0);
  });
});
