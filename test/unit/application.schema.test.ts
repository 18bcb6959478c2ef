import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import fullExample from '../../examples/application-full.json' with { type: 'json' };
import revisionExample from '../../examples/application-revision.json' with { type: 'json' };
import {
  applicationJsonSchema,
  applicationSchema,
  fullApplicationSchema,
  revisionApplicationSchema,
  validateApplication,
} from '../../functions/domain/application.schema.js';
import { renderValidationErrors, validationMessage } from '../../functions/templates/validation-messages.js';
import {
  parseQuestionCatalogue,
  questionCatalogue,
  questionsFor,
  sectionsFor,
} from '../../functions/domain/question-catalogue.js';

/** A deep copy of an example with changes applied, so examples are never mutated. */
interface LooseBody {
  type: unknown;
  organisation: Record<string, unknown>;
  contact: Record<string, unknown>;
  answers: Record<string, unknown>;
}
function variant(example: object, change: (body: LooseBody) => void): LooseBody {
  const copy = structuredClone(example) as LooseBody;
  change(copy);
  return copy;
}

/** The parts of a generated JSON Schema these tests look at. */
interface JsonSchemaNode {
  [keyword: string]: unknown;
  properties: Record<string, JsonSchemaNode>;
  required?: string[];
  oneOf?: JsonSchemaNode[];
}

/** The errors as the Swedish pages and API answers say them. */
function errorsOf(body: unknown): { path: string; message: string }[] {
  const result = validateApplication(body);
  if (result.ok) throw new Error('expected validation to fail');
  return renderValidationErrors(result.errors, 'sv').map(({ path, message }) => ({ path, message }));
}

