import { describe, expect, it } from 'vitest';
import { formatNextStage, formatSweepReport, parseRenewalsArgs } from '../../functions/cli/renewals.cli.js';

describe('npm run renewals', () => {
  it('reads --now in both spellings, and defaults to today', () => {
    // Act / Assess
    expect(parseRenewalsArgs(['--now', '2029-05-29'])).toEqual({ today: '2029-05-29' });
    expect(parseRenewalsArgs(['--now=2029-05-29'])).toEqual({ today: '2029-05-29' });
    expect(parseRenewalsArgs([])).toEqual({});
  });

  it('refuses dates that do not exist and unknown arguments, with the usage', () => {
    // Act / Assess
    expect(parseRenewalsArgs(['--now', '2029-02-29'])).toMatchObject({ error: expect.stringContaining('YYYY-MM-DD') });
    expect(parseRenewalsArgs(['--now'])).toMatchObject({ error: expect.stringContaining('Usage') });
    expect(parseRenewalsArgs(['--dry-run'])).toMatchObject({ error: expect.stringContaining('Unknown argument') });
  });

  it('prints what was sent, skipped and expired', () => {
    // Prepare
    const report = {
      today: '2029-11-26',
      examined: 2,
      sent: [{ certificateId: 'QM-2026-0001', organisationName: 'Exempelstad City', stage: 'lapsed' }],
      skipped: [{ certificateId: 'QM-2026-0002', organisationName: 'Provby', stage: 'remind-30', reason: 'renewed' as const }],
      expired: ['QM-2026-0001', 'QM-2026-0002'],
      failed: [],
      busy: [],
      reindexed: [],
      readCount: 2,
      pointReads: 2,
    };

    // Act
    const text = formatSweepReport(report, 'the local system');

    // Assess
    expect(text).toContain('Renewal sweep as of 2029-11-26 against the local system');
    expect(text).toMatch(/Sent:\n {2}lapsed +QM-2026-0001 {2}Exempelstad City/);
    expect(text).toContain('QM-2026-0002  Provby  (already renewed)');
    expect(text).toMatch(/Expired:\n {2}QM-2026-0001\n {2}QM-2026-0002/);
  });

  it('ends by naming the next stage and its date, or that nothing is scheduled', () => {
    // Act / Assess
    expect(formatNextStage({ certificateId: 'QM-2026-0001', stage: 'remind-180', dueDate: '2029-06-04' })).toBe('next: remind-180 QM-2026-0001 on 2029-06-04');
    expect(formatNextStage(undefined)).toMatch(/^next: nothing scheduled/);
  });
});
