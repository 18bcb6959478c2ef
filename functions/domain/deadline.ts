import { addDays, stockholmDate, type CalendarDate } from './calendar-date.js';

/**
 * Deadlines people are given are whole days: "senast 25 januari 2027" means until that day ends in
 * Stockholm. The workflow's timer runs a fixed number of days from the event, so the stated day is
 * the last whole day before the timer fires: the day before the one the timer fires on. That day
 * always ends before the timer (whatever the hour of the event, and across summer time), so
 * the timer never closes anything while the stated day lasts.
 */
export interface DayDeadline {
  /** The last day, as stated to people. */
  date: CalendarDate;
  /** The instant the day ends (midnight that starts the next day in Stockholm), as ISO 8601. */
  endsAt: string;
}

/** The deadline of something that must happen within `days` days of `from`. */
export function deadlineWithinDays(from: string | Date, days: number): DayDeadline {
  const timerFires = new Date(new Date(from).getTime() + days * 86_400_000);
  const date = addDays(stockholmDate(timerFires), -1);
  return { date, endsAt: endOfStockholmDay(date) };
}

/** The first instant after `date` in Stockholm (00:00 of the next day, CET or CEST). */
export function endOfStockholmDay(date: CalendarDate): string {
  const next = addDays(date, 1);
  // Midnight is +01:00 in winter and +02:00 in summer; the right one is the one that is still `next` in Stockholm.
  for (const offset of ['+01:00', '+02:00']) {
    const instant = new Date(`${next}T00:00:00${offset}`);
    if (stockholmDate(instant) === next && stockholmDate(new Date(instant.getTime() - 1)) === date) return instant.toISOString();
  }
  throw new Error(`No Stockholm midnight found after ${date}`);
}

/** The stated day of a deadline instant made by `endOfStockholmDay` (the day that ends then). */
export function deadlineDate(endsAt: string): CalendarDate {
  return stockholmDate(new Date(Date.parse(endsAt) - 1));
}
