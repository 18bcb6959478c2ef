import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { RenewalRepository } from '../../functions/adapters/renewal.repository.js';
import { addDays, type CalendarDate } from '../../functions/domain/calendar-date.js';
import { runRenewalSweep } from '../../functions/use-cases/renewal-sweep.use-case.js';
import { batchWrite, certificateItem } from '../renewals/bulk-certificates.js';
import { certificateFixture } from '../renewals/certificate-fixtures.js';
import { RecordingMailer, startTestTable, type TestTable } from '../renewals/dynalite-table.js';
import { round } from './stats.js';

/**
 * The renewal sweep on a dynalite table of many certificates, few of them due: the scenario of
 * test/renewals/sweep-read-count.test.ts, timed. The default reminder stages (180/90/30 days);
 * most certificates have their first reminder after `today`, the due ones end in 90 days, so
 * their 180- and 90-day stages are due (90 is sent, 180 skipped).
 */
const reminderDays = [180, 90, 30];
const today: CalendarDate = '2027-06-01';

export interface SweepRunFigures {
  wallMs: number;
  examined: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Items the gsi1 query read (its ScannedCount). */
  readCount: number;
  /** Single-item reads besides the query (the organisation's latest certificate). */
  pointReads: number;
}

export interface SweepResult {
  certificates: number;
  due: number;
  seedMs: number;
  /** What a Scan would have read, for comparison. */
  itemsInTable: number;
  first: SweepRunFigures & { readsPerDueCertificate: number; allReadsPerDueCertificate: number };
  second: SweepRunFigures;
  problems: string[];
}

async function itemsInTable(table: TestTable): Promise<number> {
  let scanned = 0;
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < 10_000; page++) {
    const result = await table.db.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT', ExclusiveStartKey: startKey }));
    scanned += result.ScannedCount ?? 0;
    startKey = result.LastEvaluatedKey;
    if (!startKey) return scanned;
  }
  throw new Error('Scan did not finish within 10,000 pages');
}

export async function benchRenewalSweep({ total, due }: { total: number; due: number }): Promise<SweepResult> {
  if (due > total) throw new Error(`BENCH_DUE (${due}) exceeds the ${total} certificates`);
  const problems: string[] = [];
  const table = await startTestTable();
  try {
    const certificates = new CertificateRepository(table.db, table.tableName, reminderDays);

    // The batch seed must be the item the repository writes, or the figures would mean nothing.
    const probe = certificateFixture(total + 1, addDays(today, 400));
    await certificates.create(probe);
    const { Item } = await table.db.send(new GetCommand({ TableName: table.tableName, Key: { pk: `CERT#${probe.certificateId}`, sk: 'CERT' } }));
    if (!isDeepStrictEqual(Item, certificateItem(probe, reminderDays))) problems.push('the seeded certificate item differs from what CertificateRepository.create writes');

    const seedStart = performance.now();
    const items = Array.from({ length: total }, (_, i) => {
      const validUntil = i < due ? addDays(today, 90) : addDays(today, 181 + (i % 900));
      return certificateItem(certificateFixture(i + 1, validUntil), reminderDays);
    });
    await batchWrite(table, items);
    const seedMs = performance.now() - seedStart;

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
    const sweep = async (): Promise<SweepRunFigures> => {
      const start = performance.now();
      const report = await runRenewalSweep(deps, { today });
      return {
        wallMs: round(performance.now() - start),
        examined: report.examined,
        sent: report.sent.length,
        skipped: report.skipped.length,
        failed: report.failed.length,
        readCount: report.readCount,
        pointReads: report.pointReads,
      };
    };
    const first = await sweep();
    const second = await sweep();

    if (first.examined !== due || first.sent !== due) problems.push(`first sweep examined ${first.examined} and sent ${first.sent}, expected ${due}`);
    if (mailer.messages.length !== due) problems.push(`the mailer got ${mailer.messages.length} messages, expected ${due}`);
    if (second.sent !== 0) problems.push(`second sweep sent ${second.sent}, expected 0`);

    return {
      certificates: total,
      due,
      seedMs: round(seedMs),
      itemsInTable: await itemsInTable(table),
      first: {
        ...first,
        readsPerDueCertificate: round(first.readCount / due, 2),
        allReadsPerDueCertificate: round((first.readCount + first.pointReads) / due, 2),
      },
      second,
      problems,
    };
  } finally {
    await table.stop();
  }
}
