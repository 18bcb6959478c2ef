import { honeypotFieldName, partnerFieldNames, type FormFields } from '../domain/application-form.js';
import { maxPartners, partnerRoles } from '../domain/partners.js';
import { sectionsFor, type Question, type Section } from '../domain/question-catalogue.js';
import {
  applicantFieldPaths,
  contactFields as contactFieldDescriptions,
  organisationFields as organisationFieldDescriptions,
  type ApplicantField,
  type ApplicantFieldGroup,
} from '../domain/applicant-fields.js';
import type { ApplicationType } from '../domain/application-type.js';
import type { Locale } from '../domain/locale.js';
import { paths } from '../http/paths.js';
import { href, html, renderPage, type HtmlSafeString } from './layout.template.js';
import { fieldTextFor, uiMessages, type UiMessages } from './messages.js';
import { validationMessage } from './validation-messages.js';
import type { ValidationError } from '../domain/validation-error.js';

export interface ApplyFormOptions {
  type: ApplicationType;
  locale: Locale;
  /** Field values to show: the posted fields after an error, or `applicationToFormValues(...)` to prefill. */
  values?: FormFields;
  /** As `validateApplication` reports them (dotted path, code); the form says them in its locale. */
  errors?: readonly ValidationError[];
  idempotencyKey: string;
  /** Where the form posts; default `/applications`. */
  action?: string;
  /** Replaces the default heading ("Ansök om kvalitetsmärkning (QM)" / "Revidering av …"). */
  heading?: string;
  /** Replaces the default introduction (members only, free of charge): text, or markup built with `html`. */
  intro?: string | HtmlSafeString;
  /** Extra hidden fields, e.g. a token when completing an application. */
  hiddenFields?: Record<string, string>;
  /** Replaces the submit button (the self-evaluation has its own). */
  buttons?: HtmlSafeString;
  /** Shown under a section's legend (the criteria judged on it, in the self-evaluation). */
  sectionNote?: (section: Section) => HtmlSafeString | '';
  /** Questions to point out (a completion): question id → what the reviewer said about it. */
  highlights?: ReadonlyMap<string, string>;
}

/** The element id of a field, from its name: `answers.annualBudget` → `field-answers-annualBudget`. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

interface FieldContext {
  locale: Locale;
  text: UiMessages;
  values: FormFields;
  errorsFor: (name: string) => string[];
}

interface FieldSpec {
  name: string;
  label: string;
  help?: string | undefined;
  required: boolean;
  /**
   * The server's length limit, stated in the hint. Deliberately not a `maxlength` attribute: the
   * browser would cut pasted text silently, while the server refuses it with a message and the
   * form comes back with the whole text, to be shortened by the person who wrote it.
   */
  maxLength?: number | undefined;
}

