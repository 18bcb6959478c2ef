import type { Locale } from '../domain/locale.js';

const stockholmDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const stockholmDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "25 november 2026" for an instant, in Swedish time. */
export function formatSwedishDate(iso: string): string {
  return stockholmDate.format(new Date(iso));
}

/** "25 november 2026 kl. 14:05" (the sv-SE format writes the "kl." itself). */
export function formatSwedishDateTime(iso: string): string {
  return stockholmDateTime.format(new Date(iso));
}

/** "25 november 2029" for a calendar date (YYYY-MM-DD), without time-zone shifts. */
export function formatCalendarDate(date: string): string {
  return stockholmDate.format(new Date(`${date}T12:00:00Z`));
}

// --- English equivalents (still Swedish time), for mails and pages in English -----------------------

const englishDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const englishTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "26 November 2026" for an instant, in Swedish time. */
export function formatEnglishDate(iso: string): string {
  return englishDate.format(new Date(iso));
}

/** "26 November 2026 at 00:30", in Swedish time (composed, so it does not depend on the ICU version). */
export function formatEnglishDateTime(iso: string): string {
  const instant = new Date(iso);
  return `${englishDate.format(instant)} at ${englishTime.format(instant)}`;
}

/** "25 November 2029" for a calendar date (YYYY-MM-DD), without time-zone shifts. */
export function formatEnglishCalendarDate(date: string): string {
  return englishDate.format(new Date(`${date}T12:00:00Z`));
}

export interface DateFormats {
  /** An instant's date. */
  date: (iso: string) => string;
  /** An instant's date and time. */
  dateTime: (iso: string) => string;
  /** A calendar date (YYYY-MM-DD). */
  calendarDate: (date: string) => string;
}

export const dateFormats: Record<Locale, DateFormats> = {
  sv: { date: formatSwedishDate, dateTime: formatSwedishDateTime, calendarDate: formatCalendarDate },
  en: { date: formatEnglishDate, dateTime: formatEnglishDateTime, calendarDate: formatEnglishCalendarDate },
};

/** The date formatting of a locale: Swedish unless 'en'. */
export function datesFor(locale: Locale): DateFormats {
  return dateFormats[locale];
}
