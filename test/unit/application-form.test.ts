import { describe, expect, it } from 'vitest';
import fullExample from '../../examples/application-full.json' with { type: 'json' };
import revisionExample from '../../examples/application-revision.json' with { type: 'json' };
import {
  applicationBodyFromForm,
  applicationToFormValues,
  extractFormMeta,
  type FormFields,
} from '../../functions/domain/application-form.js';
import { formatFormNumber, parseFormNumber } from '../../functions/domain/form-number.js';
import { validateApplication, type ApplicationSubmission, type ValidationResult } from '../../functions/domain/application.schema.js';
import { renderValidationErrors } from '../../functions/templates/validation-messages.js';

/** The errors in the words of the Swedish form. */
const inSwedish = (result: ValidationResult) =>
  result.ok ? [] : renderValidationErrors(result.errors, 'sv').map(({ path, message }) => ({ path, message }));

/** A filled-in full application form as a browser would post it (after urlencoded parsing). */
function fullFormFields(): FormFields {
  return {
    type: 'full',
    idempotencyKey: '0b7f3c9e-5a41-4c1e-9d2a-3f6e8b1c2d4a',
    locale: 'sv',
    'organisation.organisationNumber': '8029991000',
    'organisation.name': 'Exempelstad City',
    'organisation.town': 'Exempelstad',
    'organisation.municipality': 'Exempelstads kommun',
    'organisation.website': '',
    'contact.name': 'Kim Exempelsson',
    'contact.role': 'centrumchef',
    'contact.email': 'kim.exempelsson@exempelstad.example',
    'contact.phone': '',
    'partners.0.role': 'municipality',
    'partners.0.organisation': 'Exempelstads kommun',
    'partners.0.name': 'Alva Kommunsson',
    'partners.0.email': 'naringsliv@exempelstads-kommun.example',
    'partners.1.role': 'property_owners',
    'partners.1.organisation': 'Fastighetsägarna Exempelstad',
    'partners.1.name': 'Bo Fastighetsson',
    'partners.1.email': 'ordforande@fastighetsagarna-exempelstad.example',
    'partners.2.role': '',
    'partners.2.organisation': '',
    'answers.partnershipActors': ['municipality', 'propertyOwners'],
    'answers.legalForm': 'nonProfitAssociation',
    'answers.boardComposition': 'Sju ledamöter från kommunen, fastighetsägarna och handeln.',
    'answers.annualBudget': '1 200 000',
    'answers.financing': 'Kommunen och fastighetsägarna delar på kostnaderna.',
    'answers.agreements': 'Treåriga avtal med alla parter.',
    'answers.agreementsWithAllParties': 'true',
    'answers.visionAndGoals': 'Ett levande centrum.',
    'answers.strategy': 'Tryggt, rent och varierat.',
    'answers.planPeriod': '2025–2027',
    'answers.strategicWork': 'Styrelsen prioriterar årligen.',
    'answers.operationalWork': 'Evenemang och trygghetsvandringar.',
    'answers.followUpMeasures': 'footfall',
    'answers.followUpReporting': 'Besöksräkning varje månad.',
    'answers.statutesUrl': 'https://exempelstad.example/stadgar.pdf',
    'answers.businessPlanUrl': '',
    'answers.actionPlanUrl': '',
    'answers.budgetUrl': '',
  };
}

