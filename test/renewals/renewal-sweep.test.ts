import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { RenewalRepository } from '../../functions/adapters/renewal.repository.js';
import { addDays, type CalendarDate } from '../../functions/domain/calendar-date.js';
import type { Certificate } from '../../functions/domain/certificate.js';
import { hashToken } from '../../functions/domain/secret-token.js';
import { runRenewalSweep, type RenewalSweepDeps } from '../../functions/use-cases/renewal-sweep.use-case.js';
import { certificateFixture } from './certificate-fixtures.js';
import { RecordingMailer, startTestTable, type TestTable } from './dynalite-table.js';

// The sweep against a real DynamoDB API (dynalite): conditional writes and the sparse index for real.
let table: TestTable;
let certificates: CertificateRepository;
let renewals: RenewalRepository;
let mailer: RecordingMailer;
let next = 0;

const reminderDays = [180, 90, 30];
const validUntil: CalendarDate = '2029-11-25';
const clock = { now: new Date('2026-11-25T05:00:00Z') };

function deps(overrides: Partial<RenewalSweepDeps> = {}): RenewalSweepDeps {
  return {
    renewals,
    certificates,
    mailer,
    publicBaseUrl: 'https://qm.example',
    reminderDays,
    revisionGraceMonths: 12,
    now: () => clock.now,
    ...overrides,
  };
}

/** A fresh certificate (unique id and organisation) per test: the table is shared by the file. */
async function seed(until: CalendarDate = validUntil, overrides: Partial<Certificate> = {}): Promise<Certificate> {
  const certificate = certificateFixture(++next, until, overrides);
  await certificates.create(certificate);
  return certificate;
}

const sweep = (today: CalendarDate, extra: Partial<RenewalSweepDeps> = {}) => runRenewalSweep(deps(extra), { today });
const mailsTo = (c: Certificate) => mailer.messages.filter((m) => m.to.includes(c.contact.email));
const stored = async (c: Certificate) => (await certificates.get(c.certificateId))!;
const revisionToken = (text: string) => /type=revision&token=([A-Za-z0-9_-]{43})/.exec(text)?.[1];

beforeAll(async () => {
  table = await startTestTable();
  certificates = new CertificateRepository(table.db, table.tableName, reminderDays);
  renewals = new RenewalRepository(table.db, table.tableName);
});

afterAll(async () => {
  await table.stop();
});

beforeEach(async () => {
  mailer = new RecordingMailer();
  clock.now = new Date('2026-11-25T05:00:00Z');
  // Each test starts with nothing due: sweep everything earlier out of the way, far in the future.
  await sweep('2100-01-01', { mailer: new RecordingMailer() });
});

