import { formatFormNumber } from '../domain/form-number.js';
import { maxPartnerCommentLength } from '../domain/partners.js';
import { maxCommentLength } from '../domain/review.js';
import type { Locale } from '../domain/locale.js';
import type { ValidationCode, ValidationError, ValidationParamsByCode } from '../domain/validation-error.js';
import { fieldTextFor } from './messages.js';

/**
 * The words for each validation code, per locale: the domain reports `{ path, code, params }`, the
 * edge (form page, completion form, problem+json) says it in the reader's language. A new code
 * does not compile until both tables say it; the key-parity test checks the same for every table.
 */
export type ValidationMessages = {
  [C in ValidationCode]: C extends keyof ValidationParamsByCode ? (params: ValidationParamsByCode[C]) => string : () => string;
};

export const validationMessages: Record<Locale, ValidationMessages> = {
  sv: {
    body_invalid: () => 'Ansökan saknas eller har fel form.',
    type_invalid: () => 'Ange typ av ansökan: "full" (ny ansökan) eller "revision" (revidering).',
    locale_invalid: () => 'Språket ska vara "sv" eller "en".',
    organisation_invalid: () => 'Ange uppgifter om organisationen.',
    contact_invalid: () => 'Ange uppgifter om kontaktpersonen.',
    answers_invalid: () => 'Ange svaren på frågorna.',
    unknown_field: () => 'Fältet finns inte i ansökan.',
    unknown_question: ({ applicationType }) =>
      applicationType === 'full' ? 'Frågan finns inte i en fullständig ansökan.' : 'Frågan finns inte i en revidering.',
    field_required: ({ field }) => fieldTextFor('sv', field)?.missing ?? 'Besvara frågan.',
    answer_required: () => 'Besvara frågan.',
    not_text: () => 'Svaret ska vara text.',
    too_long: ({ max }) => `Svaret får vara högst ${max} tecken.`,
    single_line_invalid: () => 'Texten får inte innehålla radbrytningar, styrtecken eller osynliga formateringstecken.',
    multi_line_invalid: () => 'Texten får inte innehålla styrtecken (andra än radbrytningar och tabbar).',
    choose_one: () => 'Välj ett av alternativen.',
    choose_at_least_one: () => 'Välj minst ett alternativ.',
    unknown_option: () => 'Välj bland de alternativ som finns.',
    too_many_options: ({ max }) => `Välj högst ${max} alternativ.`,
    number_invalid: () => 'Ange ett tal, till exempel 1 200 000.',
    integer_required: () => 'Ange ett heltal.',
    number_too_small: ({ min }) => `Talet får inte vara mindre än ${formatFormNumber(min)}.`,
    number_too_large: ({ max }) => `Talet får inte vara större än ${formatFormNumber(max)}.`,
    boolean_invalid: () => 'Svaret ska vara ja eller nej.',
    url_invalid: () => 'Ange en giltig webbadress, till exempel https://exempelstad.se.',
    organisation_number_invalid: () => 'Organisationsnumret ska ha formen NNNNNN-NNNN och en giltig kontrollsiffra.',
    organisation_number_required: () => 'Fyll i organisationsnummer.',
    email_invalid: () => 'Ange en giltig e-postadress.',
    email_too_long: () => 'E-postadressen får vara högst 254 tecken.',
    email_local_part_too_long: () => 'Delen före @ i e-postadressen får vara högst 64 tecken.',
    email_label_too_long: () => 'Varje del av domänen i e-postadressen (mellan punkterna) får vara högst 63 tecken.',
    phone_invalid: () => 'Ange ett giltigt telefonnummer, till exempel 070-123 45 67.',
    partners_invalid: () => 'Ange samverkanspartnerna.',
    too_many_partners: ({ max }) => `Ange högst ${max} samverkanspartner.`,
    partner_roles_required: () =>
      'Ange minst en partner med rollen Kommunen och minst en med rollen Fastighetsägarna eller Handeln och näringslivet.',
    partner_role_invalid: () => 'Välj partnerns roll: kommunen, fastighetsägarna, handeln och näringslivet eller annan part.',
    partner_organisation_required: () => 'Ange partnerns organisation.',
    partner_name_required: () => 'Ange namnet på partnerns kontaktperson.',
    partner_email_required: () => 'Ange partnerns e-postadress.',
    not_member: () =>
      'Endast medlemmar i Svenska Stadskärnor kan ansöka om kvalitetsmärkning (QM). Organisationsnumret finns inte i medlemsregistret – kontakta Svenska Stadskärnor om ni vill bli medlemmar.',
    // True whether or not this refusal re-sent the link: the open application's contact has it, or
    // gets it with the acknowledgement; it is re-sent at most every ten minutes.
    application_open: () =>
      'Organisationen har redan en ansökan under behandling, och bara en ansökan i taget kan behandlas. Den pågående ansökans kontaktperson får länken till den via e-post (vi skickar den på nytt högst en gång var tionde minut).',
    idempotency_key_reused: () => 'Samma idempotensnyckel har redan använts för en annan ansökan. Använd en ny nyckel för en ny ansökan.',
    idempotency_key_too_long: ({ max }) => `Idempotensnyckeln får vara högst ${max} tecken.`,
    request_in_progress: () => 'Ansökan med den här nyckeln behandlas redan. Försök igen om en liten stund.',
    completion_organisation_locked: () => 'Organisationsnumret och ansökans version kan inte ändras i en komplettering.',
    completion_contact_email_locked: () =>
      'Kontaktpersonens e-postadress kan inte ändras i en komplettering. Kontakta Svenska Stadskärnor om den behöver bytas.',
    completion_partners_locked: () =>
      'Samverkanspartnerna kan inte ändras i en komplettering: de har redan ombetts bekräfta ansökan. Kontakta Svenska Stadskärnor om en partner behöver bytas.',
    date_invalid: () => 'Ange ett giltigt datum som ÅÅÅÅ-MM-DD.',
    review_decision_required: () => 'Välj ett beslut: godkänn, avslå eller begär komplettering.',
    review_comment_too_long: () => `Kommentaren får vara högst ${maxCommentLength} tecken.`,
    review_comment_invalid: () => 'Kommentaren får inte innehålla styrtecken (andra än radbrytningar och tabbar).',
    rejection_reason_required: () => 'Skriv en motivering till avslaget. Den skickas till den sökande.',
    completion_reason_required: () => 'Skriv vad som ska kompletteras. Texten skickas till den sökande.',
    member_decision_required: () => 'Välj om ni bekräftar eller avböjer ansökan.',
    partner_decision_required: () => 'Välj om ni bekräftar eller avböjer.',
    partner_comment_not_text: () => 'Kommentaren ska vara text.',
    partner_comment_too_long: () => `Kommentaren får vara högst ${maxPartnerCommentLength} tecken.`,
    decline_reason_required: () => 'Skriv varför ni avböjer. Kommentaren visas för granskaren.',
  },
  en: {
    body_invalid: () => 'The application is missing or malformed.',
    type_invalid: () => 'State the type of application: "full" (new application) or "revision".',
    locale_invalid: () => 'The language must be "sv" or "en".',
    organisation_invalid: () => 'Enter the details of the organisation.',
    contact_invalid: () => 'Enter the details of the contact person.',
    answers_invalid: () => 'Answer the questions.',
    unknown_field: () => 'The field is not part of the application.',
    unknown_question: ({ applicationType }) =>
      applicationType === 'full' ? 'The question is not part of a full application.' : 'The question is not part of a revision.',
    field_required: ({ field }) => fieldTextFor('en', field)?.missing ?? 'Answer the question.',
    answer_required: () => 'Answer the question.',
    not_text: () => 'The answer must be text.',
    too_long: ({ max }) => `The answer may be at most ${max} characters.`,
    single_line_invalid: () => 'The text must not contain line breaks, control characters or invisible formatting characters.',
    multi_line_invalid: () => 'The text must not contain control characters (other than line breaks and tabs).',
    choose_one: () => 'Choose one of the options.',
    choose_at_least_one: () => 'Choose at least one option.',
    unknown_option: () => 'Choose from the options given.',
    too_many_options: ({ max }) => `Choose at most ${max} options.`,
    number_invalid: () => 'Enter a number, for example 1 200 000.',
    integer_required: () => 'Enter a whole number.',
    number_too_small: ({ min }) => `The number must not be less than ${formatFormNumber(min)}.`,
    number_too_large: ({ max }) => `The number must not be greater than ${formatFormNumber(max)}.`,
    boolean_invalid: () => 'The answer must be yes or no.',
    url_invalid: () => 'Enter a valid web address, for example https://exempelstad.se.',
    organisation_number_invalid: () => 'The organisation number must have the form NNNNNN-NNNN and a valid check digit.',
    organisation_number_required: () => 'Enter the organisation number.',
    email_invalid: () => 'Enter a valid email address.',
    email_too_long: () => 'The email address may be at most 254 characters.',
    email_local_part_too_long: () => 'The part before @ in the email address may be at most 64 characters.',
    email_label_too_long: () => 'Each part of the email domain (between the dots) may be at most 63 characters.',
    phone_invalid: () => 'Enter a valid phone number, for example 070-123 45 67.',
    partners_invalid: () => 'Name the partners.',
    too_many_partners: ({ max }) => `Name at most ${max} partners.`,
    partner_roles_required: () =>
      'Name at least one partner with the role The municipality and at least one with the role The property owners or Trade and business.',
    partner_role_invalid: () => "Choose the partner's role: the municipality, property owners, trade and business or other.",
    partner_organisation_required: () => "Enter the partner's organisation.",
    partner_name_required: () => "Enter the name of the partner's contact person.",
    partner_email_required: () => "Enter the partner's email address.",
    not_member: () =>
      'Only members of Svenska Stadskärnor may apply for the Quality Mark (QM). The organisation number is not in the member register – contact Svenska Stadskärnor if you would like to become a member.',
    application_open: () =>
      'The organisation already has an application in progress, and only one application at a time can be handled. The contact person of that application gets its link by email (we send it again at most once every ten minutes).',
    idempotency_key_reused: () => 'The same idempotency key has already been used for another application. Use a new key for a new application.',
    idempotency_key_too_long: ({ max }) => `The idempotency key may be at most ${max} characters.`,
    request_in_progress: () => 'The application with this key is already being handled. Try again in a moment.',
    completion_organisation_locked: () => 'The organisation number and the version of the application cannot be changed in a completion.',
    completion_contact_email_locked: () =>
      "The contact person's email address cannot be changed in a completion. Contact Svenska Stadskärnor if it needs to change.",
    completion_partners_locked: () =>
      'The partners cannot be changed in a completion: they have already been asked to confirm the application. Contact Svenska Stadskärnor if a partner needs to change.',
    date_invalid: () => 'Enter a valid date as YYYY-MM-DD.',
    review_decision_required: () => 'Choose a decision: approve, reject or ask for completion.',
    review_comment_too_long: () => `The comment may be at most ${maxCommentLength} characters.`,
    review_comment_invalid: () => 'The comment must not contain control characters (other than line breaks and tabs).',
    rejection_reason_required: () => 'Give a reason for the rejection. It is sent to the applicant.',
    completion_reason_required: () => 'Write what needs completing. The text is sent to the applicant.',
    member_decision_required: () => 'Choose whether you confirm or decline the application.',
    partner_decision_required: () => 'Choose whether you confirm or decline.',
    partner_comment_not_text: () => 'The comment must be text.',
    partner_comment_too_long: () => `The comment may be at most ${maxPartnerCommentLength} characters.`,
    decline_reason_required: () => 'Write why you decline. The reviewer sees the comment.',
  },
};

/** The words for one error in a locale. */
export function validationMessage(error: Pick<ValidationError, 'code' | 'params'>, locale: Locale): string {
  // Indexed by the error's own code, so its params are the ones the message takes.
  const say = validationMessages[locale][error.code] as (params: typeof error.params) => string;
  return say(error.params);
}

/** An error as the API and the pages show it: path, the words in the locale, and the code with its data. */
export interface RenderedValidationError {
  path: string;
  message: string;
  code: ValidationCode;
  params?: Record<string, string | number> | undefined;
}

export function renderValidationErrors(errors: readonly ValidationError[], locale: Locale): RenderedValidationError[] {
  return errors.map((error) => ({
    path: error.path,
    message: validationMessage(error, locale),
    code: error.code,
    ...(error.params ? { params: error.params } : {}),
  }));
}

/**
 * The Swedish words for a zod issue whose message is a code (the organisation number's schema,
 * reused by the staff forms and the member import, which speak Swedish); other messages as they are.
 */
export function swedishIssueMessage(message: string): string {
  const say = (validationMessages.sv as unknown as Record<string, ((params?: undefined) => string) | undefined>)[message];
  return say && say.length === 0 ? say() : message;
}