/** The errors as the domain reports them: codes and data, no words. */
function codesOf(body: unknown) {
  const result = validateApplication(body);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

describe('the question catalogue', () => {
  it('asks full-only and revision-only questions of the right type', () => {
    // Prepare / Act
    const full = questionsFor('full').map((q) => q.id);
    const revision = questionsFor('revision').map((q) => q.id);

    // Assess
    expect(full).toContain('visionAndGoals');
    expect(full).not.toContain('changesSinceLastCertificate');
    expect(revision).toContain('changesSinceLastCertificate');
    expect(revision).toContain('resultsSinceLastCertificate');
    expect(revision).not.toContain('visionAndGoals');
    expect(full).toEqual(expect.arrayContaining(['partnershipActors', 'legalForm', 'annualBudget', 'followUpMeasures']));
    expect(revision).toEqual(expect.arrayContaining(['partnershipActors', 'legalForm', 'annualBudget', 'followUpMeasures']));
    // Every question of the catalogue is asked of exactly the types it names, in catalogue order,
    // however many questions the catalogue holds.
    const all = questionCatalogue.sections.flatMap((section) => section.questions);
    expect(full).toEqual(all.filter((q) => q.versions.includes('full')).map((q) => q.id));
    expect(revision).toEqual(all.filter((q) => q.versions.includes('revision')).map((q) => q.id));
  });

  it('leaves out sections without questions for the type', () => {
    // Prepare / Act
    const fullSections = sectionsFor('full').map((s) => s.id);
    const revisionSections = sectionsFor('revision').map((s) => s.id);

    // Assess
    expect(fullSections).not.toContain('revision');
    expect(revisionSections).toContain('revision');
    expect(revisionSections).not.toContain('operations');
  });

  it('has Swedish and English text for every question and option', () => {
    // Prepare
    const questions = questionCatalogue.sections.flatMap((s) => s.questions);

    // Act
    const texts = questions.flatMap((q) => [q.label, ...('options' in q ? q.options.map((o) => o.label) : [])]);

    // Assess
    for (const text of texts) {
      expect(text.sv.length).toBeGreaterThan(0);
      expect(text.en.length).toBeGreaterThan(0);
    }
  });

  it('rejects bad catalogue data with a message listing every problem', () => {
    // Prepare
    const bad = {
      sections: [
        {
          id: 'partnership',
          title: { sv: 'Samverkan', en: 'Partnership' },
          questions: [
            { id: 'legalForm', kind: 'select', label: { sv: 'Form', en: 'Form' }, required: true, versions: ['full'] },
            { id: 'legalForm', kind: 'text', label: { sv: 'Igen', en: 'Again' }, required: true, versions: ['full'] },
            { id: 'x', kind: 'colour', label: { sv: 'X', en: 'X' }, required: true, versions: ['revision'] },
          ],
        },
      ],
    };

    // Act
    const parse = () => parseQuestionCatalogue(bad, 'test catalogue');

    // Assess
    expect(parse).toThrow(/^Invalid test catalogue:/);
    expect(parse).toThrow(/sections\.0\.questions\.0\.options/);
    expect(parse).toThrow(/sections\.0\.questions\.2\.kind/);
  });

  it('rejects duplicate question ids', () => {
    // Prepare
    const question = { id: 'a', kind: 'text', label: { sv: 'A', en: 'A' }, required: true, versions: ['full', 'revision'] };
    const duplicated = { sections: [{ id: 's', title: { sv: 'S', en: 'S' }, questions: [question, question] }] };

    // Act / Assess
    expect(() => parseQuestionCatalogue(duplicated)).toThrow(/duplicate question id "a"/);
  });
});

describe('validateApplication', () => {
  it('accepts the full example', () => {
    // Prepare / Act
    const result = validateApplication(fullExample);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe('full');
    expect(result.value.organisation.organisationNumber).toBe('802999-1000');
    expect(result.value.answers.annualBudget).toBe(1200000);
    expect(fullApplicationSchema.safeParse(fullExample).success).toBe(true);
  });

  it('accepts the revision example', () => {
    // Prepare / Act
    const result = validateApplication(revisionExample);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.type).toBe('revision');
    expect(result.value.answers.changesSinceLastCertificate).toMatch(/fastighetsägare/);
    expect(revisionApplicationSchema.safeParse(revisionExample).success).toBe(true);
  });

  it('trims strings, canonicalises the organisation number and drops empty optional fields (the API wants whole web addresses; the form adds https://)', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.organisation.organisationNumber = ' 8029991000 ';
      b.organisation.name = '  Exempelstad City  ';
      b.organisation.website = '';
      b.contact.phone = '   ';
      b.answers.statutesUrl = '';
      b.answers.budgetUrl = ' https://exempelstad.example/budget ';
      b.answers.partnershipActors = ['municipality', 'municipality', 'propertyOwners'];
    });

    // Act
    const result = validateApplication(body);

    // Assess
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.organisation).toEqual({
      organisationNumber: '802999-1000',
      name: 'Exempelstad City',
      town: 'Exempelstad',
      municipality: 'Exempelstads kommun',
    });
    expect('phone' in result.value.contact).toBe(false);
    expect('statutesUrl' in result.value.answers).toBe(false);
    expect(result.value.answers.budgetUrl).toBe('https://exempelstad.example/budget');
    expect(result.value.answers.partnershipActors).toEqual(['municipality', 'propertyOwners']);
  });

  it('lists every problem with its dotted path and a specific Swedish message', () => {
    // Prepare
    const body = {
      type: 'full',
      organisation: { organisationNumber: '802999-1001', name: '   ', town: 'Exempelstad' },
      contact: { name: 'Kim Exempelsson', role: 'centrumchef', email: 'inte-en-adress', phone: 'ring mig' },
      partners: fullExample.partners,
      answers: {
        ...fullExample.answers,
        partnershipActors: [],
        legalForm: undefined,
        annualBudget: 'mycket',
        boardComposition: 'x'.repeat(4001),
        statutesUrl: 'javascript:alert(1)',
      },
    };

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors).toEqual([
      {
        path: 'organisation.organisationNumber',
        message: 'Organisationsnumret ska ha formen NNNNNN-NNNN och en giltig kontrollsiffra.',
      },
      { path: 'organisation.name', message: 'Ange organisationens namn.' },
      { path: 'organisation.municipality', message: 'Ange kommun.' },
      { path: 'contact.email', message: 'Ange en giltig e-postadress.' },
      { path: 'contact.phone', message: 'Ange ett giltigt telefonnummer, till exempel 070-123 45 67.' },
      { path: 'answers.partnershipActors', message: 'Välj minst ett alternativ.' },
      { path: 'answers.legalForm', message: 'Välj ett av alternativen.' },
      { path: 'answers.boardComposition', message: 'Svaret får vara högst 4000 tecken.' },
      { path: 'answers.annualBudget', message: 'Ange ett tal, till exempel 1 200 000.' },
      { path: 'answers.statutesUrl', message: 'Ange en giltig webbadress, till exempel https://exempelstad.se.' },
    ]);
  });

  it('says which required answers are missing', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.answers = { partnershipActors: ['municipality'] };
    });
    const requiredFullQuestions = questionsFor('full').filter((q) => q.required && q.id !== 'partnershipActors');

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors.map((e) => e.path)).toEqual(requiredFullQuestions.map((q) => `answers.${q.id}`));
    expect(errors.find((e) => e.path === 'answers.strategy')?.message).toBe('Besvara frågan.');
    expect(errors.find((e) => e.path === 'answers.followUpMeasures')?.message).toBe('Välj minst ett alternativ.');
    expect(errors.find((e) => e.path === 'answers.legalForm')?.message).toBe('Välj ett av alternativen.');
  });

  it('checks numbers against the catalogue bounds', () => {
    // Prepare
    const withBudget = (annualBudget: unknown) => variant(fullExample, (b) => void (b.answers.annualBudget = annualBudget));

    // Act
    const negative = errorsOf(withBudget(-1));
    const fraction = errorsOf(withBudget(1.5));
    const huge = errorsOf(withBudget(2_000_000_000));

    // Assess
    expect(negative).toEqual([{ path: 'answers.annualBudget', message: 'Talet får inte vara mindre än 0.' }]);
    expect(fraction).toEqual([{ path: 'answers.annualBudget', message: 'Ange ett heltal.' }]);
    expect(huge).toEqual([{ path: 'answers.annualBudget', message: 'Talet får inte vara större än 1 000 000 000.' }]);
  });

  it('rejects an option that is not in the catalogue, pointing at the element', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.answers.followUpMeasures = ['footfall', 'horoscope'];
      b.answers.legalForm = 'sekt';
    });

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors).toEqual([
      { path: 'answers.legalForm', message: 'Välj bland de alternativ som finns.' },
      { path: 'answers.followUpMeasures.1', message: 'Välj bland de alternativ som finns.' },
    ]);
  });

  it('rejects unknown answer keys, one error per key', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.answers.favouriteColour = 'grön';
      b.answers.__proto__hack = 1;
    });

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors).toEqual([
      { path: 'answers.favouriteColour', message: 'Frågan finns inte i en fullständig ansökan.' },
      { path: 'answers.__proto__hack', message: 'Frågan finns inte i en fullständig ansökan.' },
    ]);
  });

  it('rejects revision-only answers in a full application', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.answers.changesSinceLastCertificate = 'Nya parter.';
    });

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors).toEqual([
      { path: 'answers.changesSinceLastCertificate', message: 'Frågan finns inte i en fullständig ansökan.' },
    ]);
  });

  it('rejects full-only answers in a revision and requires the revision questions', () => {
    // Prepare
    const body = variant(revisionExample, (b) => {
      b.answers.visionAndGoals = 'Ett levande centrum.';
      delete b.answers.changesSinceLastCertificate;
    });

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors).toEqual([
      { path: 'answers.changesSinceLastCertificate', message: 'Besvara frågan.' },
      { path: 'answers.visionAndGoals', message: 'Frågan finns inte i en revidering.' },
    ]);
  });

  it('rejects unknown fields in organisation and contact', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.organisation.orgnr = '802999-1000';
      b.contact.fax = '08-000 00 00';
    });

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors).toEqual([
      { path: 'organisation.orgnr', message: 'Fältet finns inte i ansökan.' },
      { path: 'contact.fax', message: 'Fältet finns inte i ansökan.' },
    ]);
  });

  it('without a valid type still reports the organisation and contact problems', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.type = 'express';
      b.contact.email = '';
    });

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors).toEqual([
      { path: 'type', message: 'Ange typ av ansökan: "full" (ny ansökan) eller "revision" (revidering).' },
      { path: 'contact.email', message: 'Ange kontaktpersonens e-postadress.' },
    ]);
  });

  it.each([[null], ['text'], [[]], [42]])('rejects a body that is not an object (%j)', (body) => {
    // Prepare (body) / Act
    const errors = errorsOf(body);

    // Assess
    expect(errors.map((e) => e.path)).toEqual(['', 'type']);
    expect(errors[0]?.message).toBe('Ansökan saknas eller har fel form.');
  });

  it('reports missing parts of the body by name', () => {
    // Prepare / Act
    const errors = errorsOf({ type: 'revision' });

    // Assess
    expect(errors).toEqual([
      { path: 'organisation', message: 'Ange uppgifter om organisationen.' },
      { path: 'contact', message: 'Ange uppgifter om kontaktpersonen.' },
      { path: 'partners', message: 'Ange samverkanspartnerna.' },
      { path: 'answers', message: 'Ange svaren på frågorna.' },
    ]);
  });

  it('only produces Swedish messages', () => {
    // Prepare
    const body = { type: 'full', organisation: [], contact: { email: 5 }, answers: { annualBudget: true }, locale: 'de' };

    // Act
    const errors = errorsOf(body);

    // Assess
    expect(errors.length).toBeGreaterThan(3);
    for (const { message } of errors) {
      expect(message).not.toMatch(/invalid|expected|required|received/i);
    }
    expect(errors).toContainEqual({ path: 'locale', message: 'Språket ska vara "sv" eller "en".' });
  });

  it('reports codes with the data their messages need, never words', () => {
    // Prepare
    const body = variant(fullExample, (b) => {
      b.organisation.organisationNumber = '802999-1001';
      b.organisation.town = '';
      b.answers.annualBudget = -1;
      b.answers.boardComposition = 'x'.repeat(4001);
      b.answers.favouriteColour = 'blå';
    });

    // Act
    const errors = codesOf(body);

    // Assess
    expect(errors).toEqual([
      { path: 'organisation.organisationNumber', code: 'organisation_number_invalid' },
      { path: 'organisation.town', code: 'field_required', params: { field: 'organisation.town' } },
      { path: 'answers.boardComposition', code: 'too_long', params: { max: 4000 } },
      { path: 'answers.annualBudget', code: 'number_too_small', params: { min: 0 } },
      { path: 'answers.favouriteColour', code: 'unknown_question', params: { applicationType: 'full' } },
    ]);
  });

  it('the discriminated union chooses the schema by type', () => {
    // Prepare / Act
    const full = applicationSchema.safeParse(fullExample);
    const revisionAsFull = applicationSchema.safeParse({ ...revisionExample, type: 'full' });

    // Assess
    expect(full.success).toBe(true);
    expect(revisionAsFull.success).toBe(false);
  });
});

