import { organisationNumberMaxLength } from './organisation-number.js';

/**
 * The organisation and contact-person fields of an application, described once, as the question
 * catalogue describes the questions. Everything else is derived from this list: the zod schema and
 * the JSON Schema (application.schema.ts), the types (`Organisation`, `ContactPerson`), the form
 * fields and their mapping (apply-form.template.ts, application-form.ts), the read-only summary
 * (application-summary.template.ts). The words (label, help, what an empty required field says,
 * the summary's short label) are in the message table, `uiMessages[locale].organisation/contact`,
 * keyed by `key`; a field without them does not compile.
 *
 * Adding a field: a line here and its words in `uiMessages.sv` and `uiMessages.en`.
 */
export interface ApplicantField {
  /** The JSON name in its group (`organisation.<key>`), the form field's name and the words' key. */
  key: string;
  required: boolean;
  /** The server's length limit (form hints state it for free text). */
  maxLength: number;
  /**
   * The form control, which also picks the rule: `email`, `tel` and `url` are checked as addresses,
   * phone numbers and web addresses; `text` is single-line text unless a normaliser is named.
   */
  input: 'text' | 'email' | 'tel' | 'url';
  /** The HTML autocomplete token, so browsers fill the field (none when no token fits). */
  autocomplete?: string;
  /** A value with one canonical form, accepted however it is typed (e.g. `802999-1000`). */
  normaliser?: 'organisationNumber';
  /** What the published JSON Schema says about the field beyond its rules (Swedish, for API users). */
  schemaDescription?: string;
}

export const organisationFields = [
  { key: 'organisationNumber', required: true, maxLength: organisationNumberMaxLength, input: 'text', autocomplete: 'off', normaliser: 'organisationNumber' },
  { key: 'name', required: true, maxLength: 200, input: 'text', autocomplete: 'organization' },
  { key: 'town', required: true, maxLength: 100, input: 'text', autocomplete: 'address-level2' },
  // No autocomplete token names a municipality (address-level2 is the town).
  { key: 'municipality', required: true, maxLength: 100, input: 'text' },
  { key: 'website', required: false, maxLength: 500, input: 'url', autocomplete: 'url' },
] as const satisfies readonly ApplicantField[];

/** The rule about the contact address that a schema cannot express (it depends on the member register). */
export const contactEmailDescription =
  'Kontaktpersonens e-postadress (högst 64 tecken före @, högst 63 tecken i varje del av domänen, högst 254 tecken). ' +
  'Regel som schemat inte kan uttrycka: är adressen en av medlemmens registrerade adresser i medlemsregistret behandlas ' +
  'ansökan direkt (201); annars väntar den på att medlemmen bekräftar via sin registrerade adress (202, status ' +
  '"awaiting_confirmation"), och ingenting skickas till den angivna adressen innan dess.';

export const contactFields = [
  { key: 'name', required: true, maxLength: 200, input: 'text', autocomplete: 'name' },
  { key: 'role', required: true, maxLength: 100, input: 'text', autocomplete: 'organization-title' },
  { key: 'email', required: true, maxLength: 254, input: 'email', autocomplete: 'email', schemaDescription: contactEmailDescription },
  { key: 'phone', required: false, maxLength: 30, input: 'tel', autocomplete: 'tel' },
] as const satisfies readonly ApplicantField[];

export const applicantFieldGroups = { organisation: organisationFields, contact: contactFields } as const;
export type ApplicantFieldGroup = keyof typeof applicantFieldGroups;

/** Every field's dotted path (`organisation.town`): the form's names and the errors' paths. */
export const applicantFieldPaths: readonly string[] = Object.entries(applicantFieldGroups).flatMap(([group, fields]) =>
  fields.map((field) => `${group}.${field.key}`),
);

export type OrganisationFieldKey = (typeof organisationFields)[number]['key'];
export type ContactFieldKey = (typeof contactFields)[number]['key'];

/** A group's validated values: required fields always there, optional ones absent when not given. */
type ValuesOf<F extends readonly ApplicantField[]> = {
  [P in F[number] as P['required'] extends true ? P['key'] : never]: string;
} & {
  [P in F[number] as P['required'] extends true ? never : P['key']]?: string;
};
/** Flattens an intersection into one object type (readable in editors and error messages). */
type Flat<T> = { [K in keyof T]: T[K] };

export type Organisation = Flat<ValuesOf<typeof organisationFields>>;
export type ContactPerson = Flat<ValuesOf<typeof contactFields>>;
