import { describe, expect, it } from 'vitest';
import { revisionEligibility, revisionWindowEnd } from '../../functions/domain/revision-eligibility.js';
import { uiMessages } from '../../functions/templates/messages.js';

const latest = { certificateId: 'QM-2026-0001', validUntil: '2029-11-25' };

describe('revision eligibility', () => {
  it('is open while the certificate is valid', () => {
    // Act
    const result = revisionEligibility(latest, '2029-05-29', 12, 180);

    // Assess
    expect(result).toEqual({ open: true, certificateId: 'QM-2026-0001', validUntil: '2029-11-25', standing: 'valid', windowEnd: '2030-11-25' });
  });

  it('stays open for the grace months after the certificate lapsed, through the last day', () => {
    // Act
    const dayAfter = revisionEligibility(latest, '2029-11-26', 12, 180);
    const lastDay = revisionEligibility(latest, '2030-11-25', 12, 180);

    // Assess
    expect(dayAfter).toMatchObject({ open: true, standing: 'lapsed' });
    expect(lastDay).toMatchObject({ open: true, standing: 'lapsed' });
  });

  it('refuses after the window with the dates the applicant is told; the words point to the full application', () => {
    // Act
    const result = revisionEligibility(latest, '2030-11-26', 12, 180);
    const words = !result.open ? uiMessages.sv.revisionRefusal(result) : '';

    // Assess
    expect(result).toEqual({ open: false, reason: 'window_closed', certificateId: 'QM-2026-0001', validUntil: '2029-11-25', windowEnd: '2030-11-25' });
    expect(words).toContain('25 november 2029');
    expect(words).toContain('25 november 2030');
    expect(words).toContain('fullständig QM-ansökan');
    expect(words).toContain('/apply');
  });

  it('refuses an organisation that never held a certificate', () => {
    // Act
    const result = revisionEligibility(undefined, '2029-05-29', 12, 180);

    // Assess
    expect(result).toEqual({ open: false, reason: 'no_certificate' });
    expect(!result.open && uiMessages.en.revisionRefusal(result)).toContain('/apply?lang=en');
  });

  it('opens 180 days before validUntil, and refuses earlier naming the day it opens', () => {
    // Act
    const dayBefore = revisionEligibility(latest, '2029-05-28', 12, 180);
    const firstDay = revisionEligibility(latest, '2029-05-29', 12, 180);

    // Assess
    expect(dayBefore).toMatchObject({ open: false, reason: 'too_early', opensOn: '2029-05-29' });
    expect(!dayBefore.open && uiMessages.sv.revisionRefusal(dayBefore)).toContain('från och med 29 maj 2029');
    expect(firstDay.open).toBe(true);
  });

  it('with no grace period is open only while the certificate is valid', () => {
    // Act / Assess
    expect(revisionEligibility(latest, '2029-11-25', 0, 180).open).toBe(true);
    expect(revisionEligibility(latest, '2029-11-26', 0, 180).open).toBe(false);
  });

  it('ends the window on the same date months later, clamped to the month (29 February)', () => {
    // Act / Assess
    expect(revisionWindowEnd('2029-11-25', 12)).toBe('2030-11-25');
    expect(revisionWindowEnd('2028-02-29', 12)).toBe('2029-02-28');
    expect(revisionWindowEnd('2029-08-31', 6)).toBe('2030-02-28');
  });
});
