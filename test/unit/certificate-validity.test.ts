import { describe, expect, it } from 'vitest';
import { stockholmDate } from '../../functions/domain/calendar-date.js';
import { certificateStatus, isValidOn, supersessions, validityFor } from '../../functions/domain/certificate.js';

describe('certificate validity on boundary dates', () => {
  it('is valid on its validUntil day and not on the next day', () => {
    // Prepare
    const certificate = { validFrom: '2026-11-25', validUntil: '2029-11-25' };

    // Act / Assess
    expect(isValidOn(certificate, '2029-11-25')).toBe(true);
    expect(isValidOn(certificate, '2029-11-26')).toBe(false);
    expect(certificateStatus(certificate, '2029-11-26')).toBe('expired');
  });

  it('is valid from its first day, not the day before', () => {
    // Prepare
    const certificate = { validFrom: '2026-11-25', validUntil: '2029-11-25' };

    // Act / Assess
    expect(isValidOn(certificate, '2026-11-25')).toBe(true);
    expect(isValidOn(certificate, '2026-11-24')).toBe(false);
    expect(certificateStatus(certificate, '2026-11-24')).toBe('not_yet_valid');
  });

  it('runs three years from a decision on 29 February to 28 February', () => {
    // Act
    const { validFrom, validUntil } = validityFor('2028-02-29');

    // Assess
    expect(validFrom).toBe('2028-02-29');
    expect(validUntil).toBe('2031-02-28');
    expect(isValidOn({ validFrom, validUntil }, '2031-02-28')).toBe(true);
    expect(isValidOn({ validFrom, validUntil }, '2031-03-01')).toBe(false);
  });

  it('counts 29 February as a day: a certificate ending 28 February is no longer valid on the leap day', () => {
    // Prepare
    const endingBefore = { validFrom: '2025-02-28', validUntil: '2028-02-28' };
    const spanning = { validFrom: '2025-03-01', validUntil: '2028-03-01' };

    // Act / Assess
    expect(isValidOn(endingBefore, '2028-02-28')).toBe(true);
    expect(isValidOn(endingBefore, '2028-02-29')).toBe(false);
    expect(isValidOn(spanning, '2028-02-29')).toBe(true);
  });

  it('renews a certificate ending 28 February in a leap year from 29 February, to 28 February three years on', () => {
    // Act
    const renewal = validityFor('2027-12-01', '2028-02-28');

    // Assess
    expect(renewal).toEqual({ validFrom: '2028-02-29', validUntil: '2031-02-28' });
  });
});

describe('renewing early loses nothing', () => {
  it('starts a revision approved before the old certificate ends on the day after it ends', () => {
    // Act
    const renewal = validityFor('2029-06-10', '2029-11-25');

    // Assess
    expect(renewal).toEqual({ validFrom: '2029-11-26', validUntil: '2032-11-26' });
  });

  it('starts the day after when approved on the old certificate’s last day: no gap, no overlap', () => {
    // Act
    const renewal = validityFor('2029-11-25', '2029-11-25');

    // Assess
    expect(renewal.validFrom).toBe('2029-11-26');
  });

  it('starts on the decision date when the old certificate had already lapsed', () => {
    // Act
    const renewal = validityFor('2030-02-01', '2029-11-25');

    // Assess
    expect(renewal).toEqual({ validFrom: '2030-02-01', validUntil: '2033-02-01' });
  });
});

describe('today in Sweden', () => {
  it('changes date at midnight in Stockholm, not in UTC (winter and summer time)', () => {
    // Act / Assess
    expect(stockholmDate(new Date('2029-11-25T22:59:59Z'))).toBe('2029-11-25');
    expect(stockholmDate(new Date('2029-11-25T23:00:00Z'))).toBe('2029-11-26');
    expect(stockholmDate(new Date('2029-06-30T21:59:59Z'))).toBe('2029-06-30');
    expect(stockholmDate(new Date('2029-06-30T22:00:00Z'))).toBe('2029-07-01');
  });
});

describe('validity never stacks', () => {
  it('a restart (full application) starts on the decision day even while a certificate runs', () => {
    // Act
    const restart = validityFor('2027-06-01', '2029-11-25', 'full');

    // Assess
    expect(restart).toEqual({ validFrom: '2027-06-01', validUntil: '2030-06-01' });
  });

  it('a restart supersedes every certificate still running on or after its first day, ending them the day before', () => {
    // Prepare
    const running = { certificateId: 'QM-2026-0001', validUntil: '2029-11-25' };
    const queuedRevision = { certificateId: 'QM-2029-0007', validUntil: '2032-11-25' };
    const lapsed = { certificateId: 'QM-2020-0003', validUntil: '2023-11-25' };
    const alreadyReplaced = { certificateId: 'QM-2025-0002', validUntil: '2027-05-31', supersededBy: 'QM-2026-0001' };

    // Act
    const cuts = supersessions({ certificateId: 'QM-2027-0010', validFrom: '2027-06-01' }, [running, queuedRevision, lapsed, alreadyReplaced]);

    // Assess
    expect(cuts).toEqual([
      { certificateId: 'QM-2026-0001', validUntil: '2027-05-31' },
      { certificateId: 'QM-2029-0007', validUntil: '2027-05-31' },
    ]);
  });

  it('a revision that starts the day after its predecessor supersedes nothing', () => {
    // Prepare
    const previous = { certificateId: 'QM-2026-0001', validUntil: '2029-11-25' };
    const renewal = validityFor('2029-09-01', previous.validUntil, 'revision');

    // Act
    const cuts = supersessions({ certificateId: 'QM-2029-0004', validFrom: renewal.validFrom }, [previous]);

    // Assess
    expect(renewal.validFrom).toBe('2029-11-26');
    expect(cuts).toEqual([]);
  });

  it('a superseded certificate reads as superseded once its shortened validity is over', () => {
    // Prepare
    const certificate = { validFrom: '2026-11-25', validUntil: '2027-05-31', supersededBy: 'QM-2027-0010' };

    // Act / Assess
    expect(certificateStatus(certificate, '2027-05-31')).toBe('valid');
    expect(certificateStatus(certificate, '2027-06-01')).toBe('superseded');
  });
});
