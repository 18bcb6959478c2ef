import { describe, expect, it } from 'vitest';
import fullExample from '../../examples/application-full.json' with { type: 'json' };
import { applicantFieldGroups, applicantFieldPaths } from '../../functions/domain/applicant-fields.js';
import { applicationBodyFromForm, applicationToFormValues } from '../../functions/domain/application-form.js';
import { validateApplication, type ApplicationSubmission } from '../../functions/domain/application.schema.js';
import { locales } from '../../functions/domain/locale.js';
import { renderApplyForm } from '../../functions/templates/apply-form.template.js';
import { fieldTextFor } from '../../functions/templates/messages.js';
import { renderValidationErrors } from '../../functions/templates/validation-messages.js';

// The organisation and contact fields are described once (applicant-fields.ts); these tests hold
// the derived schema, form and words to each description, so a new field gets them all.
const described = Object.entries(applicantFieldGroups).flatMap(([group, fields]) => fields.map((field) => ({ group, field, path: `${group}.${field.key}` })));

describe('the applicant field descriptions', () => {
  it.each(locales)('have their words in %s, and a required field says what is missing', (locale) => {
    // Prepare / Act
    const texts = described.map(({ path, field }) => ({ path, field, text: fieldTextFor(locale, path) }));

    // Assess: the organisation number has a code of its own for "missing"
    for (const { path, field, text } of texts) {
      expect(text?.label, path).toBeTruthy();
      expect(text?.summaryLabel, path).toBeTruthy();
      if (field.required && !('normaliser' in field)) expect(text?.missing, path).toBeTruthy();
    }
  });

  it('derive the form: every field rendered with its name, type and autocomplete token', () => {
    // Prepare
    const inputs = (page: string) => [...page.matchAll(/<input type="([a-z]+)" id="[^"]+" name="((?:organisation|contact)\.[A-Za-z]+)"[^>]*>/g)];

    // Act
    const page = renderApplyForm({ type: 'full', locale: 'sv', idempotencyKey: 'k' });

    // Assess
    const rendered = inputs(page).map((m) => ({ type: m[1], name: m[2], autocomplete: /autocomplete="([^"]+)"/.exec(m[0])?.[1] }));
    expect(rendered).toEqual(
      described.map(({ path, field }) => ({ type: field.input, name: path, autocomplete: 'autocomplete' in field ? field.autocomplete : undefined })),
    );
    expect(rendered.map((r) => r.name)).toEqual(applicantFieldPaths);
  });

  it.each(described.filter(({ field }) => field.input === 'text' && !('normaliser' in field)))(
    'derive the schema: $path takes at most its maxLength characters',
    ({ group, field, path }) => {
      // Prepare
      const body = structuredClone(fullExample) as unknown as Record<string, Record<string, unknown>>;
      body[group]![field.key] = 'x'.repeat(field.maxLength + 1);

      // Act
      const result = validateApplication(body);

      // Assess
      expect(result.ok ? [] : result.errors).toEqual([{ path, code: 'too_long', params: { max: field.maxLength } }]);
    },
  );

  it.each(described.filter(({ field }) => field.required))('derive the schema: $path is required', ({ group, field, path }) => {
    // Prepare
    const body = structuredClone(fullExample) as unknown as Record<string, Record<string, unknown>>;
    body[group]![field.key] = '';

    // Act
    const result = validateApplication(body);

    // Assess: the words are the field's own (or the organisation number's)
    const errors = result.ok ? [] : renderValidationErrors(result.errors, 'sv');
    expect(errors.map((e) => e.path)).toEqual([path]);
    expect(errors[0]?.message).toBe(fieldTextFor('sv', path)?.missing ?? 'Fyll i organisationsnummer.');
  });

  it('derive the form mapping: stored values go to the form and come back the same', () => {
    // Prepare
    const values = applicationToFormValues(fullExample as ApplicationSubmission);

    // Act
    const body = applicationBodyFromForm(values);

    // Assess
    expect(body.organisation).toEqual(fullExample.organisation);
    expect(body.contact).toEqual(fullExample.contact);
  });
});
