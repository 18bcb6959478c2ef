/**
 * What counts as one line of text people may type (names, titles, town, role, …), and the one
 * sanitiser for text that ends up in a mail header.
 *
 * Unicode control characters (category Cc: NUL, BEL, CR, LF, ESC, …), format characters (Cf:
 * bidi overrides and isolates, zero-width space, BOM, soft hyphen, …) and the line and paragraph
 * separators (Zl, Zp: line breaks by another name) are refused in single-line fields: they hide or reorder what a reviewer reads and break mail headers. Two Cf characters are
 * allowed, because languages need them: ZERO WIDTH NON-JOINER (U+200C, required in Persian and
 * several Indic scripts) and ZERO WIDTH JOINER (U+200D, Indic conjuncts and emoji sequences such as
 * family or flag emoji). Neither can reorder text or end a header line.
 */

/**
 * Matches text without Cc/Cf characters except ZWNJ/ZWJ. Used as is for validation (zod `.regex`)
 * and published as the `pattern` of the JSON Schema (whose regular expressions are ECMA-262 with
 * the `u` flag, so `\p{…}` means the same there).
 */
export const singleLinePattern = /^(?:[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\u200c|\u200d)*$/u;

/**
 * A required single-line text: as above, with at least one character that is not white space.
 * One pattern (not two), so that clients generating values from the schema meet both rules; it
 * is unambiguous (leading white space, then the first visible character), so it runs in linear time.
 */
export const requiredSingleLinePattern = /^\s*[^\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}](?:[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\u200c|\u200d)*$/u;

/**
 * Multi-line text (long answers, comments): control characters other than line breaks and tabs are
 * refused; format characters are allowed, since text pasted from word processors carries soft
 * hyphens and direction marks, and it never reaches a header.
 */
export const multiLinePattern = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

/** A required multi-line text: as above, with at least one character that is not white space. */
export const requiredMultiLinePattern = /^\s*[^\s\p{Cc}](?:[^\p{Cc}]|[\t\n\r])*$/u;

const unsafeInHeader = /(?:(?![\u200c\u200d])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}])+/gu;

/**
 * Text made safe for one mail header line: control and format characters (CR, LF, NUL, bidi
 * overrides, …) and line/paragraph separators become one space, runs of white space collapse,
 * and the result is cut to `max` characters (RFC 5322 wants header lines under 998 octets; SES
 * folds long ones). Applied where subjects are composed and again in the mailer.
 */
export function singleLineText(text: string, max = 250): string {
  const clean = text.replace(unsafeInHeader, ' ').replace(/\s+/gu, ' ').trim();
  if (clean.length <= max) return clean;
  // Do not cut a surrogate pair in half.
  return `${Array.from(clean).slice(0, max - 1).join('').trimEnd()}…`;
}
