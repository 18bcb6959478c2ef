import { describe, expect, it } from 'vitest';
import { planRenewal, renewalStages, type RenewalStageRecord } from '../../functions/domain/renewal-stages.js';

const stages = renewalStages('2029-11-25', [180, 90, 30]);
const at = '2029-05-29T05:00:00.000Z';

describe('renewalStages', () => {
  it('reminds 180, 90 and 30 days before validUntil, then sends the lapse notice the day after', () => {
    // Act / Assess
    expect(stages.map((s) => [s.id, s.dueDate])).toEqual([
      ['remind-180', '2029-05-29'],
      ['remind-90', '2029-08-27'],
      ['remind-30', '2029-10-26'],
      ['lapsed', '2029-11-26'],
    ]);
  });

  it('takes its days from configuration, in any order and without duplicates; the lapse notice stays last', () => {
    // Act
    const configured = renewalStages('2029-11-25', [14, 60, 14]);

    // Assess
    expect(configured.map((s) => s.id)).toEqual(['remind-60', 'remind-14', 'lapsed']);
  });

  it('sends the lapse notice on 29 February when validUntil is 28 February of a leap year', () => {
    // Act
    const leap = renewalStages('2028-02-28', [30]);

    // Assess
    expect(leap.map((s) => s.dueDate)).toEqual(['2028-01-29', '2028-02-29']);
  });
});

describe('planRenewal: what one sweep does with one certificate', () => {
  it('plans nothing before the first stage is due', () => {
    // Act / Assess
    expect(planRenewal(stages, {}, '2029-05-28')).toBeUndefined();
  });

  it('sends a stage from its due date on, until it is sent', () => {
    // Act
    const onTheDay = planRenewal(stages, {}, '2029-05-29');
    const aWeekLate = planRenewal(stages, {}, '2029-06-05');
    const afterSending = planRenewal(stages, { 'remind-180': { state: 'sent', at } }, '2029-06-05');

    // Assess
    expect(onTheDay?.stage.id).toBe('remind-180');
    expect(onTheDay?.skip).toEqual([]);
    expect(onTheDay?.next?.id).toBe('remind-90');
    expect(aWeekLate?.stage.id).toBe('remind-180');
    expect(afterSending).toBeUndefined();
  });

  it('after downtime sends only the latest due stage and skips the earlier ones', () => {
    // Act
    const plan = planRenewal(stages, { 'remind-180': { state: 'sent', at } }, '2029-11-01');

    // Assess
    expect(plan?.stage.id).toBe('remind-30');
    expect(plan?.skip.map((s) => s.id)).toEqual(['remind-90']);
    expect(plan?.next?.id).toBe('lapsed');
  });

  it('ends with the lapse notice, after which nothing is pending', () => {
    // Act
    const lapse = planRenewal(stages, {}, '2031-01-01');

    // Assess
    expect(lapse?.stage.id).toBe('lapsed');
    expect(lapse?.skip.map((s) => s.id)).toEqual(['remind-180', 'remind-90', 'remind-30']);
    expect(lapse?.next).toBeUndefined();
  });

  it('leaves a claimed stage alone while its claim holds, and plans it again once abandoned', () => {
    // Prepare
    const claimed: Record<string, RenewalStageRecord> = { 'remind-180': { state: 'sending', at } };

    // Act
    const held = planRenewal(stages, claimed, '2029-05-29', () => false);
    const abandoned = planRenewal(stages, claimed, '2029-05-29', (r) => r.state === 'sending');

    // Assess
    expect(held).toBeUndefined();
    expect(abandoned?.stage.id).toBe('remind-180');
  });

  it('never plans a stage that was skipped', () => {
    // Act
    const plan = planRenewal(stages, { 'remind-180': { state: 'skipped', at, reason: 'later-stage-due' } }, '2029-06-01');

    // Assess
    expect(plan).toBeUndefined();
  });
});
