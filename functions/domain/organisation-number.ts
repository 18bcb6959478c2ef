import * as z from '../lib/zod.js';
import type { ValidationCode } from './validation-error.js';

/**
 * Swedish organisation numbers (organisationsnummer): ten digits written `NNNNNN-NNNN`, the last
 * digit a Luhn (mod 10) check digit over the first nine.
 *
 * People type them in many ways: with or without the dash, with an en or em dash (word processors
 * turn "-" into "–"), with spaces between digit groups, or in the 12-digit form with a century
 * prefix (16 for legal entities; 19/20 when a sole trader uses a personal identity number). All of
 * them are accepted and stored as `NNNNNN-NNNN`.
 */

/** The codes the schema reports (issue messages; templates/validation-messages.ts has the words). */
const invalid: ValidationCode = 'organisation_number_invalid';
const missing: ValidationCode = 'organisation_number_required';

/** The longest input worth looking at (12 digits, separators and spaces); bounds the regex work. */
export const organisationNumberMaxLength = 30;

/**
 * Every accepted way of writing the number: optional century prefix, six digits, an optional
 * dash (hyphen, non-breaking hyphen, figure dash, en dash, em dash or minus sign), four digits;
 * white space between any of them. Validation uses it, and the JSON Schema publishes it.
 */
export const organisationNumberPattern =
  /^\s*(?:(?:16|19|20)\s*)?(?:\d\s*){6}(?:[-\u2010\u2011\u2012\u2013\u2014\u2212]\s*)?(?:\d\s*){3}\d\s*$/;

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

/** The ten digits of a number written in any accepted way, or null when the form is wrong. */
function tenDigits(input: string): string | null {
  if (input.length > organisationNumberMaxLength || !organisationNumberPattern.test(input)) return null;
  const digits = input.replace(/\D/g, '');
  // The pattern allows twelve digits only with a 16/19/20 prefix: drop it.
  return digits.length === 12 ? digits.slice(2) : digits;
}

/** Any accepted form to canonical `NNNNNN-NNNN`; null when the form or the check digit is wrong. */
export function normaliseOrganisationNumber(input: string): string | null {
  const digits = tenDigits(input);
  if (digits === null || !luhnValid(digits)) return null;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

export function isValidOrganisationNumber(input: string): boolean {
  return normaliseOrganisationNumber(input) !== null;
}

/**
 * Accepts a string in any accepted form, outputs the canonical `NNNNNN-NNNN`. Missing or empty:
 * `organisation_number_required`; anything else wrong: the one `organisation_number_invalid`.
 */
export const organisationNumberSchema = z
  .string({ error: (issue) => (issue.input === undefined ? missing : invalid) })
  .refine((value) => value.trim() !== '', { error: missing, abort: true })
  .max(organisationNumberMaxLength, { error: invalid, abort: true })
  .regex(organisationNumberPattern, { error: invalid, abort: true })
  .refine((value) => normaliseOrganisationNumber(value) !== null, { error: invalid })
  .transform((value) => normaliseOrganisationNumber(value) ?? value)
  .meta({
    description:
      'Organisationsnummer, normalt NNNNNN-NNNN. Bindestreck (även – och —), mellanslag och sekelsiffror (16, 19, 20) ' +
      'godtas och sparas som NNNNNN-NNNN. Regler som schemat inte kan uttrycka: sista siffran är en kontrollsiffra ' +
      '(Luhn), annars felkoden organisation_number_invalid. Organisationen måste vara medlem i Svenska Stadskärnor (annars 403).',
    examples: ['802999-1000'],
  });
