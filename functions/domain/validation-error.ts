import type { ApplicationType } from './application-type.js';

/**
 * What is wrong with a field, as a code and the data its message needs: the domain decides *what*
 * is wrong, the edge (templates/validation-messages.ts) says it in the reader's language. A code
 * is stable: API clients may branch on it, while the sentences may be reworded at any time.
 */
export const validationCodes = [
  // The body and its parts
  'body_invalid',
  'type_invalid',
  'locale_invalid',
  'organisation_invalid',
  'contact_invalid',
  'answers_invalid',
  'unknown_field',
  'unknown_question',
  // A field of the organisation or the contact person left empty (the words name the field)
  'field_required',
  // Answers and text
  'answer_required',
  'not_text',
  'too_long',
  'single_line_invalid',
  'multi_line_invalid',
  'choose_one',
  'choose_at_least_one',
  'unknown_option',
  'too_many_options',
  'number_invalid',
  'integer_required',
  'number_too_small',
  'number_too_large',
  'boolean_invalid',
  'url_invalid',
  // Addresses and numbers
  'organisation_number_invalid',
  'organisation_number_required',
  'email_invalid',
  'email_too_long',
  'email_local_part_too_long',
  'email_label_too_long',
  'phone_invalid',
  // Partners
  'partners_invalid',
  'too_many_partners',
  'partner_roles_required',
  'partner_role_invalid',
  'partner_organisation_required',
  'partner_name_required',
  'partner_email_required',
  // Refusals found after validation, reported with the field they concern
  'not_member',
  'application_open',
  'idempotency_key_reused',
  'idempotency_key_too_long',
  'request_in_progress',
  'completion_organisation_locked',
  'completion_contact_email_locked',
  'completion_partners_locked',
  // Query parameters
  'date_invalid',
  // The reviewer's, the member's and the partners' forms
  'review_decision_required',
  'review_comment_too_long',
  'review_comment_invalid',
  'rejection_reason_required',
  'completion_reason_required',
  'member_decision_required',
  'partner_decision_required',
  'partner_comment_not_text',
  'partner_comment_too_long',
  'decline_reason_required',
] as const;

export type ValidationCode = (typeof validationCodes)[number];

/** The codes whose message needs data, and that data; every other code has none. */
export interface ValidationParamsByCode {
  /** The dotted path of the organisation or contact field, e.g. `organisation.town`. */
  field_required: { field: string };
  too_long: { max: number };
  too_many_options: { max: number };
  number_too_small: { min: number };
  number_too_large: { max: number };
  unknown_question: { applicationType: ApplicationType };
  too_many_partners: { max: number };
  idempotency_key_too_long: { max: number };
}

/** One problem: where (dotted path, `''` for the whole body), what (code) and the data to say it. */
export type ValidationError = {
  [C in ValidationCode]: C extends keyof ValidationParamsByCode
    ? { path: string; code: C; params: ValidationParamsByCode[C] }
    : { path: string; code: C; params?: undefined };
}[ValidationCode];

export function isValidationCode(value: unknown): value is ValidationCode {
  return typeof value === 'string' && (validationCodes as readonly string[]).includes(value);
}

/** The codes whose message needs no data. */
export type PlainValidationCode = Exclude<ValidationCode, keyof ValidationParamsByCode>;

/** A problem without data, e.g. `fieldError('contact.email', 'email_invalid')`. */
export function fieldError(path: string, code: PlainValidationCode): ValidationError {
  return { path, code } as ValidationError;
}
