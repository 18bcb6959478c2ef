import type { ApplicationSubmission } from './application.schema.js';
import { formatFormNumber, parseFormNumber } from './form-number.js';
import { maxPartners } from './partners.js';
import {
  findQuestion,
  questionCatalogue,
  questionsFor,
  type Question,
} from './question-catalogue.js';
import { isApplicationType, type ApplicationType } from './application-type.js';
import { applicantFieldGroups, contactFields, organisationFields, type ApplicantField, type ApplicantFieldGroup } from './applicant-fields.js';
import { locales, type Locale } from './locale.js';

/**
 * HTML form submissions <-> the application body, so one validator (`validateApplication`) serves
 * both the JSON API and the no-JavaScript form.
 *
 * Field names are dotted paths: `organisation.name`, `contact.email`, `answers.<questionId>`.
 * Checkboxes of a multiselect repeat their name; a boolean is one checkbox with value "true".
 * `type`, `idempotencyKey` and `locale` are meta fields; other top-level names (hidden fields
 * such as tokens) are ignored here.
 */

/** As produced by application/x-www-form-urlencoded parsing: repeated names give arrays. */
export type FormFields = Record<string, string | string[] | undefined>;
/** Values for (pre)filling a form, keyed by field name. */
export type FormValues = Record<string, string | string[]>;

/** A partner's fields: `partners.<0..7>.<field>`; the form has room for `maxPartners` rows, empty rows are left out. */
export const partnerFieldNames = ['role', 'organisation', 'name', 'email'] as const;
/**
 * The honeypot: a field people never see (hidden from sight and from assistive technology) that
 * form-filling bots do fill. A submission with it filled is answered as usual and otherwise dropped.
 */
export const honeypotFieldName = 'homepage';

/** The body built from a form, before validation (values are still untrusted). */
export interface ApplicationFormBody {
  type: string | undefined;
  organisation: Record<string, string>;
  contact: Record<string, string>;
  partners: Record<string, string>[];
  answers: Record<string, unknown>;
  locale?: Locale;
}

export interface FormMeta {
  /** Only when present and well-formed (letters, digits, `-`, `_`, `.`, `:`; at most 128). */
  idempotencyKey?: string;
  /** The application type of the form; `full` when missing or unknown (validation reports it). */
  type: ApplicationType;
  locale?: Locale;
  /** The honeypot was filled: a bot, not a person. */
  honeypotFilled: boolean;
}

const allValues = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The first non-empty, trimmed value of a field, or undefined. */
function firstValue(fields: FormFields, name: string): string | undefined {
  for (const raw of allValues(fields[name])) {
    const value = raw.trim();
    if (value !== '') return value;
  }
  return undefined;
}

const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

export function extractFormMeta(fields: FormFields): FormMeta {
  const type = firstValue(fields, 'type');
  const key = firstValue(fields, 'idempotencyKey');
  const locale = firstValue(fields, 'locale');
  return {
    type: isApplicationType(type) ? type : 'full',
    ...(key !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(key) ? { idempotencyKey: key } : {}),
    ...(isLocale(locale) ? { locale } : {}),
    honeypotFilled: firstValue(fields, honeypotFieldName) !== undefined,
  };
}

/**
 * People type web addresses without the scheme ("exempelstad.se"): the form reads those as https.
 * The JSON API takes whole addresses only, as its schema says.
 */
export function normaliseUrl(value: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) ? value.replace(/^[a-z][a-z0-9+.-]*:/i, (scheme) => scheme.toLowerCase()) : `https://${value}`;
}

/** One answer from the form, or undefined when unanswered. */
function answerFromForm(question: Question, fields: FormFields): unknown {
  const name = `answers.${question.id}`;
  switch (question.kind) {
    case 'multiselect': {
      const chosen = allValues(fields[name])
        .map((v) => v.trim())
        .filter((v) => v !== '');
      return chosen.length > 0 ? chosen : undefined;
    }
    case 'boolean':
      // An unchecked checkbox is not sent at all: absent means "no".
      return allValues(fields[name]).some((v) => ['true', 'on', '1'].includes(v.trim().toLowerCase()));
    case 'number': {
      const text = firstValue(fields, name);
      if (text === undefined) return undefined;
      return parseFormNumber(text) ?? text;
    }
    case 'url': {
      const text = firstValue(fields, name);
      return text === undefined ? undefined : normaliseUrl(text);
    }
    default:
      return firstValue(fields, name);
  }
}

