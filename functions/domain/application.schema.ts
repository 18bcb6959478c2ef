import { z } from 'zod';
import { formatFormNumber } from './application-form.js';
import { organisationNumberSchema } from './organisation-number.js';
import {
  applicationTypes,
  locales,
  questionsFor,
  type ApplicationType,
  type Question,
} from './question-catalogue.js';

/**
 * The body of a QM application (JSON API and HTML form alike), with validators generated from the
 * question catalogue. Specific messages are Swedish; zod's Swedish locale covers anything generic.
 */
z.config(z.locales.sv());

// --- Messages --------------------------------------------------------------------------------

export const messages = {
  answerRequired: 'Besvara frågan.',
  chooseOne: 'Välj ett av alternativen.',
  chooseAtLeastOne: 'Välj minst ett alternativ.',
  unknownOption: 'Välj bland de alternativ som finns.',
  number: 'Ange ett tal, till exempel 1 200 000.',
  integer: 'Ange ett heltal.',
  numberMin: (min: number) => `Talet får inte vara mindre än ${formatFormNumber(min)}.`,
  numberMax: (max: number) => `Talet får inte vara större än ${formatFormNumber(max)}.`,
  tooLong: (max: number) => `Svaret får vara högst ${max} tecken.`,
  text: 'Svaret ska vara text.',
  url: 'Ange en giltig webbadress, till exempel https://exempelstad.se.',
  booleanValue: 'Svaret ska vara ja eller nej.',
  type: 'Ange typ av ansökan: "full" (ny ansökan) eller "revision" (revidering).',
  locale: 'Språket ska vara "sv" eller "en".',
  organisationName: 'Ange organisationens namn.',
  town: 'Ange ort.',
  municipality: 'Ange kommun.',
  contactName: 'Ange kontaktpersonens namn.',
  contactRole: 'Ange kontaktpersonens roll, till exempel centrumchef.',
  emailRequired: 'Ange kontaktpersonens e-postadress.',
  email: 'Ange en giltig e-postadress.',
  phone: 'Ange ett giltigt telefonnummer, till exempel 070-123 45 67.',
  body: 'Ansökan saknas eller har fel form.',
  organisation: 'Ange uppgifter om organisationen.',
  contact: 'Ange uppgifter om kontaktpersonen.',
  answers: 'Ange svaren på frågorna.',
  unknownQuestion: (type: ApplicationType) =>
    type === 'full' ? 'Frågan finns inte i en fullständig ansökan.' : 'Frågan finns inte i en revidering.',
  unknownField: 'Fältet finns inte i ansökan.',
} as const;

// --- Building blocks -------------------------------------------------------------------------

type AnswerValue = string | number | boolean | string[];
/** Answers keyed by question id; unanswered optional questions are absent. */
export type Answers = Record<string, AnswerValue>;

/** A required string: trimmed, non-empty, at most `max` characters. */
function requiredText(missing: string, max: number) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: messages.tooLong(max) });
}

/** An optional string: trimmed; empty counts as not given (output undefined). */
function optionalText(max: number, typeMessage: string = messages.text) {
  return z
    .string({ error: typeMessage })
    .trim()
    .max(max, { error: messages.tooLong(max) })
    .transform((value) => (value === '' ? undefined : value))
    .optional();
}

/** Web addresses: `exempelstad.se` is read as `https://exempelstad.se`; only http(s) with a domain name. */
export function normaliseUrl(value: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && /^[^.\s]+(\.[^.\s]+)+$/.test(url.hostname);
  } catch {
    return false;
  }
}

function urlText(max: number, required: boolean) {
  const base = z
    .string({ error: required ? messages.answerRequired : messages.url })
    .trim()
    .max(max, { error: messages.tooLong(max) });
  const checked = (required ? base.min(1, { error: messages.answerRequired }) : base)
    .refine((value) => value === '' || isWebUrl(normaliseUrl(value)), { error: messages.url, abort: true })
    .transform((value) => (value === '' ? undefined : normaliseUrl(value)));
  return required ? checked : checked.optional();
}

/** Drops keys whose value is undefined (optional fields given as empty strings). */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// --- Answers, generated from the catalogue ---------------------------------------------------

/** The validator for one question's answer. */
export function answerSchemaFor(question: Question): z.ZodType<AnswerValue | undefined> {
  const { required } = question;
  switch (question.kind) {
    case 'text':
    case 'textarea': {
      const max = question.maxLength ?? (question.kind === 'text' ? 200 : 4000);
      return required ? requiredText(messages.answerRequired, max) : optionalText(max);
    }
    case 'url':
      return urlText(question.maxLength ?? 500, required);
    case 'number': {
      let schema = z.number({
        error: (issue) => (issue.input === undefined ? messages.answerRequired : messages.number),
      });
      if (question.integer) schema = schema.int({ error: messages.integer });
      if (question.min !== undefined) schema = schema.min(question.min, { error: messages.numberMin(question.min) });
      if (question.max !== undefined) schema = schema.max(question.max, { error: messages.numberMax(question.max) });
      return required ? schema : schema.optional();
    }
    case 'select': {
      const values = question.options.map((option) => option.value);
      const schema = z.enum(values as [string, ...string[]], {
        error: (issue) => (issue.input === undefined ? messages.chooseOne : messages.unknownOption),
      });
      return required ? schema : schema.optional();
    }
    case 'multiselect': {
      const values = question.options.map((option) => option.value);
      const schema = z
        .array(z.enum(values as [string, ...string[]], { error: messages.unknownOption }), {
          error: messages.chooseAtLeastOne,
        })
        .min(required ? 1 : 0, { error: messages.chooseAtLeastOne })
        .transform((chosen) => [...new Set(chosen)]);
      return required ? schema : schema.optional();
    }
    case 'boolean': {
      const schema = z.boolean({ error: messages.booleanValue });
      return required ? schema : schema.optional();
    }
  }
}