describe('renewal sweep', () => {
  it('sends nothing before the first stage is due, then the 180-day reminder on its day', async () => {
    // Prepare
    const certificate = await seed();
    const firstDue = addDays(validUntil, -180);

    // Act
    const before = await sweep(addDays(firstDue, -1));
    const onTheDay = await sweep(firstDue);

    // Assess
    expect(before.sent).toEqual([]);
    expect(onTheDay.sent).toEqual([{ certificateId: certificate.certificateId, organisationName: certificate.organisationName, stage: 'remind-180' }]);
    const [mail] = mailsTo(certificate);
    expect(mailsTo(certificate)).toHaveLength(1);
    expect(mail!.subject).toContain('Påminnelse om revidering');
    expect(mail!.text).toContain('är giltigt till och med 25 november 2029');
    expect(mail!.text).toContain('Hej Kim Exempelsson');
    expect((await stored(certificate)).renewal['remind-180']?.state).toBe('sent');
  });

  it('does nothing the second time it runs on the same day', async () => {
    // Prepare
    const certificate = await seed();
    const day = addDays(validUntil, -90);
    const first = await sweep(day);

    // Act
    const second = await sweep(day);

    // Assess
    expect(first.sent.map((s) => s.stage)).toEqual(['remind-90']);
    expect(second).toMatchObject({ examined: 0, sent: [], skipped: [], expired: [], readCount: 0 });
    expect(mailsTo(certificate)).toHaveLength(1);
  });

  it('sends one reminder when two sweeps run at once', async () => {
    // Prepare
    const certificate = await seed();
    const day = addDays(validUntil, -30);

    // Act
    const reports = await Promise.all([sweep(day), sweep(day), sweep(day)]);

    // Assess
    expect(reports.flatMap((r) => r.sent)).toHaveLength(1);
    expect(mailsTo(certificate)).toHaveLength(1);
    expect(mailsTo(certificate)[0]!.subject).toContain('Påminnelse om revidering');
  });

  it('after downtime sends only the latest due stage and records the earlier ones as skipped', async () => {
    // Prepare: nothing ran from before the 180-day stage until after the 30-day stage.
    const certificate = await seed();
    const day = addDays(validUntil, -20);

    // Act
    const report = await sweep(day);

    // Assess
    expect(report.sent.map((s) => s.stage)).toEqual(['remind-30']);
    expect(report.skipped.map((s) => [s.stage, s.reason])).toEqual([
      ['remind-180', 'later-stage-due'],
      ['remind-90', 'later-stage-due'],
    ]);
    expect(mailsTo(certificate)).toHaveLength(1);
    expect(mailsTo(certificate)[0]!.text).toContain('Det är 20 dagar kvar.');
    const renewal = (await stored(certificate)).renewal;
    expect(Object.fromEntries(Object.entries(renewal).map(([k, v]) => [k, v.state]))).toEqual({
      'remind-180': 'skipped',
      'remind-90': 'skipped',
      'remind-30': 'sent',
    });
    // The index now points at the lapse stage: a sweep before it finds nothing.
    expect((await sweep(validUntil)).examined).toBe(0);
  });

  it('sends the lapse notice the day after validUntil, marks the certificate expired and drops it from the register', async () => {
    // Prepare
    const certificate = await seed();
    for (const days of [180, 90, 30]) await sweep(addDays(validUntil, -days));
    const dayAfter = addDays(validUntil, 1);

    // Act
    const onLastDay = await sweep(validUntil);
    const lapse = await sweep(dayAfter);

    // Assess
    expect(onLastDay.sent).toEqual([]);
    expect(lapse.sent.map((s) => s.stage)).toEqual(['lapsed']);
    expect(lapse.expired).toEqual([certificate.certificateId]);
    const notice = mailsTo(certificate).at(-1)!;
    expect(mailsTo(certificate)).toHaveLength(4);
    expect(notice.subject).toContain('Er kvalitetsmärkning har gått ut');
    expect(notice.text).toContain('/apply?type=revision&token=');
    expect(notice.text).toContain('https://qm.example/apply');
    const after = await stored(certificate);
    expect(after.expired).toBe(true);
    // Off the renewal index: later sweeps never read it again.
    const item = await table.db.send(new GetCommand({ TableName: table.tableName, Key: { pk: `CERT#${certificate.certificateId}`, sk: 'CERT' } }));
    expect(item.Item?.gsi1pk).toBeUndefined();
    expect((await sweep(addDays(validUntil, 400))).examined).toBe(0);
    // Valid on its last day, gone the day after.
    expect((await certificates.validOn(validUntil)).map((c) => c.certificateId)).toContain(certificate.certificateId);
    expect((await certificates.validOn(dayAfter)).map((c) => c.certificateId)).not.toContain(certificate.certificateId);
  });

  it('stores only the hash of the revision link, which expires when the revision window closes', async () => {
    // Prepare
    const certificate = await seed();

    // Act
    await sweep(addDays(validUntil, -30));

    // Assess
    const token = revisionToken(mailsTo(certificate)[0]!.text);
    expect(token).toBeDefined();
    const link = await renewals.findRevisionLink(hashToken(token!));
    expect(link).toMatchObject({
      organisationNumber: certificate.organisationNumber,
      certificateId: certificate.certificateId,
      applicationId: certificate.applicationId,
      expiresOn: '2030-11-25',
    });
    expect(await renewals.findRevisionLink(token!)).toBeUndefined();
  });

  it('gives the claim back when sending fails, so the next sweep sends the stage', async () => {
    // Prepare
    const certificate = await seed();
    const day = addDays(validUntil, -90);
    mailer.failNext = 1;

    // Act
    const failed = await sweep(day);
    const retried = await sweep(addDays(day, 1));

    // Assess
    expect(failed.sent).toEqual([]);
    expect(failed.failed.map((f) => f.stage)).toEqual(['remind-90']);
    expect(retried.sent.map((s) => s.stage)).toEqual(['remind-90']);
    expect(mailsTo(certificate)).toHaveLength(1);
  });

  it('takes over a claim abandoned by a crashed sweep once its lease has run out, not before', async () => {
    // Prepare: a sweep claimed the stage and died before sending.
    const certificate = await seed();
    const day = addDays(validUntil, -180);
    const claimedAt = await renewals.settle({
      certificateId: certificate.certificateId,
      stage: 'remind-180',
      as: 'sending',
      skip: [],
      markExpired: false,
      now: clock.now,
      leaseMs: 60_000,
    });
    expect(claimedAt).toBeDefined();

    // Act
    const during = await sweep(day, { leaseMs: 60_000 });
    clock.now = new Date(clock.now.getTime() + 61_000);
    const after = await sweep(day, { leaseMs: 60_000 });

    // Assess
    expect(during.sent).toEqual([]);
    expect(during.busy).toEqual([certificate.certificateId]);
    expect(after.sent.map((s) => s.stage)).toEqual(['remind-180']);
    expect(mailsTo(certificate)).toHaveLength(1);
  });

  it('sends no reminders for a certificate the organisation has already renewed, and still marks it expired', async () => {
    // Prepare: an early revision was approved; the new certificate starts the day after the old one ends.
    const old = await seed();
    const renewed = certificateFixture(9000 + next, addDays(validUntil, 3 * 365 + 1), {
      organisationNumber: old.organisationNumber,
      organisationName: old.organisationName,
      validFrom: addDays(validUntil, 1),
      renews: old.certificateId,
    });
    await certificates.create(renewed);

    // Act
    const reminder = await sweep(addDays(validUntil, -30));
    const lapse = await sweep(addDays(validUntil, 1));

    // Assess
    expect(mailsTo(old)).toEqual([]);
    expect(reminder.skipped.filter((s) => s.certificateId === old.certificateId).map((s) => [s.stage, s.reason])).toEqual([
      ['remind-180', 'later-stage-due'],
      ['remind-90', 'later-stage-due'],
      ['remind-30', 'renewed'],
    ]);
    expect(lapse.expired).toEqual([old.certificateId]);
    expect((await stored(old)).expired).toBe(true);
    expect((await certificates.validOn(addDays(validUntil, 1))).map((c) => c.certificateId)).toEqual([renewed.certificateId]);
  });

  it('follows a change of the configured stages: an indexed stage no longer configured moves the index on', async () => {
    // Prepare: created under 180/90/30, the days are now 60 only.
    const certificate = await seed();
    const changed = { reminderDays: [60] };

    // Act
    const atOldStage = await sweep(addDays(validUntil, -180), changed);
    const again = await sweep(addDays(validUntil, -180), changed);
    const atNewStage = await sweep(addDays(validUntil, -60), changed);

    // Assess
    expect(atOldStage.sent).toEqual([]);
    expect(atOldStage.reindexed).toEqual([certificate.certificateId]);
    expect(again.examined).toBe(0);
    expect(atNewStage.sent.map((s) => s.stage)).toEqual(['remind-60']);
    expect(mailsTo(certificate)).toHaveLength(1);
  });

  it('only sends the lapse notice without a revision link when there is no grace period', async () => {
    // Prepare
    const certificate = await seed();

    // Act
    await sweep(addDays(validUntil, 1), { revisionGraceMonths: 0 });

    // Assess
    const [notice] = mailsTo(certificate);
    expect(notice!.subject).toContain('Er kvalitetsmärkning har gått ut');
    expect(notice!.text).not.toContain('type=revision');
    expect(notice!.text).toContain('Gör en fullständig QM-ansökan: https://qm.example/apply');
  });

  it('writes to the contact in English when the approved application was made in English, with links to the English forms', async () => {
    // Prepare
    const certificate = await seed(validUntil, { locale: 'en' });

    // Act
    await sweep(addDays(validUntil, -90));
    await sweep(addDays(validUntil, 1), { revisionGraceMonths: 0 });

    // Assess
    const [reminder, notice] = mailsTo(certificate);
    expect(reminder!.subject).toBe(`Reminder to revise: ${certificate.organisationName}'s Quality Mark is valid up to and including 25 November 2029`);
    expect(reminder!.html).toContain('<html lang="en">');
    expect(reminder!.text).toMatch(/Revise the Quality Mark: https:\/\/qm\.example\/apply\?type=revision&token=[A-Za-z0-9_-]{43}&lang=en\n/);
    expect(notice!.subject).toBe(`Your Quality Mark has expired – ${certificate.organisationName} (${certificate.certificateId})`);
    expect(notice!.text).toContain('Make a full QM application: https://qm.example/apply?lang=en');
  });
});
