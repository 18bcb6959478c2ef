import { messages as validationMessages } from '../domain/application.schema.js';
import { organisationNumberMessage } from '../domain/organisation-number.js';
import type { ApplicationType } from '../domain/application-type.js';
import type { Locale } from '../domain/locale.js';
import type { RevisionRefusal } from '../domain/revision-eligibility.js';
import { paths } from '../http/paths.js';
import { formatLimit } from './limits.js';
import { datesFor } from './swedish-dates.js';
import { maxPartners, partnerMessages, partnerRoleLabels, type PartnerRole } from '../domain/partners.js';

/** A form field outside the question catalogue (organisation and contact person). */
export interface FieldText {
  label: string;
  help?: string;
}

export interface UiMessages {
  siteName: string;
  skipToContent: string;
  applyTitle: Record<ApplicationType, string>;
  applyIntro: Record<ApplicationType, string>;
  checklistNote: string;
  requiredNote: string;
  required: string;
  optional: string;
  submit: string;
  selectPlaceholder: string;
  errorSummaryTitle: string;
  errorTitlePrefix: string;
  errorPrefix: string;
  organisationLegend: string;
  contactLegend: string;
  contactPrivacy: string;
  privacyLink: string;
  /** The length limit in a field's hint. */
  maxLength: (limit: number) => string;
  partners: { legend: string; intro: string; row: (n: number) => string; role: string; organisation: string; name: string; email: string; roles: Record<PartnerRole, string> };
  organisation: Record<'organisationNumber' | 'name' | 'town' | 'municipality' | 'website', FieldText>;
  contact: Record<'name' | 'role' | 'email' | 'phone', FieldText>;
  yes: string;
  /** Why a revision is not accepted, with its dates; points to the full application. */
  revisionRefusal: (refusal: RevisionRefusal) => string;
  no: string;
}