/** Builds the JSON body from form fields; validate it with `validateApplication`. */
export function applicationBodyFromForm(fields: FormFields): ApplicationFormBody {
  const rawType = firstValue(fields, 'type');
  const type = isApplicationType(rawType) ? rawType : undefined;

  // The organisation and contact fields, as applicant-fields.ts describes them: `<group>.<key>`.
  const group = (fieldsOfGroup: readonly ApplicantField[], name: ApplicantFieldGroup) => {
    const values: Record<string, string> = {};
    for (const field of fieldsOfGroup) {
      const value = firstValue(fields, `${name}.${field.key}`);
      if (value !== undefined) values[field.key] = field.input === 'url' ? normaliseUrl(value) : value;
    }
    return values;
  };
  const organisation = group(organisationFields, 'organisation');
  const contact = group(contactFields, 'contact');

  const partners: Record<string, string>[] = [];
  for (let i = 0; i < maxPartners; i++) {
    const partner: Record<string, string> = {};
    for (const key of partnerFieldNames) {
      const value = firstValue(fields, `partners.${i}.${key}`);
      if (value !== undefined) partner[key] = value;
    }
    if (Object.keys(partner).length > 0) partners.push(partner);
  }

  const answers: Record<string, unknown> = {};
  const asked = type ? questionsFor(type) : questionCatalogue.sections.flatMap((s) => s.questions);
  const askedIds = new Set(asked.map((q) => q.id));
  for (const question of asked) {
    const value = answerFromForm(question, fields);
    if (value !== undefined) answers[question.id] = value;
  }
  // Anything else filled in under answers.* is passed on, so the strict schema reports it
  // (empty ones are dropped, as for the questions asked).
  for (const name of Object.keys(fields)) {
    if (!name.startsWith('answers.')) continue;
    const id = name.slice('answers.'.length);
    if (askedIds.has(id) || id === '') continue;
    const values = allValues(fields[name]).filter((v) => v.trim() !== '');
    if (values.length > 0) answers[id] = values.length === 1 ? values[0] : values;
  }

  const locale = firstValue(fields, 'locale');
  return {
    type: type ?? rawType,
    organisation,
    contact,
    partners,
    answers,
    ...(isLocale(locale) ? { locale } : {}),
  };
}

export interface FormValuesOptions {
  /**
   * Prefill a form of this type (e.g. a revision from the last full application): `type` is set
   * to it and only its questions are kept.
   */
  forType?: ApplicationType;
}

type StoredApplication = Pick<ApplicationSubmission, 'type' | 'organisation' | 'contact' | 'answers'> & {
  partners?: readonly Partial<Record<(typeof partnerFieldNames)[number], string>>[] | undefined;
  locale?: Locale | undefined;
};

/** Field values that prefill the form from a (stored) application; the inverse of `applicationBodyFromForm`. */
export function applicationToFormValues(input: StoredApplication, options: FormValuesOptions = {}): FormValues {
  const type = options.forType ?? input.type;
  const values: FormValues = { type };
  if (input.locale) values.locale = input.locale;

  for (const [name, fieldsOfGroup] of Object.entries(applicantFieldGroups)) {
    const stored: Record<string, string | undefined> = input[name as ApplicantFieldGroup];
    for (const field of fieldsOfGroup) {
      const value = stored[field.key];
      if (value !== undefined) values[`${name}.${field.key}`] = value;
    }
  }

  (input.partners ?? []).slice(0, maxPartners).forEach((partner, i) => {
    for (const key of partnerFieldNames) {
      const value = partner[key];
      if (value !== undefined) values[`partners.${i}.${key}`] = value;
    }
  });

  const keep = options.forType ? new Set(questionsFor(options.forType).map((q) => q.id)) : undefined;
  for (const [id, answer] of Object.entries(input.answers)) {
    if (keep && !keep.has(id)) continue;
    const name = `answers.${id}`;
    const question = findQuestion(id);
    if (Array.isArray(answer)) values[name] = answer.map(String);
    else if (typeof answer === 'boolean') {
      if (answer) values[name] = 'true';
    } else if (typeof answer === 'number') {
      values[name] = question?.kind === 'number' ? formatFormNumber(answer) : String(answer);
    } else if (answer !== undefined && answer !== null) values[name] = String(answer);
  }
  return values;
}