function validated(body: unknown): ApplicationSubmission {
  const result = validateApplication(body);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('applicationBodyFromForm', () => {
  it('turns form fields into a body that validateApplication accepts', () => {
    // Prepare
    const fields = fullFormFields();

    // Act
    const value = validated(applicationBodyFromForm(fields));

    // Assess
    expect(value.type).toBe('full');
    expect(value.locale).toBe('sv');
    expect(value.organisation).toEqual({
      organisationNumber: '802999-1000',
      name: 'Exempelstad City',
      town: 'Exempelstad',
      municipality: 'Exempelstads kommun',
    });
    expect(value.answers.annualBudget).toBe(1200000);
    expect(value.answers.partnershipActors).toEqual(['municipality', 'propertyOwners']);
    expect(value.answers.followUpMeasures).toEqual(['footfall']);
    expect(value.answers.agreementsWithAllParties).toBe(true);
    expect(value.answers).not.toHaveProperty('businessPlanUrl');
  });

  it('keeps meta fields and other hidden fields out of the body', () => {
    // Prepare
    const fields = { ...fullFormFields(), token: 'hemlig', csrf: 'x' };

    // Act
    const body = applicationBodyFromForm(fields);

    // Assess
    expect(Object.keys(body).sort()).toEqual(['answers', 'contact', 'locale', 'organisation', 'partners', 'type']);
    expect(body.answers).not.toHaveProperty('idempotencyKey');
    expect(body.answers).not.toHaveProperty('type');
    expect(JSON.stringify(body)).not.toContain('0b7f3c9e');
    expect(JSON.stringify(body)).not.toContain('hemlig');
  });

  it('reads an unchecked boolean checkbox (absent field) as false', () => {
    // Prepare
    const fields = fullFormFields();
    delete fields['answers.agreementsWithAllParties'];

    // Act
    const value = validated(applicationBodyFromForm(fields));

    // Assess
    expect(value.answers.agreementsWithAllParties).toBe(false);
  });

  it('leaves out empty fields so that validation names what is missing', () => {
    // Prepare
    const fields: FormFields = {
      ...fullFormFields(),
      'organisation.name': '   ',
      'answers.legalForm': '',
      'answers.annualBudget': '',
    };
    delete fields['answers.partnershipActors'];

    // Act
    const result = validateApplication(applicationBodyFromForm(fields));

    // Assess
    expect(result.ok ? 0 : result.errorCount).toBe(4);
    expect(inSwedish(result)).toEqual([
      { path: 'organisation.name', message: 'Ange organisationens namn.' },
      { path: 'answers.partnershipActors', message: 'Välj minst ett alternativ.' },
      { path: 'answers.legalForm', message: 'Välj ett av alternativen.' },
      { path: 'answers.annualBudget', message: 'Besvara frågan.' },
    ]);
  });

  it('passes text that is not a number on, so validation says so', () => {
    // Prepare
    const fields = { ...fullFormFields(), 'answers.annualBudget': 'en miljon' };

    // Act
    const body = applicationBodyFromForm(fields);
    const result = validateApplication(body);

    // Assess
    expect(body.answers.annualBudget).toBe('en miljon');
    expect(inSwedish(result)).toEqual([
      { path: 'answers.annualBudget', message: 'Ange ett tal, till exempel 1 200 000.' },
    ]);
  });

  it('passes unknown answers.* fields on, so the strict schema rejects them', () => {
    // Prepare
    const fields = { ...fullFormFields(), 'answers.changesSinceLastCertificate': 'Smugglad', 'answers.extra': ['a', 'b'] };

    // Act
    const result = validateApplication(applicationBodyFromForm(fields));

    // Assess
    expect(inSwedish(result)).toEqual([
      { path: 'answers.changesSinceLastCertificate', message: 'Frågan finns inte i en fullständig ansökan.' },
      { path: 'answers.extra', message: 'Frågan finns inte i en fullständig ansökan.' },
    ]);
  });

  it('builds a revision body with only the revision questions', () => {
    // Prepare
    const fields: FormFields = {
      ...applicationToFormValues(revisionExample as ApplicationSubmission),
      'answers.visionAndGoals': '',
    };

    // Act
    const body = applicationBodyFromForm(fields);

    // Assess
    expect(body.type).toBe('revision');
    expect(body.answers).not.toHaveProperty('visionAndGoals');
    expect(validateApplication(body).ok).toBe(true);
  });

  it('keeps an unknown type as given so that validation reports it', () => {
    // Prepare
    const fields = { ...fullFormFields(), type: 'express' };

    // Act
    const result = validateApplication(applicationBodyFromForm(fields));

    // Assess
    expect(inSwedish(result)).toEqual([
      { path: 'type', message: 'Ange typ av ansökan: "full" (ny ansökan) eller "revision" (revidering).' },
    ]);
  });
});

describe('parseFormNumber and formatFormNumber', () => {
  it.each([
    ['1 200 000', 1200000],
    ['1\u00a0200\u00a0000', 1200000],
    ['1\u202f200\u202f000', 1200000],
    ['1200000', 1200000],
    [' 0 ', 0],
    ['2,5', 2.5],
    ['\u22125', -5],
    ['1 200 000 kr', 1200000],
    ['1 200 000kr', 1200000],
    ['1\u2009200\u2009000 kr', 1200000],
    ['1\u00a0200\u00a0000\u00a0kr', 1200000],
    ['1 200 000 kronor', 1200000],
    ['1 200 000 SEK', 1200000],
    ['1 200 000:-', 1200000],
  ])('reads %j as %d', (text, expected) => {
    // Prepare (text) / Act / Assess
    expect(parseFormNumber(text)).toBe(expected);
  });

  it.each([['en miljon'], ['1.200.000'], ['12abc'], [''], ['1e6'], ['kr'], ['1 200 000 euro'], ['kr 1 200 000 kr']])('does not read %j', (text) => {
    // Prepare (text) / Act / Assess
    expect(parseFormNumber(text)).toBeUndefined();
  });

  it('formats with space-separated digit groups and a decimal comma', () => {
    // Prepare / Act / Assess
    expect(formatFormNumber(1200000)).toBe('1 200 000');
    expect(formatFormNumber(999)).toBe('999');
    expect(formatFormNumber(-12345.5)).toBe('-12 345,5');
    expect(parseFormNumber(formatFormNumber(-12345.5))).toBe(-12345.5);
  });
});

describe('extractFormMeta', () => {
  it('reads the idempotency key, type and locale', () => {
    // Prepare / Act
    const meta = extractFormMeta({ ...fullFormFields(), type: 'revision', locale: 'en' });

    // Assess
    expect(meta).toEqual({ idempotencyKey: '0b7f3c9e-5a41-4c1e-9d2a-3f6e8b1c2d4a', type: 'revision', locale: 'en', honeypotFilled: false });
  });

  it('notices a filled honeypot', () => {
    // Prepare / Act
    const meta = extractFormMeta({ ...fullFormFields(), homepage: 'http://spam.example' });

    // Assess
    expect(meta.honeypotFilled).toBe(true);
  });

  it('defaults the type to full and leaves out a missing or malformed key', () => {
    // Prepare / Act
    const missing = extractFormMeta({});
    const malformed = extractFormMeta({ type: 'x', idempotencyKey: '<script>', locale: 'de' });
    const empty = extractFormMeta({ idempotencyKey: '   ' });

    // Assess
    expect(missing).toEqual({ type: 'full', honeypotFilled: false });
    expect(malformed).toEqual({ type: 'full', honeypotFilled: false });
    expect(empty).toEqual({ type: 'full', honeypotFilled: false });
  });
});

describe('applicationToFormValues', () => {
  it.each([
    ['full', fullExample],
    ['revision', revisionExample],
  ])('round-trips the %s example: application → form values → body → same application', (_type, example) => {
    // Prepare
    const original = validated(example);

    // Act
    const values = applicationToFormValues(original);
    const again = validated(applicationBodyFromForm(values));

    // Assess
    expect(again).toEqual(original);
  });

  it('writes numbers, lists and booleans as a form would send them', () => {
    // Prepare
    const application = validated(fullExample);

    // Act
    const values = applicationToFormValues(application);

    // Assess
    expect(values.type).toBe('full');
    expect(values['organisation.organisationNumber']).toBe('802999-1000');
    expect(values['contact.email']).toBe('kim.exempelsson@exempelstad.example');
    expect(values['answers.annualBudget']).toBe('1 200 000');
    expect(values['answers.partnershipActors']).toEqual(['municipality', 'propertyOwners', 'tradeAndBusiness']);
    expect(values['answers.agreementsWithAllParties']).toBe('true');
  });

  it('leaves a false boolean unchecked (absent)', () => {
    // Prepare
    const application = validated({ ...fullExample, answers: { ...fullExample.answers, agreementsWithAllParties: false } });

    // Act
    const values = applicationToFormValues(application);

    // Assess
    expect(values).not.toHaveProperty('answers.agreementsWithAllParties');
    expect(validated(applicationBodyFromForm(values)).answers.agreementsWithAllParties).toBe(false);
  });

  it('prefills a revision from the last full application', () => {
    // Prepare
    const lastApplication = validated(fullExample);

    // Act
    const values = applicationToFormValues(lastApplication, { forType: 'revision' });
    const result = validateApplication(applicationBodyFromForm(values));

    // Assess
    expect(values.type).toBe('revision');
    expect(values['answers.boardComposition']).toBe(fullExample.answers.boardComposition);
    expect(values).not.toHaveProperty('answers.visionAndGoals');
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'answers.changesSinceLastCertificate',
      'answers.resultsSinceLastCertificate',
    ]);
  });
});
