import type { ApplicantFieldGroup, ContactFieldKey, OrganisationFieldKey } from '../domain/applicant-fields.js';
import type { ApplicationType } from '../domain/application-type.js';
import type { Locale } from '../domain/locale.js';
import type { RevisionRefusal } from '../domain/revision-eligibility.js';
import { paths } from '../http/paths.js';
import { formatLimit } from './limits.js';
import { datesFor } from './swedish-dates.js';
import { maxPartners, partnerRoleLabels, type PartnerRole } from '../domain/partners.js';

/** The words of an organisation or contact field (applicant-fields.ts describes the field itself). */
export interface FieldText {
  /** The form's label. */
  label: string;
  /** The form's hint, above the field. */
  help?: string;
  /** What a required field says when left empty ("Ange ort."); "Besvara frågan." otherwise. */
  missing?: string;
  /** The short label of the read-only summary ("Namn" under the heading "Kontaktperson"). */
  summaryLabel: string;
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
  /** Keyed by the fields of applicant-fields.ts: a described field without words does not compile. */
  organisation: Record<OrganisationFieldKey, FieldText>;
  contact: Record<ContactFieldKey, FieldText>;
  /** The headings of the read-only summary's two groups. */
  summaryHeadings: Record<ApplicantFieldGroup, string>;
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
      organisationNumber: { label: 'Organisationsnummer', help: 'Tio siffror i formen NNNNNN-NNNN.', summaryLabel: 'Organisationsnummer' },
      name: { label: 'Organisationens namn', missing: 'Ange organisationens namn.', summaryLabel: 'Namn' },
      town: { label: 'Ort', help: 'Den stad eller tätort vars stadskärna samverkan gäller.', missing: 'Ange ort.', summaryLabel: 'Ort' },
      municipality: { label: 'Kommun', missing: 'Ange kommun.', summaryLabel: 'Kommun' },
      website: { label: 'Webbplats', help: 'Till exempel https://exempelstad.se.', summaryLabel: 'Webbplats' },
    },
    contact: {
      name: { label: 'Kontaktpersonens namn', missing: 'Ange kontaktpersonens namn.', summaryLabel: 'Namn' },
      role: { label: 'Roll', help: 'Till exempel centrumchef, cityledare eller vd.', missing: 'Ange kontaktpersonens roll, till exempel centrumchef.', summaryLabel: 'Roll' },
      email: { label: 'E-postadress', help: 'Hit skickar vi bekräftelsen och besked om ansökan.', missing: 'Ange kontaktpersonens e-postadress.', summaryLabel: 'E-post' },
      phone: { label: 'Telefonnummer', summaryLabel: 'Telefon' },
    },
    summaryHeadings: { organisation: 'Organisation', contact: 'Kontaktperson' },
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
      organisationNumber: { label: 'Organisation number', help: 'Ten digits in the form NNNNNN-NNNN.', summaryLabel: 'Organisation number' },
      name: { label: 'Name of the organisation', missing: "Enter the organisation's name.", summaryLabel: 'Name' },
      town: { label: 'Town', help: 'The town whose centre the partnership concerns.', missing: 'Enter the town.', summaryLabel: 'Town' },
      municipality: { label: 'Municipality', missing: 'Enter the municipality.', summaryLabel: 'Municipality' },
      website: { label: 'Website', help: 'For example https://exempelstad.se.', summaryLabel: 'Website' },
    },
    contact: {
      name: { label: 'Name of the contact person', missing: "Enter the contact person's name.", summaryLabel: 'Name' },
      role: { label: 'Role', help: 'For example town centre manager or managing director.', missing: "Enter the contact person's role, for example town centre manager.", summaryLabel: 'Role' },
      email: { label: 'Email address', help: 'We send the confirmation and the decision here.', missing: "Enter the contact person's email address.", summaryLabel: 'Email' },
      phone: { label: 'Phone number', summaryLabel: 'Phone' },
    },
    summaryHeadings: { organisation: 'Organisation', contact: 'Contact person' },
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

/** The words of an organisation or contact field by its dotted path (`organisation.town`), if it is one. */
export function fieldTextFor(locale: Locale, path: string): FieldText | undefined {
  const [group, key] = path.split('.');
  const texts = group === 'organisation' || group === 'contact' ? uiMessages[locale][group] : undefined;
  return texts && key !== undefined && Object.hasOwn(texts, key) ? (texts as Record<string, FieldText>)[key] : undefined;
}