describe('applicationJsonSchema', () => {
  const schema = applicationJsonSchema({
    id: 'https://qm.kommun.example/api/schema/application',
    revisionOpensDaysBefore: 180,
    revisionGraceMonths: 12,
    messageFor: (code) => validationMessage({ code }, 'sv'),
  }) as unknown as JsonSchemaNode;
  /** The node at `oneOf[branch]` and then down the named properties; throws if any is missing. */
  function at(branch: number, ...properties: string[]): JsonSchemaNode {
    let node = schema.oneOf?.[branch];
    for (const name of properties) node = node?.properties[name];
    if (!node) throw new Error(`no schema at oneOf.${branch}.${properties.join('.')}`);
    return node;
  }

  it('has an id, a title and one branch per type', () => {
    // Prepare (schema) / Act / Assess
    expect(schema.$id).toBe('https://qm.kommun.example/api/schema/application');
    expect(schema.title).toBe('Ansökan om kvalitetsmärkning (QM)');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.oneOf).toHaveLength(2);
    expect(at(0, 'type')).toEqual({ type: 'string', const: 'full' });
    expect(at(1, 'type')).toEqual({ type: 'string', const: 'revision' });
    expect(() => JSON.stringify(schema)).not.toThrow();
  });

  it('lists the required fields of the body, organisation and contact', () => {
    // Prepare / Act
    const organisation = at(0, 'organisation');
    const contact = at(0, 'contact');
    const pattern = at(0, 'organisation', 'organisationNumber').pattern;

    // Assess
    expect(at(0).required).toEqual(['type', 'organisation', 'contact', 'partners', 'answers']);
    expect(organisation.required).toEqual(['organisationNumber', 'name', 'town', 'municipality']);
    expect(organisation.additionalProperties).toBe(false);
    expect(contact.required).toEqual(['name', 'role', 'email']);
    expect(at(0, 'contact', 'email').format).toBe('email');
    expect(typeof pattern).toBe('string');
    expect(new RegExp(String(pattern), 'u').test('8029991000')).toBe(true);
    expect(new RegExp(String(pattern), 'u').test('80299-91000')).toBe(false);
  });

  it('describes the answers of each type from the catalogue', () => {
    // Prepare
    const fullAnswers = at(0, 'answers');
    const revisionAnswers = at(1, 'answers');

    // Act
    const requiredFull = questionsFor('full').filter((q) => q.required).map((q) => q.id);
    const requiredRevision = questionsFor('revision').filter((q) => q.required).map((q) => q.id);

    // Assess
    expect(fullAnswers.required).toEqual(requiredFull);
    expect(revisionAnswers.required).toEqual(requiredRevision);
    expect(fullAnswers.additionalProperties).toBe(false);
    expect(Object.keys(fullAnswers.properties)).toEqual(questionsFor('full').map((q) => q.id));
    expect(Object.keys(revisionAnswers.properties)).toContain('changesSinceLastCertificate');
    expect(at(0, 'answers', 'annualBudget')).toMatchObject({ type: 'integer', minimum: 0 });
    expect(at(0, 'answers', 'legalForm').enum).toContain('nonProfitAssociation');
    expect(at(0, 'answers', 'partnershipActors')).toMatchObject({ type: 'array', minItems: 1 });
    expect(at(0, 'answers', 'boardComposition')).toMatchObject({ maxLength: 4000, title: 'Hur är styrelsen sammansatt?' });
  });
});

describe('the language of zod errors', () => {
  it('is not changed process-wide by importing the application schema', () => {
    // Prepare: this file imports the application schema (above)

    // Act
    const elsewhere = z.string().safeParse(1);
    const application = validateApplication({ type: 'full', organisation: 5 });

    // Assess: other zod schemas keep zod's own default; the application's errors are our codes
    expect(elsewhere.error?.issues[0]?.message).toBe('Invalid input: expected string, received number');
    expect(application.ok).toBe(false);
    expect(!application.ok && application.errors[0]).toEqual({ path: 'organisation', code: 'organisation_invalid' });
  });
});
