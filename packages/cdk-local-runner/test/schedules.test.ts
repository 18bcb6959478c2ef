import { describe, expect, it } from 'vitest';
import type { LocalSchedule } from '../src/cloud-assembly.js';
import { constructName, findSchedule, parseNow, scheduledEvent, UnknownScheduleError } from '../src/schedules.js';

const nightly: LocalSchedule = {
  logicalId: 'NightlySchedule1A2B3C4D',
  name: 'NightlySchedule',
  scheduleExpression: 'cron(0 3 * * ? *)',
  functionLogicalId: 'CleanUp9F8E7D6C',
  enabled: true,
};
const hourly: LocalSchedule = { ...nightly, logicalId: 'HourlyRuleAABBCCDD', name: 'HourlyRule', functionLogicalId: 'Report01234567', input: { kind: 'hourly' } };

describe('schedules by name', () => {
  it("strips CDK's hash from a logical id, and leaves other ids alone", () => {
    expect([constructName('RenewalSweepSchedule29E4BB8D'), constructName('Plain'), constructName('ABCDEF12')]).toEqual(['RenewalSweepSchedule', 'Plain', 'ABCDEF12']);
  });

  it('finds a schedule by its construct id, its logical id or its target function', () => {
    // Act
    const found = ['NightlySchedule', 'NightlySchedule1A2B3C4D', 'CleanUp'].map((name) => findSchedule([nightly, hourly], name));
    // Assess
    expect(found).toEqual([nightly, nightly, nightly]);
  });

  it('refuses an unknown name, listing the known ones', () => {
    // Act
    const attempt = () => findSchedule([nightly, hourly], 'Nope');
    // Assess
    expect(attempt).toThrow(UnknownScheduleError);
    expect(attempt).toThrow("No schedule named 'Nope'. Known: NightlySchedule, HourlyRule");
  });

  it('delivers a Scheduled Event carrying the time, or the rule\'s constant input', () => {
    // Prepare
    const time = new Date('2029-06-01T12:00:00.000Z');
    // Act
    const event = scheduledEvent(nightly, time);
    // Assess
    expect(event).toMatchObject({ 'detail-type': 'Scheduled Event', source: 'aws.events', time: '2029-06-01T12:00:00Z', resources: [expect.stringContaining(':rule/NightlySchedule1A2B3C4D')] });
    expect(scheduledEvent(hourly, time)).toEqual({ kind: 'hourly' });
  });

  it('reads --now as a date (at midday UTC) or a timestamp, and nothing else', () => {
    expect(parseNow('2029-06-01')?.toISOString()).toBe('2029-06-01T12:00:00.000Z');
    expect(parseNow('2029-06-01T05:30:00Z')?.toISOString()).toBe('2029-06-01T05:30:00.000Z');
    expect([parseNow('2029-02-30'), parseNow('tomorrow'), parseNow('2029-13-01')]).toEqual([undefined, undefined, undefined]);
  });
});
