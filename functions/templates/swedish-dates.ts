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
