import * as z from '../lib/zod.js';
import { firstErrors } from './error-list.js';
import { organisationNumberSchema } from './organisation-number.js';
import { contactFields, organisationFields, type ApplicantField, type ContactPerson, type Organisation } from './applicant-fields.js';
import { multiLinePattern, requiredMultiLinePattern, requiredSingleLinePattern, singleLinePattern } from './text-rules.js';
import { hasRequiredRoles, maxPartners, partnerRoles } from './partners.js';
import {
  questionCatalogue,
  questionsFor,
  type Question,
} from './question-catalogue.js';
import { applicationTypes, type ApplicationType } from './application-type.js';
import { locales } from './locale.js';
import { isValidationCode, type PlainValidationCode, type ValidationCode, type ValidationError } from './validation-error.js';

/**
 * The body of a QM application (JSON API and HTML form alike), with validators generated from the
 * question catalogue. Every check reports a code (validation-error.ts), never words: the code rides
 * in the zod issue's message, and `toValidationErrors` turns issues into `{ path, code, params }`.
 * The edge says them in the reader's language (templates/validation-messages.ts).
 */

/** A code as a check's `error`: the issue's message is the code itself. */
const code = (value: ValidationCode): ValidationCode => value;

/**
 * zod's own issues, for any check without its own code, mapped to ours. Passed to each parse here
 * rather than set process-wide with `z.config` (importing this module must not change every other
 * zod error in the process); a check's own `error` takes precedence over it.
 */
function zodIssueCode(issue: Pick<z.core.$ZodRawIssue, 'code'> & { expected?: unknown; origin?: unknown; format?: unknown }): ValidationCode {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' ? 'number_invalid' : issue.expected === 'boolean' ? 'boolean_invalid' : issue.expected === 'string' ? 'not_text' : 'body_invalid';
    case 'too_big':
      return issue.origin === 'array' ? 'too_many_options' : issue.origin === 'number' ? 'number_too_large' : 'too_long';
    case 'too_small':
      return issue.origin === 'number' ? 'number_too_small' : 'answer_required';
    case 'invalid_value':
      return 'unknown_option';
    case 'invalid_format':
      return issue.format === 'email' ? 'email_invalid' : issue.format === 'url' ? 'url_invalid' : 'not_text';
    case 'not_multiple_of':
      return 'integer_required';
    case 'unrecognized_keys':
      return 'unknown_field';
    default:
      return 'body_invalid';
  }
}
const codedIssues = { error: zodIssueCode };

// --- Building blocks -------------------------------------------------------------------------
// Each rule is written once, as a zod check that JSON Schema can express where it can (lengths,
// `pattern`, `format`, enums, list bounds): validation runs it and the published schema states it,
// so the two cannot drift. Rules JSON Schema cannot express are stated in `description`s.

type AnswerValue = string | number | boolean | string[];
/** Answers keyed by question id; unanswered optional questions are absent. */
export type Answers = Record<string, AnswerValue>;

type TextKind = 'singleLine' | 'multiLine';
const textPatterns = {
  singleLine: { optional: singleLinePattern, required: requiredSingleLinePattern, error: code('single_line_invalid') },
  multiLine: { optional: multiLinePattern, required: requiredMultiLinePattern, error: code('multi_line_invalid') },
} as const;

/**
 * A required string: trimmed, not blank, at most `max` characters, no control characters. The
 * blank check comes first with its own code; the published pattern states it too.
 */
function requiredText(missing: ValidationCode, max: number, kind: TextKind = 'singleLine') {
  return z
    .string({ error: missing })
    .trim()
    .refine((value) => value !== '', { error: missing, abort: true })
    .max(max, { error: code('too_long'), abort: true })
    .regex(textPatterns[kind].required, { error: textPatterns[kind].error });
}

/** An optional string: trimmed; empty counts as not given (output undefined). */
function optionalText(max: number, kind: TextKind = 'singleLine') {
  return z
    .string({ error: code('not_text') })
    .trim()
    .max(max, { error: code('too_long'), abort: true })
    .regex(textPatterns[kind].optional, { error: textPatterns[kind].error })
    .transform((value) => (value === '' ? undefined : value))
    .optional();
}

/**
 * A web address people can open: http(s), a host name with a dot and a top-level domain of letters,
 * no port, no white space or control characters. Host names may have the letters of Swedish and
 * other European languages (Latin-1 and Latin Extended-A: å, ä, ö, é, ü, ø, æ, …): all of them
 * pass the URL parser's IDNA step, which not every Unicode letter does. Empty means "not given"
 * for optional fields. The form also takes an address without `https://` (see
 * application-form.ts); the API wants it whole, as its schema says.
 */
