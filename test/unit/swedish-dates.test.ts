import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatSwedishDate, formatSwedishDateTime } from '../../functions/templates/swedish-dates.js';

describe('Swedish dates', () => {
  it('writes dates and times in Swedish time, with "kl." once', () => {
    // 23:30 UTC on 25 November is already 26 November in Stockholm (CET, UTC+1).
    expect(formatSwedishDate('2026-11-25T23:30:00Z')).toBe('26 november 2026');
    expect(formatSwedishDateTime('2026-11-25T23:30:00Z')).toBe('26 november 2026 kl. 00:30');
    expect(formatCalendarDate('2029-11-25')).toBe('25 november 2029');
  });
});