/** UI strings used by the templates; Swedish first, English second. */
export const uiMessages: Record<Locale, UiMessages> = {
  sv: {
    siteName: 'Svenska Stadskärnor · Kvalitetsmärkning (QM)',
    skipToContent: 'Hoppa till innehållet',
    applyTitle: {
      full: 'Ansök om kvalitetsmärkning (QM)',
      revision: 'Revidering av kvalitetsmärkning (QM)',
    },
    applyIntro: {
      full: 'Endast medlemmar i Svenska Stadskärnor kan ansöka om kvalitetsmärkning (QM). Det är kostnadsfritt att ansöka. Ansökan granskas av Svenska Stadskärnor, som kan be er komplettera den innan beslut.',
      revision:
        'Endast medlemmar i Svenska Stadskärnor kan ansöka om kvalitetsmärkning (QM). Det är kostnadsfritt att ansöka. Kvalitetsmärkningen revideras vart tredje år: beskriv vad som har förändrats sedan förra ansökan.',
    },
    checklistNote:
      'Frågorna fungerar också som checklista för att utvärdera era styrdokument och ert styrelsearbete.',
    requiredNote: 'Fält markerade med (obligatoriskt) måste fyllas i.',
    required: 'obligatoriskt',
    optional: 'frivilligt',
    submit: 'Skicka ansökan',
    selectPlaceholder: 'Välj …',
    errorSummaryTitle: 'Det finns fel i formuläret',
    errorTitlePrefix: 'Fel: ',
    errorPrefix: 'Fel:',
    organisationLegend: 'Organisationen',
    contactLegend: 'Kontaktperson',
    contactPrivacy: 'Vi använder kontaktuppgifterna för att handlägga ansökan och ge besked om den.',
    privacyLink: 'Så behandlar vi personuppgifter',
    maxLength: (limit) => `Högst ${formatLimit(limit)} tecken.`,
    partners: {
      legend: 'Samverkanspartner',
      intro: `Ange parterna i samverkan, högst ${maxPartners}: minst kommunen och fastighetsägarna eller handeln och näringslivet. Var och en får e-post med en personlig länk för att bekräfta att de deltar i samverkan och står bakom ansökan och dess finansieringsavtal. Lämna överblivna rader tomma.`,
      row: (n: number) => `Partner ${n}`,
      role: 'Partnerns roll',
      organisation: 'Partnerns organisation',
      name: 'Partnerns kontaktperson',
      email: 'Partnerns e-postadress',
      roles: partnerRoleLabels.sv,
    },
    organisation: {
      organisationNumber: { label: 'Organisationsnummer', help: 'Tio siffror i formen NNNNNN-NNNN.' },
      name: { label: 'Organisationens namn' },
      town: { label: 'Ort', help: 'Den stad eller tätort vars stadskärna samverkan gäller.' },
      municipality: { label: 'Kommun' },
      website: { label: 'Webbplats', help: 'Till exempel https://exempelstad.se.' },
    },
    contact: {
      name: { label: 'Kontaktpersonens namn' },
      role: { label: 'Roll', help: 'Till exempel centrumchef, cityledare eller vd.' },
      email: { label: 'E-postadress', help: 'Hit skickar vi bekräftelsen och besked om ansökan.' },
      phone: { label: 'Telefonnummer' },
    },
    yes: 'Ja',
    revisionRefusal: (r) => {
      const date = datesFor('sv').calendarDate;
      switch (r.reason) {
        case 'no_certificate':
          return `Organisationen har ingen kvalitetsmärkning att revidera. Revidering är till för den som har eller nyligen har haft en kvalitetsmärkning (QM). Gör i stället en fullständig QM-ansökan (${paths.apply}).`;
        case 'too_early':
          return `Det är för tidigt för en revidering. Kvalitetsmärkningen ${r.certificateId} gäller till och med ${date(r.validUntil)}, och en revidering kan lämnas in från och med ${date(r.opensOn)}.`;
        case 'window_closed':
          return `Tiden för revidering har gått ut. Kvalitetsmärkningen ${r.certificateId} gällde till och med ${date(r.validUntil)}, och en revidering kunde lämnas in till och med ${date(r.windowEnd)}. Gör i stället en fullständig QM-ansökan (${paths.apply}).`;
      }
    },
    no: 'Nej',
  },
  en: {
    siteName: 'Svenska Stadskärnor · Quality Mark (QM)',
    skipToContent: 'Skip to content',
    applyTitle: {
      full: 'Apply for the Quality Mark (QM)',
      revision: 'Revision of the Quality Mark (QM)',
    },
    applyIntro: {
      full: 'Only members of Svenska Stadskärnor may apply for the Quality Mark (QM). Applying is free of charge. Svenska Stadskärnor reviews the application and may ask you to complete it before deciding.',
      revision:
        'Only members of Svenska Stadskärnor may apply for the Quality Mark (QM). Applying is free of charge. The Quality Mark is revised every third year: describe what has changed since your last application.',
    },
    checklistNote: 'The questions also work as a checklist for evaluating your governance documents and board work.',
    requiredNote: 'Fields marked (required) must be filled in.',
    required: 'required',
    optional: 'optional',
    submit: 'Submit application',
    selectPlaceholder: 'Choose …',
    errorSummaryTitle: 'There is a problem with the form',
    errorTitlePrefix: 'Error: ',
    errorPrefix: 'Error:',
    organisationLegend: 'The organisation',
    contactLegend: 'Contact person',
    contactPrivacy: 'We use the contact details to handle the application and to tell you about it.',
    privacyLink: 'How we handle personal data',
    maxLength: (limit) => `At most ${limit.toLocaleString('en-GB')} characters.`,
    partners: {
      legend: 'Partners',
      intro: `Name the partners of the collaboration, at most ${maxPartners}: at least the municipality, and the property owners or trade and business. Each gets an email with a personal link to confirm that they take part and stand behind the application and its financing agreement. Leave unused rows empty.`,
      row: (n: number) => `Partner ${n}`,
      role: "Partner's role",
      organisation: "Partner's organisation",
      name: "Partner's contact person",
      email: "Partner's email address",
      roles: partnerRoleLabels.en,
    },
    organisation: {
      organisationNumber: { label: 'Organisation number', help: 'Ten digits in the form NNNNNN-NNNN.' },
      name: { label: 'Name of the organisation' },
      town: { label: 'Town', help: 'The town whose centre the partnership concerns.' },
      municipality: { label: 'Municipality' },
      website: { label: 'Website', help: 'For example https://exempelstad.se.' },
    },
    contact: {
      name: { label: 'Name of the contact person' },
      role: { label: 'Role', help: 'For example town centre manager or managing director.' },
      email: { label: 'Email address', help: 'We send the confirmation and the decision here.' },
      phone: { label: 'Phone number' },
    },
    yes: 'Yes',
    revisionRefusal: (r) => {
      const date = datesFor('en').calendarDate;
      switch (r.reason) {
        case 'no_certificate':
          return `The organisation holds no Quality Mark to revise. A revision is for organisations that hold or recently held a Quality Mark (QM). Make a full QM application instead (${paths.applyIn('en')}).`;
        case 'too_early':
          return `It is too early for a revision. The Quality Mark ${r.certificateId} is valid through ${date(r.validUntil)}, and a revision can be submitted from ${date(r.opensOn)}.`;
        case 'window_closed':
          return `The time for a revision has passed. The Quality Mark ${r.certificateId} was valid through ${date(r.validUntil)}, and a revision could be submitted through ${date(r.windowEnd)}. Make a full QM application instead (${paths.applyIn('en')}).`;
      }
    },
    no: 'No',
  },
};