export const webUrlPattern =
  /^(?:https?:\/\/(?:[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f](?:[-A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f]{0,61}[A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u017f])?\.)+[A-Za-z]{2,63}(?:[/?#][^\s\p{Cc}\p{Cf}]*)?)?$/u;

/**
 * zod runs a check only when its `when` says so (a documented core option its typings leave out for
 * string formats): an optional field's empty string means "not given", not "not a URL".
 */
function skipWhenEmpty<P extends object>(params: P): P {
  return { ...params, when: (payload: { value: unknown }) => payload.value !== '' } as P;
}

function urlText(max: number, required: boolean) {
  let text = z.string({ error: required ? code('answer_required') : code('url_invalid') }).trim();
  if (required) text = text.refine((value) => value !== '', { error: code('answer_required'), abort: true });
  const checked = text
    .max(max, { error: code('too_long'), abort: true })
    .regex(webUrlPattern, { error: code('url_invalid'), abort: true })
    // The pattern states the rule in the schema; the WHATWG parser is the final word on "can be opened".
    .check(z.url(skipWhenEmpty({ protocol: /^https?$/, error: code('url_invalid') })))
    .transform((value) => (value === '' ? undefined : value));
  return required ? checked : checked.optional();
}

/**
 * An address mail can be delivered to (RFC 5321): local part at most 64 characters, each domain
 * label at most 63, the whole at most 254; ASCII letters, digits and the usual punctuation.
 */
export const emailPattern =
  /^(?=[^@]{1,64}@)[A-Za-z0-9_'+-]+(?:\.[A-Za-z0-9_'+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
export const emailMaxLength = 254;

function emailText(missing: ValidationCode) {
  return z
    .string({ error: missing })
    .trim()
    .refine((value) => value !== '', { error: missing, abort: true })
    .max(emailMaxLength, { error: code('email_too_long'), abort: true })
    // The specific limits first, so that a too long address is told why (the pattern states them too).
    .refine((value) => (value.split('@')[0] ?? '').length <= 64, { error: code('email_local_part_too_long'), abort: true })
    .refine((value) => (value.split('@')[1] ?? '').split('.').every((label) => label.length <= 63), {
      error: code('email_label_too_long'),
      abort: true,
    })
    .check(z.email({ pattern: emailPattern, error: code('email_invalid') }));
}

/** Swedish numbers as people write them: an optional +, digits, spaces, dashes and brackets. */
export const phonePattern = /^(?:\+?[0-9][0-9 ()-]{4,}[0-9])?$/;

/** An optional phone number; a too long one is told the form, like any other wrong one. */
function phoneText(max: number) {
  return z
    .string({ error: code('phone_invalid') })
    .trim()
    .max(max, { error: code('phone_invalid'), abort: true })
    .regex(phonePattern, { error: code('phone_invalid') })
    .transform((value) => (value === '' ? undefined : value))
    .optional();
}

/** A list of `min` to `max` items; the schema publishes the bounds as `minItems`/`maxItems`. */
function boundedList<T extends z.ZodType>(item: T, max: number, min: number, minMessage: ValidationCode) {
  return z
    .array(item, { error: minMessage })
    .min(min, { error: minMessage })
    .max(max, { error: code('too_many_options') });
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
      const kind = question.kind === 'text' ? 'singleLine' : 'multiLine';
      return required ? requiredText('answer_required', max, kind) : optionalText(max, kind);
    }
    case 'url':
      return urlText(question.maxLength ?? 500, required);
    case 'number': {
      let schema = z.number({
        error: (issue) => (issue.input === undefined ? code('answer_required') : code('number_invalid')),
      });
      if (question.integer) schema = schema.int({ error: code('integer_required') });
      if (question.min !== undefined) schema = schema.min(question.min, { error: code('number_too_small') });
      if (question.max !== undefined) schema = schema.max(question.max, { error: code('number_too_large') });
      return required ? schema : schema.optional();
    }
    case 'select': {
      const values = question.options.map((option) => option.value);
      const schema = z.enum(values as [string, ...string[]], {
        error: (issue) => (issue.input === undefined ? code('choose_one') : code('unknown_option')),
      });
      return required ? schema : schema.optional();
    }
    case 'multiselect': {
      const values = question.options.map((option) => option.value);
      // Each option at most once in spirit; repeats within the bound are tolerated and dropped.
      const schema = boundedList(
        z.enum(values as [string, ...string[]], { error: code('unknown_option') }),
        values.length,
        required ? 1 : 0,
        'choose_at_least_one',
      ).transform((chosen) => [...new Set(chosen)]);
      return required ? schema : schema.optional();
    }
    case 'boolean': {
      const schema = z.boolean({ error: code('boolean_invalid') });
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
    .strictObject(shape, { error: code('answers_invalid') })
    .transform((answers) => withoutUndefined(answers) as Answers);
}

// --- The application ---------------------------------------------------------------------------

/**
 * The validator for one organisation or contact field, from its description. A combination no
 * field has yet (an optional address, a required phone number) stops at load with this message:
 * write its rule here first.
 */
function applicantFieldSchema(field: ApplicantField): z.ZodType {
  const unsupported = () => new Error(`applicant-fields.ts: no rule for ${field.required ? 'a required' : 'an optional'} ${field.input} field (${field.key})`);
  if (field.normaliser === 'organisationNumber') {
    if (!field.required) throw unsupported();
    return organisationNumberSchema;
  }
  switch (field.input) {
    case 'text':
      return field.required ? requiredText('field_required', field.maxLength) : optionalText(field.maxLength);
    case 'url':
      return urlText(field.maxLength, field.required);
    case 'email':
      if (!field.required || field.maxLength !== emailMaxLength) throw unsupported();
      return emailText('field_required');
    case 'tel':
      if (field.required) throw unsupported();
      return phoneText(field.maxLength);
  }
}

/** A group's strict object, generated from its field descriptions; empty optional fields are dropped. */
function applicantGroupSchema<T>(fields: readonly ApplicantField[], invalid: ValidationCode): z.ZodType<T> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fields) {
    const schema = applicantFieldSchema(field);
    shape[field.key] = field.schemaDescription ? schema.meta({ description: field.schemaDescription }) : schema;
  }
  // The cast states what the loop builds: the type mapped from the same descriptions.
  return z.strictObject(shape, { error: code(invalid) }).transform(withoutUndefined) as unknown as z.ZodType<T>;
}

export const organisationSchema = applicantGroupSchema<Organisation>(organisationFields, 'organisation_invalid');
export const contactSchema = applicantGroupSchema<ContactPerson>(contactFields, 'contact_invalid');

/** The partners of the collaboration; each is asked to confirm once the application is acknowledged. */
export const partnersSchema = z
  .array(
    z.strictObject(
      {
        role: z.enum(partnerRoles, { error: code('partner_role_invalid') }).meta({
          description: 'Partnerns roll: municipality (kommunen), property_owners (fastighetsägarna), business (handeln och näringslivet) eller other (annan part).',
        }),
        organisation: requiredText('partner_organisation_required', 200),
        name: requiredText('partner_name_required', 200),
        email: emailText('partner_email_required').meta({ description: 'Partnerns e-postadress: dit skickas länken för att bekräfta samverkan.' }),
      },
      { error: code('partners_invalid') },
    ),
    { error: code('partners_invalid') },
  )
  .max(maxPartners, { error: code('too_many_partners') })
  .refine(hasRequiredRoles, { error: code('partner_roles_required') })
  .meta({
    description:
      `Samverkanspartnerna (högst ${maxPartners}): minst en med rollen municipality och minst en med rollen property_owners eller business ` +
      '(annars felkoden partner_roles_required). Var och en får en länk för att bekräfta att de står bakom ansökan och dess finansieringsavtal.',
  });

export const localeSchema = z.enum(locales, { error: code('locale_invalid') });

function applicationSchemaFor<T extends ApplicationType>(type: T) {
  return z.object({
    type: z.literal(type, { error: code('type_invalid') }),
    organisation: organisationSchema,
    contact: contactSchema,
    partners: partnersSchema,
    answers: answersSchemaFor(type),
    locale: localeSchema.optional(),
  });
}

export const fullApplicationSchema = applicationSchemaFor('full');
export const revisionApplicationSchema = applicationSchemaFor('revision');

/** Either version, chosen by `type`. Unknown top-level keys are dropped; nested objects are strict. */
export const applicationSchema = z.discriminatedUnion('type', [fullApplicationSchema, revisionApplicationSchema], {
  error: code('type_invalid'),
});

/** What the applicant submitted, validated: the schema's output, the one type of a submission. */
export type ApplicationSubmission = z.output<typeof applicationSchema>;

// --- Validation result ---------------------------------------------------------------------------

export type { ValidationError } from './validation-error.js';

export type ValidationResult =
  | { ok: true; value: ApplicationSubmission }
  /** `errors` holds at most the first `maxListedErrors`; `errorCount` says how many there were. */
  | { ok: false; errors: ValidationError[]; errorCount: number };

/** What is checked when `type` is missing or unknown, so the other errors are still reported. */
const typelessSchema = z.object({
  organisation: organisationSchema,
  contact: contactSchema,
  partners: partnersSchema,
  locale: localeSchema.optional(),
});

/** A bound from a too_big / too_small issue (zod reports number or bigint). */
const bound = (value: unknown): number => Number(value);

/** One issue as our error: its code (the message, see `code`) and the data the words need. */
function toValidationError(issue: z.core.$ZodIssue, path: string): ValidationError {
  const issueCode: ValidationCode = isValidationCode(issue.message) ? issue.message : zodIssueCode(issue);
  const limit = issue.code === 'too_big' ? bound(issue.maximum) : issue.code === 'too_small' ? bound(issue.minimum) : NaN;
  switch (issueCode) {
    case 'field_required':
      return { path, code: issueCode, params: { field: path } };
    case 'too_long':
    case 'too_many_options':
    case 'number_too_large':
    case 'too_many_partners':
      return { path, code: issueCode, params: { max: limit } };
    case 'number_too_small':
      return { path, code: issueCode, params: { min: limit } };
    case 'unknown_question':
    case 'idempotency_key_too_long':
      // Never reported by a check (unknown keys are handled below; the key is the handler's).
      return { path, code: 'unknown_field' };
    default:
      // The remaining codes take no data (the compiler narrows issueCode to them).
      return { path, code: issueCode } as ValidationError;
  }
}

function toValidationErrors(issues: readonly z.core.$ZodIssue[], type?: ApplicationType): ValidationError[] {
  return issues.flatMap((issue): ValidationError[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const inAnswers = path.length === 1 && path[0] === 'answers';
      return issue.keys.map((key): ValidationError => {
        const keyPath = [...path, key].join('.');
        return inAnswers && type ? { path: keyPath, code: 'unknown_question', params: { applicationType: type } } : { path: keyPath, code: 'unknown_field' };
      });
    }
    return [toValidationError(issue, path.join('.'))];
  });
}

/**
 * Validates a body; on failure lists the problems (the first `maxListedErrors`, and their number)
 * with their dotted paths, codes and the data their messages need.
 */
export function validateApplication(body: unknown): ValidationResult {
  const result = applicationSchema.safeParse(withListsCut(body), codedIssues);
  if (result.success) return { ok: true, value: result.data };
  // One field can fail two checks the same way (a website that is neither text nor a URL).
  const seen = new Set<string>();
  const unique = allValidationErrors(body, result.error.issues).filter((e) => {
    const key = `${e.path}\u0000${e.code}\u0000${JSON.stringify(e.params ?? null)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const { items, total } = firstErrors(unique);
  return { ok: false, errors: items, errorCount: total };
}

/** The longest list any field takes (a multiselect with every option chosen, or the partners). */
const longestList = Math.max(
  1,
  maxPartners,
  ...questionCatalogue.sections.flatMap((section) => section.questions).map((q) => (q.kind === 'multiselect' ? q.options.length : 0)),
);

/**
 * The body with every list cut to one item more than any field takes. Such a list is refused as
 * too long either way, and zod checks a list's items before its length: without the cut, a
 * hostile list of 200 000 items costs 200 000 item checks (and errors). The walk stops below the
 * deepest level the schema has (body → answers → list → item): zod does not look deeper either,
 * and a body nested 100 000 levels deep must not exhaust the stack here.
 */
function withListsCut(value: unknown, depth = 0): unknown {
  if (depth > 4) return value;
  if (Array.isArray(value)) return value.slice(0, longestList + 1).map((item) => withListsCut(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withListsCut(inner, depth + 1)]));
  }
  return value;
}

function allValidationErrors(body: unknown, issues: readonly z.core.$ZodIssue[]): ValidationError[] {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  if (typeof type === 'string' && (applicationTypes as readonly string[]).includes(type)) {
    return toValidationErrors(issues, type as ApplicationType);
  }
  // No valid type: report it, then whatever else can be checked without knowing the questions.
  const errors: ValidationError[] = [{ path: 'type', code: 'type_invalid' }];
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const rest = typelessSchema.safeParse(body, codedIssues);
    if (!rest.success) errors.push(...toValidationErrors(rest.error.issues));
  } else {
    errors.unshift({ path: '', code: 'body_invalid' });
  }
  return errors;
}

// --- JSON Schema -------------------------------------------------------------------------------------

/** What the published schema says about rules that depend on the deployment. */
export interface ApplicationJsonSchemaOptions {
  /** The schema's own address, e.g. `https://qm.stadskarnor.se/api/schema/application`. */
  id: string;
  /** A revision may be sent from this many days before the certificate's last day (the first reminder). */
  revisionOpensDaysBefore: number;
  /** … until this many months after it lapsed. */
  revisionGraceMonths: number;
  /**
   * A message as the API answers it (Swedish): the schema quotes the words of the rules it cannot
   * express, so a client can tie a refusal to its rule. The domain has codes, the edge has words.
   */
  messageFor: (code: PlainValidationCode) => string;
}

/**
 * The rules no JSON Schema keyword can express, as the schema's description states them. Each
 * names the answer and, for problem answers, the problem type's last path segment, so a client
 * (and the contract test) can tie every refusal to a stated rule.
 */
export function unexpressibleRules(options: Omit<ApplicationJsonSchemaOptions, 'id'>): string[] {
  return [
    `Organisationsnumrets sista siffra är en kontrollsiffra (Luhn); annars 400 med felkoden organisation_number_invalid och meddelandet "${options.messageFor('organisation_number_invalid')}"`,
    `Samverkanspartnerna ska vara minst kommunen och fastighetsägarna eller handeln och näringslivet; annars 400 med felkoden partner_roles_required och meddelandet "${options.messageFor('partner_roles_required')}"`,
    'Endast medlemmar i Svenska Stadskärnor kan ansöka: organisationsnumret ska finnas i medlemsregistret; annars 403 (problemtyp not-a-member).',
    `En revidering (type "revision") kräver att organisationen har eller har haft en kvalitetsmärkning, och kan lämnas från ${options.revisionOpensDaysBefore} dagar före dess sista giltighetsdag till ${options.revisionGraceMonths} månader efter att den gått ut; annars 403 (problemtyp revision-not-open) med det datum då fönstret öppnar.`,
    'En organisation kan ha en pågående ansökan i taget: medan en ansökan inte är avslutad avvisas nya av båda slagen med 409 (problemtyp application-in-progress).',
    'Kontaktpersonens e-postadress ska vara en av medlemmens registrerade adresser, eller bekräftas av medlemmen: annars 202 med status "awaiting_confirmation".',
    'Idempotency-Key: samma nyckel med annat innehåll ger 422 (problemtyp idempotency-key-reused); medan den första begäran behandlas ger den 409 (problemtyp request-in-progress).',
  ];
}

/**
 * The partners' role rule (a refine, which zod cannot export) stated in JSON Schema: the list
 * contains a whole partner whose role is the municipality, and one whose role is property owners
 * or trade and business.
 */
function withRequiredPartnerRoles<T extends Record<string, unknown>>(schema: T): T {
  type Node = { properties?: Record<string, Node>; items?: Node; allOf?: unknown[] } & Record<string, unknown>;
  for (const branch of (schema.oneOf ?? []) as Node[]) {
    const partners = branch.properties?.partners;
    const item = partners?.items;
    if (!partners || !item) continue;
    const withRole = (role: Record<string, unknown>) => ({ contains: { ...item, properties: { ...item.properties, role } } });
    partners.allOf = [withRole({ const: 'municipality' }), withRole({ enum: ['property_owners', 'business'] })];
  }
  return schema;
}

/** The request body as JSON Schema (draft 2020-12), generated from the zod schema's input side. */
export function applicationJsonSchema(options: ApplicationJsonSchemaOptions): Record<string, unknown> {
  // Everything in the schema is representable (a test checks it), so no 'unrepresentable' fallback is needed.
  const schema = withRequiredPartnerRoles(z.toJSONSchema(applicationSchema, { io: 'input' }));
  return {
    $id: options.id,
    title: 'Ansökan om kvalitetsmärkning (QM)',
    description: [
      'En fullständig ansökan (type "full") eller en revidering (type "revision") av kvalitetsmärkningen.',
      'Regler som JSON Schema inte kan uttrycka:',
      ...unexpressibleRules(options).map((rule) => `- ${rule}`),
    ].join('\n'),
    ...schema,
  };
}