/** The strict `answers` object for a type: only that type's questions; unknown keys are errors. */
export function answersSchemaFor(type: ApplicationType): z.ZodType<Answers> {
  const shape: Record<string, z.ZodType> = {};
  for (const question of questionsFor(type)) {
    const schema = answerSchemaFor(question);
    shape[question.id] = schema.meta({
      title: question.label.sv,
      ...(question.help ? { description: question.help.sv } : {}),
    });
  }
  return z
    .strictObject(shape, { error: messages.answers })
    .transform((answers) => withoutUndefined(answers) as Answers);
}

// --- The application ---------------------------------------------------------------------------

export const organisationSchema = z
  .strictObject(
    {
      organisationNumber: organisationNumberSchema,
      name: requiredText(messages.organisationName, 200),
      town: requiredText(messages.town, 100),
      municipality: requiredText(messages.municipality, 100),
      website: urlText(500, false),
    },
    { error: messages.organisation },
  )
  .transform(withoutUndefined);

const phoneText = z
  .string({ error: messages.phone })
  .trim()
  .max(30, { error: messages.phone })
  .refine((value) => value === '' || /^\+?[0-9][0-9 ()-]{4,}[0-9]$/.test(value), { error: messages.phone })
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const contactSchema = z
  .strictObject(
    {
      name: requiredText(messages.contactName, 200),
      role: requiredText(messages.contactRole, 100),
      email: requiredText(messages.emailRequired, 254)
        .pipe(z.email({ error: messages.email }))
        .meta({ description: 'E-postadress.', format: 'email' }),
      phone: phoneText,
    },
    { error: messages.contact },
  )
  .transform(withoutUndefined);

export const localeSchema = z.enum(locales, { error: messages.locale });

function applicationSchemaFor<T extends ApplicationType>(type: T) {
  return z.object({
    type: z.literal(type, { error: messages.type }),
    organisation: organisationSchema,
    contact: contactSchema,
    answers: answersSchemaFor(type),
    locale: localeSchema.optional(),
  });
}

export const fullApplicationSchema = applicationSchemaFor('full');
export const revisionApplicationSchema = applicationSchemaFor('revision');

/** Either version, chosen by `type`. Unknown top-level keys are dropped; nested objects are strict. */
export const applicationSchema = z.discriminatedUnion('type', [fullApplicationSchema, revisionApplicationSchema], {
  error: messages.type,
});

export type ApplicationInput = z.output<typeof applicationSchema>;
export type FullApplication = z.output<typeof fullApplicationSchema>;
export type RevisionApplication = z.output<typeof revisionApplicationSchema>;

// --- Validation result ---------------------------------------------------------------------------

export interface ValidationError {
  /** Dot-joined path, e.g. `organisation.organisationNumber`, `answers.annualBudget`; `''` for the body. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; value: ApplicationInput } | { ok: false; errors: ValidationError[] };

/** What is checked when `type` is missing or unknown, so the other errors are still reported. */
const typelessSchema = z.object({
  organisation: organisationSchema,
  contact: contactSchema,
  locale: localeSchema.optional(),
});

function toValidationErrors(issues: readonly z.core.$ZodIssue[], type?: ApplicationType): ValidationError[] {
  return issues.flatMap((issue): ValidationError[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const inAnswers = path.length === 1 && path[0] === 'answers';
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: inAnswers && type ? messages.unknownQuestion(type) : messages.unknownField,
      }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/** Validates a body; on failure lists every problem with its dotted path and a Swedish message. */
export function validateApplication(body: unknown): ValidationResult {
  const result = applicationSchema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };

  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && (applicationTypes as readonly string[]).includes(type)) {
    return { ok: false, errors: toValidationErrors(result.error.issues, type as ApplicationType) };
  }
  // No valid type: report it, then whatever else can be checked without knowing the questions.
  const errors: ValidationError[] = [{ path: 'type', message: messages.type }];
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const rest = typelessSchema.safeParse(body);
    if (!rest.success) errors.push(...toValidationErrors(rest.error.issues));
  } else {
    errors.unshift({ path: '', message: messages.body });
  }
  return { ok: false, errors };
}

// --- JSON Schema -------------------------------------------------------------------------------------

export const applicationJsonSchemaId = 'https://qm.stadskarnor.example/schemas/qm-application.json';

/** The request body as JSON Schema (draft 2020-12), generated from the zod schema's input side. */
export function applicationJsonSchema(): Record<string, unknown> {
  // Everything in the schema is representable (a test checks it), so no 'unrepresentable' fallback is needed.
  const schema = z.toJSONSchema(applicationSchema, { io: 'input' });
  return {
    $id: applicationJsonSchemaId,
    title: 'Ansökan om kvalitetsmärkning (QM)',
    description: 'En fullständig ansökan (type "full") eller en revidering (type "revision") av kvalitetsmärkningen.',
    ...schema,
  };
}