/** 'en' for English language tags ("en", "en-GB", "en-GB,en;q=0.9"); Swedish otherwise. */
export function pickLocale(value?: string | null): Locale {
  return value?.trim().toLowerCase().startsWith('en') ? 'en' : 'sv';
}

/** The locale of a stored application or certificate: English only when it says 'en', Swedish otherwise. */
export function localeOf(record: { locale?: unknown }): Locale {
  return record.locale === 'en' ? 'en' : 'sv';
}

// --- Validation messages in English -----------------------------------------------------------------

const fixedErrorTranslations: Record<string, string> = {
  [organisationNumberMessage]: 'The organisation number must have the form NNNNNN-NNNN and a valid check digit.',
  [validationMessages.answerRequired]: 'Answer the question.',
  [validationMessages.chooseOne]: 'Choose one of the options.',
  [validationMessages.chooseAtLeastOne]: 'Choose at least one option.',
  [validationMessages.unknownOption]: 'Choose from the options given.',
  [validationMessages.number]: 'Enter a number, for example 1 200 000.',
  [validationMessages.integer]: 'Enter a whole number.',
  [validationMessages.text]: 'The answer must be text.',
  [validationMessages.url]: 'Enter a valid web address, for example https://exempelstad.se.',
  [validationMessages.booleanValue]: 'The answer must be yes or no.',
  [validationMessages.type]: 'State the type of application: "full" (new application) or "revision".',
  [validationMessages.locale]: 'The language must be "sv" or "en".',
  [validationMessages.organisationName]: "Enter the organisation's name.",
  [validationMessages.town]: 'Enter the town.',
  [validationMessages.municipality]: 'Enter the municipality.',
  [validationMessages.contactName]: "Enter the contact person's name.",
  [validationMessages.contactRole]: "Enter the contact person's role, for example town centre manager.",
  [validationMessages.emailRequired]: "Enter the contact person's email address.",
  [validationMessages.email]: 'Enter a valid email address.',
  [validationMessages.phone]: 'Enter a valid phone number, for example 070-123 45 67.',
  [validationMessages.body]: 'The application is missing or malformed.',
  [validationMessages.organisation]: 'Enter the details of the organisation.',
  [validationMessages.contact]: 'Enter the details of the contact person.',
  [validationMessages.answers]: 'Answer the questions.',
  [validationMessages.unknownQuestion('full')]: 'The question is not part of a full application.',
  [validationMessages.unknownQuestion('revision')]: 'The question is not part of a revision.',
  [validationMessages.unknownField]: 'The field is not part of the application.',
  [partnerMessages.role]: "Choose the partner's role: the municipality, property owners, trade and business or other.",
  [partnerMessages.organisation]: "Enter the partner's organisation.",
  [partnerMessages.name]: "Enter the name of the partner's contact person.",
  [partnerMessages.emailRequired]: "Enter the partner's email address.",
  [partnerMessages.list]: 'Name the partners.',
  [partnerMessages.tooMany]: `Name at most ${maxPartners} partners.`,
  [partnerMessages.requiredRoles]: 'Name at least one partner with the role The municipality and at least one with the role The property owners or Trade and business.',
};

const patternErrorTranslations: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^Svaret får vara högst (\d+) tecken\.$/, (m) => `The answer may be at most ${m[1]} characters.`],
  [/^Talet får inte vara mindre än (.+)\.$/, (m) => `The number must not be less than ${m[1]}.`],
  [/^Talet får inte vara större än (.+)\.$/, (m) => `The number must not be greater than ${m[1]}.`],
];

/**
 * Validation messages are Swedish; on English pages the known ones are shown in English.
 * Unknown messages (e.g. from other checks) are returned unchanged.
 */
export function localiseError(message: string, locale: Locale): string {
  if (locale === 'sv') return message;
  const fixed = fixedErrorTranslations[message];
  if (fixed) return fixed;
  for (const [pattern, translate] of patternErrorTranslations) {
    const match = pattern.exec(message);
    if (match) return translate(match);
  }
  return message;
}
