import { describe, expect, it } from 'vitest';
import fullExample from '../../examples/application-full.json' with { type: 'json' };
import { applicationBodyFromForm, applicationToFormValues, partnerFieldNames, type FormFields } from '../../functions/domain/application-form.js';
import { maxPartners } from '../../functions/domain/partners.js';
import { validateApplication } from '../../functions/domain/application.schema.js';
import { questionsFor } from '../../functions/domain/question-catalogue.js';
import type { ApplicationType } from '../../functions/domain/application-type.js';
import { fieldId, renderApplyForm } from '../../functions/templates/apply-form.template.js';
import { html, pageContentSecurityPolicy, renderPage } from '../../functions/templates/layout.template.js';
import { pickLocale } from '../../functions/templates/messages.js';
import { fieldError, type ValidationError } from '../../functions/domain/validation-error.js';

// --- A little HTML reading, enough for these assertions (values are always double-quoted and escaped) ---

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

const entities: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x2F;': '/',
  '&#x60;': '`',
  '&#x3D;': '=',
};
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|#x2F|#x60|#x3D);/g, (e) => entities[e] ?? e);

/** Start tags named by the pattern (e.g. `input|select`), in document order. */
function tags(page: string, namePattern: string): Tag[] {
  const found: Tag[] = [];
  for (const match of page.matchAll(new RegExp(`<(${namePattern})\\b([^>]*)>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const attr of (match[2] ?? '').matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
      attrs[attr[1] ?? ''] = decode(attr[2] ?? '');
    }
    found.push({ name: match[1] ?? '', attrs });
  }
  return found;
}

/** Every form control a user fills in (not hidden inputs), in document order. */
const controls = (page: string) => tags(page, 'input|select|textarea').filter((t) => t.attrs.type !== 'hidden' && t.attrs.name !== 'homepage');

const ids = (page: string) => new Set([...page.matchAll(/\bid="([^"]*)"/g)].map((m) => decode(m[1] ?? '')));

function textareaContent(page: string, name: string): string | undefined {
  const match = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(page);
  return match ? decode(match[1] ?? '') : undefined;
}

function render(type: ApplicationType, extra: Partial<Parameters<typeof renderApplyForm>[0]> = {}): string {
  return renderApplyForm({ type, locale: 'sv', idempotencyKey: 'key-123', ...extra });
}

function errorsFor(fields: FormFields) {
  const result = validateApplication(applicationBodyFromForm(fields));
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('renderApplyForm', () => {
  it.each([['full' as const], ['revision' as const]])('renders a %s form with a label for every control', (type) => {
    // Prepare / Act
    const page = render(type);
    const labelled = new Set(tags(page, 'label').map((label) => label.attrs.for));

    // Assess
    const formControls = controls(page);
    expect(formControls.length).toBeGreaterThan(20);
    for (const control of formControls) {
      expect(control.attrs.id, `control ${control.attrs.name} has an id`).toBeTruthy();
      expect(labelled.has(control.attrs.id), `label for ${control.attrs.id}`).toBe(true);
    }
    const allIds = ids(page);
    for (const target of labelled) expect(allIds.has(target ?? '')).toBe(true);
    expect(allIds.size).toBe([...page.matchAll(/\bid="/g)].length); // ids are unique
  });

  it('renders exactly the questions of the type, after organisation and contact', () => {
    // Prepare / Act
    const full = render('full');
    const revision = render('revision');
    const names = (page: string) => [...new Set(controls(page).map((c) => c.attrs.name))];

    // Assess
    expect(names(full)).toEqual([
      'organisation.organisationNumber',
      'organisation.name',
      'organisation.town',
      'organisation.municipality',
      'organisation.website',
      'contact.name',
      'contact.role',
      'contact.email',
      'contact.phone',
      ...Array.from({ length: maxPartners }, (_, i) => partnerFieldNames.map((key) => `partners.${i}.${key}`)).flat(),
      ...questionsFor('full').map((q) => `answers.${q.id}`),
    ]);
    expect(names(revision)).toContain('answers.changesSinceLastCertificate');
    expect(names(revision)).not.toContain('answers.visionAndGoals');
    expect(names(full)).not.toContain('answers.changesSinceLastCertificate');
  });

  it('has the Swedish title, the members-only and free-of-charge intro, and a plain POST form', () => {
    // Prepare / Act
    const full = render('full');
    const revision = render('revision');
    const form = tags(full, 'form')[0];

    // Assess
    expect(full).toContain('<html lang="sv">');
    expect(full).toContain('<h1>Ansök om kvalitetsmärkning (QM)</h1>');
    expect(revision).toContain('<h1>Revidering av kvalitetsmärkning (QM)</h1>');
    expect(full).toMatch(/Endast medlemmar i Svenska Stadskärnor kan ansöka/);
    expect(full).toMatch(/kostnadsfritt att ansöka/);
    expect(form?.attrs).toMatchObject({ method: 'post', action: '/applications' });
    expect(full).toContain('<button type="submit">Skicka ansökan</button>');
    expect(full).not.toMatch(/<script/i);
  });

  it('carries type, idempotency key, locale and extra hidden fields', () => {
    // Prepare / Act
    const page = render('revision', { action: '/applications/abc/completion', hiddenFields: { token: 't0k3n', type: 'full' } });
    const hidden = Object.fromEntries(
      tags(page, 'input')
        .filter((t) => t.attrs.type === 'hidden')
        .map((t) => [t.attrs.name, t.attrs.value]),
    );

    // Assess
    expect(hidden).toEqual({ token: 't0k3n', type: 'revision', idempotencyKey: 'key-123', locale: 'sv' });
    expect(tags(page, 'form')[0]?.attrs.action).toBe('/applications/abc/completion');
  });

  it('marks required fields and links help texts with aria-describedby', () => {
    // Prepare / Act
    const page = render('full');
    const byName = new Map(controls(page).map((c) => [c.attrs.name, c]));
    const allIds = ids(page);

    // Assess
    expect(byName.get('organisation.name')?.attrs).toHaveProperty('required');
    expect(byName.get('organisation.website')?.attrs).not.toHaveProperty('required');
    expect(page).toMatch(/for="field-organisation-name">Organisationens namn <span class="required">\(obligatoriskt\)<\/span>/);
    const described = byName.get('answers.boardComposition')?.attrs['aria-describedby'];
    expect(described).toBe('field-answers-boardComposition-hint');
    expect(allIds.has(described ?? '')).toBe(true);
    expect(page).toContain('Beskriv vilka parter som är representerade i styrelsen');
  });

  it('shows an error summary with links to the fields and inline messages', () => {
    // Prepare
    const fields: FormFields = {
      type: 'full',
      'organisation.organisationNumber': '802999-1001',
      'organisation.name': 'Exempelstad City',
      'answers.annualBudget': 'mycket',
    };
    const errors = errorsFor(fields);

    // Act
    const page = render('full', { values: fields, errors });
    const summary = /<div class="error-summary"[^>]*>[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
    const links = tags(summary, 'a').map((a) => a.attrs.href);
    const allIds = ids(page);
    const byName = new Map(controls(page).map((c) => [c.attrs.name, c]));

    // Assess
    expect(page).toContain('<title>Fel: Ansök om kvalitetsmärkning (QM)');
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('<h2 id="error-summary-title">Det finns fel i formuläret</h2>');
    expect(links).toHaveLength(errors.length);
    expect(links).toContain('#field-organisation-organisationNumber');
    expect(links).toContain('#field-answers-annualBudget');
    expect(links).toContain('#field-answers-partnershipActors');
    for (const link of links) expect(allIds.has(link?.slice(1) ?? '')).toBe(true);
    expect(summary).toContain('Organisationsnummer – Organisationsnumret ska ha formen NNNNNN-NNNN och en giltig kontrollsiffra.');

    const budget = byName.get('answers.annualBudget')?.attrs;
    expect(budget?.['aria-invalid']).toBe('true');
    expect(budget?.['aria-describedby']).toBe('field-answers-annualBudget-hint field-answers-annualBudget-error');
    expect(page).toMatch(/id="field-answers-annualBudget-error">.*Ange ett tal, till exempel 1 200 000\./);
    expect(byName.get('organisation.name')?.attrs).not.toHaveProperty('aria-invalid');
  });

  it('lists errors that belong to no field in the summary without a link', () => {
    // Prepare
    const errors = [fieldError('idempotencyKey', 'request_in_progress'), fieldError('answers.followUpMeasures.1', 'unknown_option')];

    // Act
    const page = render('full', { errors });

    // Assess
    expect(page).toContain('<li>Ansökan med den här nyckeln behandlas redan. Försök igen om en liten stund.</li>');
    expect(page).toContain('Välj bland de alternativ som finns.');
    expect(page).toContain('<a href="#field-answers-followUpMeasures">');
    expect(tags(page, 'input').filter((t) => t.attrs.name === 'answers.followUpMeasures').every((t) => t.attrs['aria-invalid'] === 'true')).toBe(true);
  });

  it('keeps what the user entered in every kind of field', () => {
    // Prepare
    const result = validateApplication(fullExample);
    if (!result.ok) throw new Error('the full example must be valid');
    const values = applicationToFormValues(result.value);

    // Act
    const page = render('full', { values });
    const inputs = tags(page, 'input');
    const valueOf = (name: string) => inputs.find((t) => t.attrs.name === name)?.attrs.value;
    const checked = (name: string) => inputs.filter((t) => t.attrs.name === name && 'checked' in t.attrs).map((t) => t.attrs.value);

    // Assess
    expect(valueOf('organisation.organisationNumber')).toBe('802999-1000');
    expect(valueOf('contact.email')).toBe('kim.exempelsson@exempelstad.example');
    expect(valueOf('answers.annualBudget')).toBe('1 200 000');
    expect(valueOf('answers.statutesUrl')).toBe('https://exempelstad.example/dokument/stadgar.pdf');
    expect(textareaContent(page, 'answers.boardComposition')).toBe(fullExample.answers.boardComposition);
    expect(page).toContain('<option value="nonProfitAssociation" selected>Ideell förening</option>');
    expect(checked('answers.partnershipActors')).toEqual(['municipality', 'propertyOwners', 'tradeAndBusiness']);
    expect(checked('answers.followUpMeasures')).toEqual(['footfall', 'vacancyRate', 'visitorSatisfaction']);
    expect(checked('answers.agreementsWithAllParties')).toEqual(['true']);
  });

  it('escapes hostile input everywhere it is shown', () => {
    // Prepare
    const hostile = '"><script>alert(1)</script>';
    const values: FormFields = {
      'organisation.name': hostile,
      'answers.boardComposition': `</textarea><script>alert(2)</script>`,
      'answers.legalForm': hostile,
      'answers.partnershipActors': [hostile],
    };
    // Messages come from the message table; a hostile path belongs to no field and is not shown.
    const errors = [fieldError('<script>alert(3)</script>', 'unknown_field')];

    // Act
    const page = render('full', {
      values,
      errors,
      idempotencyKey: hostile,
      hiddenFields: { [hostile]: hostile },
      heading: '<script>alert(4)</script>',
      action: 'javascript:"><script>',
    });

    // Assess
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;&#x2F;script&gt;');
    expect(textareaContent(page, 'answers.boardComposition')).toBe('</textarea><script>alert(2)</script>');
    expect(tags(page, 'input').find((t) => t.attrs.name === 'organisation.name')?.attrs.value).toBe(hostile);
  });

  it('renders English when asked, with translated validation messages', () => {
    // Prepare
    const errors: ValidationError[] = [{ path: 'answers.boardComposition', code: 'too_long', params: { max: 4000 } }];

    // Act
    const page = renderApplyForm({ type: 'full', locale: pickLocale('en-GB'), idempotencyKey: 'k', errors });

    // Assess
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<h1>Apply for the Quality Mark (QM)</h1>');
    expect(page).toContain('How is the board composed?');
    expect(page).toContain('There is a problem with the form');
    expect(page).toContain('The answer may be at most 4000 characters.');
    expect(page).toContain('<input type="hidden" name="locale" value="en">');
  });
});

describe('fieldId', () => {
  it('makes safe element ids from field names', () => {
    // Prepare / Act / Assess
    expect(fieldId('answers.annualBudget')).toBe('field-answers-annualBudget');
    expect(fieldId('a b"<c>')).toBe('field-a-b--c-');
  });
});

describe('renderPage', () => {
  it('is a complete, self-contained HTML5 document', () => {
    // Prepare
    const body = html`<h1>${'Rubrik & <mer>'}</h1>`;

    // Act
    const page = renderPage({ title: 'Rubrik & <mer>', lang: 'sv', body });

    // Assess
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="sv">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toContain('<title>Rubrik &amp; &lt;mer&gt; – Svenska Stadskärnor</title>');
    expect(page).toContain('<header class="site-header"><p><a href="/">Svenska Stadskärnor · Kvalitetsmärkning (QM)</a></p></header>');
    expect(page).toContain('<h1>Rubrik &amp; &lt;mer&gt;</h1>');
    expect(page).toContain('<link rel="stylesheet" href="/styles.css">');
    expect(page.replace('<link rel="stylesheet" href="/styles.css">', '')).not.toMatch(/<script|<link|<style|\bsrc=|@import|url\(/i);
    expect(pageContentSecurityPolicy).toContain("style-src 'self'");
  });
});

describe('pickLocale', () => {
  it.each([
    [undefined, 'sv'],
    ['', 'sv'],
    ['sv', 'sv'],
    ['sv-SE,en;q=0.8', 'sv'],
    ['en', 'en'],
    ['EN-gb', 'en'],
    ['de', 'sv'],
  ])('%j → %s', (value, expected) => {
    // Prepare (value) / Act / Assess
    expect(pickLocale(value)).toBe(expected);
  });
});
