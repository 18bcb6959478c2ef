/**
 * Numbers as people write them in Swedish forms, both ways. Its own module, so that the schema's
 * messages (application.schema.ts) and the form mapping (application-form.ts) share it without
 * importing each other.
 */

/**
 * "1 200 000", "1 200 000 kr" (also with no-break or thin spaces), "1200000", "1 200 000:-", "−5",
 * "2,5" to a number; undefined when the text is not a number (the string is then passed on so that
 * validation can say so). Amounts are in kronor, so a trailing "kr", "kronor", "SEK" or ":-" is
 * what people write, not part of the number.
 */
export function parseFormNumber(text: string): number | undefined {
  const compact = text
    .replace(/(?:\s*(?:kr\.?|kronor|sek)|:-)\s*$/iu, '')
    // \s covers no-break (U+00A0), thin (U+2009) and narrow no-break (U+202F) spaces.
    .replace(/\s/gu, '')
    .replace(/^[\u2212\u2013]/, '-')
    .replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(compact)) return undefined;
  const value = Number(compact);
  return Number.isFinite(value) ? value : undefined;
}

/** Numbers as Swedes write them in forms: digit groups separated by spaces, decimal comma. */
export function formatFormNumber(value: number): string {
  const [int = '', dec] = String(Math.abs(value)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${value < 0 ? '-' : ''}${grouped}${dec ? `,${dec}` : ''}`;
}
