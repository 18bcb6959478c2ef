import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isValidOrganisationNumber,
  luhnCheckDigit,
  luhnValid,
  normaliseOrganisationNumber,
  organisationNumberPattern,
  organisationNumberSchema,
} from '../../functions/domain/organisation-number.js';
import { swedishIssueMessage } from '../../functions/templates/validation-messages.js';

describe('luhnValid', () => {
  it('accepts the classic Luhn test vector and rejects a changed check digit', () => {
    // Prepare
    const valid = '79927398713';
    const invalid = '79927398710';

    // Act
    const results = [luhnValid(valid), luhnValid(invalid)];

    // Assess
    expect(results).toEqual([true, false]);
  });

  it('rejects anything but digits', () => {
    // Prepare / Act / Assess
    expect(luhnValid('')).toBe(false);
    expect(luhnValid('80299a1000')).toBe(false);
  });

  it('luhnCheckDigit completes nine digits to a valid number', () => {
    // Prepare
    const nine = '802999100';

    // Act
    const digit = luhnCheckDigit(nine);

    // Assess
    expect(digit).toBe(0);
    expect(luhnValid(`${nine}${digit}`)).toBe(true);
    for (let other = 0; other <= 9; other += 1) {
      if (other !== digit) expect(luhnValid(`${nine}${other}`)).toBe(false);
    }
  });
});

describe('normaliseOrganisationNumber', () => {
  it.each([
    ['802999-1000', '802999-1000'],
    ['8029991000', '802999-1000'],
    ['  802999-1000  ', '802999-1000'],
    ['\t5599993002\n', '559999-3002'],
    ['802999 1000', '802999-1000'],
    ['802 999 - 10 00', '802999-1000'],
    ['802999\u20131000', '802999-1000'],
    ['802999\u20141000', '802999-1000'],
    ['802999 \u2013 1000', '802999-1000'],
    ['16802999-1000', '802999-1000'],
    ['168029991000', '802999-1000'],
    ['19802999-1000', '802999-1000'],
    ['20 802999-1000', '802999-1000'],
  ])('normalises %j to %s', (input, expected) => {
    // Prepare (input) / Act
    const result = normaliseOrganisationNumber(input);

    // Assess
    expect(result).toBe(expected);
    expect(isValidOrganisationNumber(input)).toBe(true);
  });

  it.each([
    ['wrong check digit', '802999-1001'],
    ['too few digits', '802999-100'],
    ['too many digits', '802999-10000'],
    ['dash in the wrong place', '80299-91000'],
    ['two dashes', '802999--1000'],
    ['letters', '80299X-1000'],
    ['empty', ''],
    ['twelve digits with another century prefix', '18802999-1000'],
    ['dash before the century prefix is dropped', '16-802999-1000'],
    ['eleven digits', '6802999-1000'],
    ['a slash', '802999/1000'],
    ['far too long', `${' '.repeat(40)}8029991000`],
  ])('rejects %s (%j)', (_case, input) => {
    // Prepare (input) / Act
    const result = normaliseOrganisationNumber(input);

    // Assess
    expect(result).toBeNull();
    expect(isValidOrganisationNumber(input)).toBe(false);
  });

  it('accepts every organisation number in examples/members.csv', () => {
    // Prepare
    const lines = readFileSync(new URL('../../examples/members.csv', import.meta.url), 'utf8').trim().split('\n');
    const numbers = lines.slice(1).map((line) => line.split(',')[0] ?? '');

    // Act
    const normalised = numbers.map(normaliseOrganisationNumber);

    // Assess
    expect(numbers).toHaveLength(5);
    expect(normalised).toEqual(numbers);
  });
});

describe('organisationNumberSchema', () => {
  it('outputs the canonical form', () => {
    // Prepare / Act
    const result = organisationNumberSchema.safeParse(' 8029991000 ');

    // Assess
    expect(result).toEqual({ success: true, data: '802999-1000' });
  });

  it.each([['802999-1001'], ['hej'], [8029991000]])(
    'fails for %j with the one code (and its one Swedish message)',
    (input) => {
      // Prepare (input) / Act
      const result = organisationNumberSchema.safeParse(input);

      // Assess
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.message)).toEqual(['organisation_number_invalid']);
      expect(result.error?.issues.map((issue) => swedishIssueMessage(issue.message))).toEqual([
        'Organisationsnumret ska ha formen NNNNNN-NNNN och en giltig kontrollsiffra.',
      ]);
    },
  );

  it.each([[undefined], [''], ['   ']])('asks for the number when it is missing (%j)', (input) => {
    // Prepare (input) / Act
    const result = organisationNumberSchema.safeParse(input);

    // Assess
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['organisation_number_required']);
    expect(result.error?.issues.map((issue) => swedishIssueMessage(issue.message))).toEqual(['Fyll i organisationsnummer.']);
  });

  it('publishes the pattern it validates with, so schema and validation accept the same forms', () => {
    // Prepare
    const published = new RegExp(String(z.toJSONSchema(organisationNumberSchema, { io: 'input' }).pattern), 'u');
    const forms = ['802999-1000', '802999 1000', '16802999–1000', '8029991000', '80299-91000', '802999--1000'];

    // Act
    const verdicts = forms.map((form) => [published.test(form), organisationNumberPattern.test(form)]);

    // Assess
    expect(verdicts).toEqual([[true, true], [true, true], [true, true], [true, true], [false, false], [false, false]]);
  });
});