const valuesOf = (values: FormFields, name: string): string[] => {
  const value = values[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
const firstOf = (values: FormFields, name: string): string => valuesOf(values, name)[0] ?? '';

function requiredMark(required: boolean, text: UiMessages): HtmlSafeString {
  return required
    ? html` <span class="required">(${text.required})</span>`
    : html` <span class="optional">(${text.optional})</span>`;
}

/** Hint and inline errors, plus the ids for aria-describedby. */
function describe(spec: FieldSpec, ctx: FieldContext) {
  const id = fieldId(spec.name);
  const errors = ctx.errorsFor(spec.name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const help = [spec.help, spec.maxLength ? ctx.text.maxLength(spec.maxLength) : undefined].filter(Boolean).join(' ');
  const describedBy = [help ? hintId : null, errors.length ? errorId : null].filter(Boolean).join(' ');
  const hint = help ? html`<span class="hint" id="${hintId}">${help}</span>` : '';
  const error = errors.length
    ? html`<span class="error-message" id="${errorId}">${errors.map(
        (message, i) =>
          html`${i > 0 ? html`<br>` : ''}<span class="visually-hidden">${ctx.text.errorPrefix} </span>${message}`,
      )}</span>`
    : '';
  return {
    id,
    invalid: errors.length > 0,
    hint,
    error,
    describedBy: describedBy ? html` aria-describedby="${describedBy}"` : '',
    invalidAttr: errors.length ? html` aria-invalid="true"` : '',
    wrapperClass: errors.length ? 'field field-error' : 'field',
  };
}

interface InputSpec extends FieldSpec {
  inputType?: 'text' | 'email' | 'tel' | 'url';
  autocomplete?: string;
  inputmode?: string;
  narrow?: boolean;
  spellcheck?: boolean;
}

function textInput(spec: InputSpec, ctx: FieldContext): HtmlSafeString {
  const d = describe(spec, ctx);
  return html`<div class="${d.wrapperClass}">
<label for="${d.id}">${spec.label}${requiredMark(spec.required, ctx.text)}</label>
${d.hint}${d.error}<input type="${spec.inputType ?? 'text'}" id="${d.id}" name="${spec.name}" value="${firstOf(ctx.values, spec.name)}"${
    spec.narrow ? html` class="narrow"` : ''
  }${
    spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ''
  }${spec.inputmode ? html` inputmode="${spec.inputmode}"` : ''}${
    spec.spellcheck === false ? html` spellcheck="false"` : ''
  }${spec.required ? html` required` : ''}${d.invalidAttr}${d.describedBy}>
</div>`;
}

function textarea(spec: FieldSpec, ctx: FieldContext): HtmlSafeString {
  const d = describe(spec, ctx);
  return html`<div class="${d.wrapperClass}">
<label for="${d.id}">${spec.label}${requiredMark(spec.required, ctx.text)}</label>
${d.hint}${d.error}<textarea id="${d.id}" name="${spec.name}" rows="6"${spec.required ? html` required` : ''}${d.invalidAttr}${d.describedBy}>${firstOf(ctx.values, spec.name)}</textarea>
</div>`;
}

function select(
  spec: FieldSpec & { options: { value: string; label: string }[] },
  ctx: FieldContext,
): HtmlSafeString {
  const d = describe(spec, ctx);
  const chosen = firstOf(ctx.values, spec.name);
  return html`<div class="${d.wrapperClass}">
<label for="${d.id}">${spec.label}${requiredMark(spec.required, ctx.text)}</label>
${d.hint}${d.error}<select id="${d.id}" name="${spec.name}"${spec.required ? html` required` : ''}${d.invalidAttr}${d.describedBy}>
<option value="">${ctx.text.selectPlaceholder}</option>
${spec.options.map(
  (option) =>
    html`<option value="${option.value}"${option.value === chosen ? html` selected` : ''}>${option.label}</option>\n`,
)}</select>
</div>`;
}

function checkboxGroup(
  spec: FieldSpec & { options: { value: string; label: string }[] },
  ctx: FieldContext,
): HtmlSafeString {
  const d = describe(spec, ctx);
  const chosen = new Set(valuesOf(ctx.values, spec.name));
  // The first box carries the field's own id, so error links land on the group.
  const boxId = (index: number, value: string) => (index === 0 ? d.id : `${d.id}-${fieldId(value).slice(6)}`);
  return html`<div class="${d.wrapperClass}">
<fieldset${d.describedBy}>
<legend class="label">${spec.label}${requiredMark(spec.required, ctx.text)}</legend>
${d.hint}${d.error}${spec.options.map(
    (option, index) => html`<div class="checkbox"><input type="checkbox" id="${boxId(index, option.value)}" name="${spec.name}" value="${option.value}"${
      chosen.has(option.value) ? html` checked` : ''
    }${d.invalidAttr}><label for="${boxId(index, option.value)}">${option.label}</label></div>
`,
  )}</fieldset>
</div>`;
}

function singleCheckbox(spec: FieldSpec, ctx: FieldContext): HtmlSafeString {
  const d = describe(spec, ctx);
  const checked = valuesOf(ctx.values, spec.name).some((v) => ['true', 'on', '1'].includes(v.trim().toLowerCase()));
  return html`<div class="${d.wrapperClass}">
${d.hint}${d.error}<div class="checkbox"><input type="checkbox" id="${d.id}" name="${spec.name}" value="true"${
    checked ? html` checked` : ''
  }${d.invalidAttr}${d.describedBy}><label for="${d.id}">${spec.label}</label></div>
</div>`;
}

function questionField(question: Question, ctx: FieldContext): HtmlSafeString {
  const spec: FieldSpec = {
    name: `answers.${question.id}`,
    label: question.label[ctx.locale],
    help: question.help?.[ctx.locale],
    required: question.required,
  };
  switch (question.kind) {
    case 'text':
      return textInput({ ...spec, maxLength: question.maxLength ?? 200 }, ctx);
    case 'url':
      return textInput(
        { ...spec, inputType: 'url', maxLength: question.maxLength ?? 500, autocomplete: 'url', spellcheck: false },
        ctx,
      );
    case 'textarea':
      return textarea({ ...spec, maxLength: question.maxLength ?? 4000 }, ctx);
    case 'number':
      // type="text": numbers are written with spaces ("1 200 000"), which type="number" rejects.
      return textInput({ ...spec, inputmode: question.integer ? 'numeric' : 'decimal', narrow: true }, ctx);
    case 'select':
    case 'multiselect': {
      const options = question.options.map((o) => ({ value: o.value, label: o.label[ctx.locale] }));
      return question.kind === 'select' ? select({ ...spec, options }, ctx) : checkboxGroup({ ...spec, options }, ctx);
    }
    case 'boolean':
      return singleCheckbox(spec, ctx);
  }
}

/**
 * One organisation or contact field, from its description (applicant-fields.ts) and its words.
 * Free text states its length limit in the hint; a value with a form of its own (an organisation
 * number, an address, a phone number) says its form instead. Values that are not words (numbers,
 * web and email addresses) are not spell-checked; short ones (numbers) get a narrow box.
 */
function applicantField(group: ApplicantFieldGroup, field: ApplicantField, ctx: FieldContext): HtmlSafeString {
  const text = fieldTextFor(ctx.locale, `${group}.${field.key}`);
  const freeText = (field.input === 'text' && !field.normaliser) || field.input === 'url';
  return textInput(
    {
      name: `${group}.${field.key}`,
      label: text?.label ?? field.key,
      help: text?.help,
      required: field.required,
      ...(freeText ? { maxLength: field.maxLength } : {}),
      inputType: field.input,
      ...(field.autocomplete ? { autocomplete: field.autocomplete } : {}),
      narrow: Boolean(field.normaliser) || field.input === 'tel',
      ...(field.normaliser || field.input === 'url' || field.input === 'email' ? { spellcheck: false } : {}),
    },
    ctx,
  );
}

function organisationFields(ctx: FieldContext): HtmlSafeString {
  return html`<fieldset id="section-organisation">
<legend>${ctx.text.organisationLegend}</legend>
${organisationFieldDescriptions.map((field) => html`${applicantField('organisation', field, ctx)}\n`)}</fieldset>`;
}

function contactFields(ctx: FieldContext): HtmlSafeString {
  return html`<fieldset id="section-contact">
<legend>${ctx.text.contactLegend}</legend>
<p class="hint" id="contact-privacy">${ctx.text.contactPrivacy} <a href="${href(paths.privacy)}">${ctx.text.privacyLink}</a>.</p>
${contactFieldDescriptions.map((field) => html`${applicantField('contact', field, ctx)}\n`)}</fieldset>`;
}

/** Room for up to `maxPartners` partners, one row each, no JavaScript needed. */
function partnerFields(ctx: FieldContext): HtmlSafeString {
  const t = ctx.text.partners;
  const listErrors = ctx.errorsFor('partners');
  return html`<fieldset id="${fieldId('partners')}">
<legend>${t.legend}</legend>
<p class="hint">${t.intro}</p>
${listErrors.length ? html`<span class="error-message"><span class="visually-hidden">${ctx.text.errorPrefix} </span>${listErrors.join(' ')}</span>` : ''}
${Array.from({ length: maxPartners }, (_, i) => {
  const name = (key: string) => `partners.${i}.${key}`;
  const required = i < 2;
  return html`<fieldset id="section-partner-${i}">
<legend>${t.row(i + 1)}</legend>
${select({ name: name('role'), label: t.role, required, options: partnerRoles.map((role) => ({ value: role, label: t.roles[role] })) }, ctx)}
${textInput({ name: name('organisation'), label: t.organisation, required, maxLength: 200 }, ctx)}
${textInput({ name: name('name'), label: t.name, required, maxLength: 200 }, ctx)}
${textInput({ name: name('email'), label: t.email, required, inputType: 'email', maxLength: 254, spellcheck: false }, ctx)}
</fieldset>
`;
})}</fieldset>`;
}

/** The rendered field names (for mapping error paths to anchors) with their labels. */
function fieldLabels(type: ApplicationType, locale: Locale): Map<string, string> {
  const text = uiMessages[locale];
  const labels = new Map<string, string>();
  labels.set('partners', text.partners.legend);
  for (let i = 0; i < maxPartners; i++) {
    for (const key of partnerFieldNames) labels.set(`partners.${i}.${key}`, `${text.partners.row(i + 1)}: ${text.partners[key]}`);
  }
  for (const path of applicantFieldPaths) labels.set(path, fieldTextFor(locale, path)?.label ?? path);
  for (const section of sectionsFor(type)) {
    for (const question of section.questions) labels.set(`answers.${question.id}`, question.label[locale]);
  }
  return labels;
}

/** The field an error belongs to: its path, or the nearest rendered ancestor (`answers.x.0` → `answers.x`). */
function fieldForPath(path: string, labels: Map<string, string>): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const candidate = parts.slice(0, n).join('.');
    if (labels.has(candidate)) return candidate;
  }
  return undefined;
}

function errorSummary(errors: readonly ValidationError[], labels: Map<string, string>, ctx: FieldContext): HtmlSafeString {
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${ctx.text.errorSummaryTitle}</h2>
<ul>
${errors.map((error) => {
  const field = fieldForPath(error.path, labels);
  const message = validationMessage(error, ctx.locale);
  return field
    ? html`<li><a href="#${fieldId(field)}">${labels.get(field)} – ${message}</a></li>\n`
    : html`<li>${message}</li>\n`;
})}</ul>
</div>`;
}

/** The heading, introduction, error summary and form, as a fragment for `renderPage`. */
export function applyFormBody(options: ApplyFormOptions): HtmlSafeString {
  const { type, locale, values = {}, errors = [], idempotencyKey, action = paths.applications } = options;
  const text = uiMessages[locale];
  const labels = fieldLabels(type, locale);

  const byField = new Map<string, string[]>();
  for (const error of errors) {
    const field = fieldForPath(error.path, labels);
    if (field) byField.set(field, [...(byField.get(field) ?? []), validationMessage(error, locale)]);
  }
  const ctx: FieldContext = { locale, text, values, errorsFor: (name) => byField.get(name) ?? [] };

  // No idempotency key, no field: a form that is not an application (the self-evaluation) has none.
  const hidden = { ...options.hiddenFields, type, ...(idempotencyKey ? { idempotencyKey } : {}), locale };
  return html`<h1>${options.heading ?? text.applyTitle[type]}</h1>
<div class="notice">${typeof options.intro === 'string' || options.intro === undefined ? html`<p>${options.intro ?? text.applyIntro[type]}</p>` : options.intro}</div>
<p>${text.checklistNote}</p>
${errors.length ? errorSummary(errors, labels, ctx) : ''}
<form method="post" action="${action}" accept-charset="utf-8" novalidate>
${Object.entries(hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">\n`)}<div class="hp" aria-hidden="true"><label for="hp-${honeypotFieldName}">Lämna tomt</label><input type="text" id="hp-${honeypotFieldName}" name="${honeypotFieldName}" value="" tabindex="-1" autocomplete="off"></div>
<p>${text.requiredNote}</p>
${organisationFields(ctx)}
${contactFields(ctx)}
${partnerFields(ctx)}
${sectionsFor(type).map(
  (section) => html`<fieldset id="section-${section.id}">
<legend>${section.title[locale]}</legend>
${options.sectionNote?.(section) ?? ''}${section.questions.map((question) => {
  const note = options.highlights?.get(question.id);
  // A question the reviewer asks about stands out, with what the reviewer said.
  return note ? html`<div class="notice"><p><strong>${note}</strong></p>${questionField(question, ctx)}</div>\n` : html`${questionField(question, ctx)}\n`;
})}</fieldset>
`,
)}${options.buttons ?? html`<p><button type="submit">${text.submit}</button></p>`}
</form>`;
}

/** The whole application page for the type: heading, intro, error summary and the form. */
export function renderApplyForm(options: ApplyFormOptions): string {
  const text = uiMessages[options.locale];
  const heading = options.heading ?? text.applyTitle[options.type];
  const title = options.errors?.length ? `${text.errorTitlePrefix}${heading}` : heading;
  return renderPage({ title, lang: options.locale, body: applyFormBody(options) });
}
