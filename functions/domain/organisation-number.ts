import { z } from 'zod';

/**
 * Swedish organisation numbers (organisationsnummer): ten digits written `NNNNNN-NNNN`, the last
 * digit a Luhn (mod 10) check digit over the first nine.
 */

export const organisationNumberMessage = 'Organisationsnumret ska ha formen NNNNNN-NNNN och en giltig kontrollsiffra.';

/** The Luhn check for a string of digits (the last digit is the check digit). */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Counting from the right, every second digit (starting with the one left of the check digit) is doubled.
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The check digit that makes `nineDigits` + digit Luhn-valid. */
export function luhnCheckDigit(nineDigits: string): number {
  if (!/^\d{9}$/.test(nineDigits)) throw new Error('luhnCheckDigit expects nine digits');
  for (let digit = 0; digit <= 9; digit += 1) {
    if (luhnValid(`${nineDigits}${digit}`)) return digit;
  }
  /* c8 ignore next */
  throw new Error('unreachable: some digit always satisfies Luhn');
}

/**
 * `NNNNNN-NNNN` or `NNNNNNNNNN`, surrounding whitespace allowed, to canonical `NNNNNN-NNNN`;
 * null when the form or the check digit is wrong.
 */
export function normaliseOrganisationNumber(input: string): string | null {
  const match = /^(\d{6})-?(\d{4})$/.exec(input.trim());
  if (!match) return null;
  const [, head = '', tail = ''] = match;
  return luhnValid(head + tail) ? `${head}-${tail}` : null;
}

export function isValidOrganisationNumber(input: string): boolean {
  return normaliseOrganisationNumber(input) !== null;
}

/** Accepts a string, outputs the canonical `NNNNNN-NNNN`; one Swedish message for any failure. */
export const organisationNumberSchema = z
  .string({ error: organisationNumberMessage })
  .refine((value) => normaliseOrganisationNumber(value) !== null, { error: organisationNumberMessage })
  .transform((value) => normaliseOrganisationNumber(value) ?? value)
  .meta({
    description: 'Organisationsnummer, NNNNNN-NNNN (bindestrecket valfritt), med giltig kontrollsiffra.',
    pattern: '^\\s*\\d{6}-?\\d{4}\\s*$',
    examples: ['802999-1000'],
  });
