import type { ApplicationType } from '../domain/application-type.js';
import type { Locale } from '../domain/locale.js';

/**
 * Every URL path that pages, mails and handlers send people to, so a path is spelled once. Routes
 * themselves are declared with their functions in infra/lambda-functions.ts (API Gateway route
 * keys); test/unit/paths.test.ts checks that every path built here matches one of them.
 *
 * Paths are relative: pages link within the site. Mails need absolute links, so they wrap a path in
 * `absoluteUrl(publicBaseUrl, path)`.
 */

/** Swedish is the default and has no query; English pages and forms carry `?lang=en`. */
const langQuery = (locale?: Locale) => (locale === 'en' ? '?lang=en' : '');
/** The same after a query that is already open (`?type=…`). */
const langParam = (locale?: Locale) => (locale === 'en' ? '&lang=en' : '');

/**
 * Certificate numbers are encoded: the QR code, the badge snippet and the register link carry them
 * into other people's pages. An issued number (QM-2026-0042) encodes to itself.
 */
const certificateSegment = (certificateId: string) => encodeURIComponent(certificateId);

/** The workspace's actions on one application (POST forms on its page). */
export const applicationActions = ['resend-review-links', 'reviewers', 'extend-completion', 'withdraw', 'override-partners', 'retry', 'notes'] as const;
export type ApplicationAction = (typeof applicationActions)[number];
/** The workspace's actions on one certificate. */
export const certificateActions = ['revoke', 'correct'] as const;
export type CertificateAction = (typeof certificateActions)[number];
/** The workspace's downloads (the exports page). */
export const exportFiles = ['certificates.csv', 'certificates.xlsx', 'applications.csv', 'applications.xlsx'] as const;
export type ExportFile = (typeof exportFiles)[number];

export const paths = {
  // The public site: the header, the footer and the landing page link here, and so do mails.
  home: '/',
  privacy: '/integritet',
  /** The one style sheet of every page (templates/site-styles.ts). */
  styles: '/styles.css',
  register: '/register',
  registerCsv: '/register.csv',
  /** The register for one day as CSV (its page's download link); `date` is YYYY-MM-DD. */
  registerCsvOn: (date: string) => `/register.csv?date=${date}`,

  // The forms. The full application form ("QM-ansökan") is linked from pages, refusals and mails.
  apply: '/apply',
  /** The full application form in a language: mails and messages in English link the English form. */
  applyIn: (locale?: Locale) => `/apply${langQuery(locale)}`,
  /** The empty revision form (the landing page's link for those without a reminder). */
  revisionForm: '/apply?type=revision',
  /** The private revision link in a renewal reminder: the form prefilled with the last application. */
  revision: (token: string, locale?: Locale) => `/apply?type=revision&token=${token}${langParam(locale)}`,
  /** Where the application form posts. */
  applications: '/applications',
  selfEvaluation: '/self-evaluation',
  /** The self-evaluation form for the other version (full or revision), in the page's language. */
  selfEvaluationOf: (type: ApplicationType, locale?: Locale) => `/self-evaluation?type=${type}${langParam(locale)}`,
  selfEvaluationSummary: '/self-evaluation/summary',
  selfEvaluationPdf: '/self-evaluation/summary.pdf',

  // Private links, one secret token each, sent by mail; the forms on those pages post back to them.
  /** The applicant's status page (the receipt and every later mail to the applicant). */
  status: (token: string) => `/status/${token}`,
  /** A reviewer's page and decision form. */
  review: (token: string) => `/review/${token}`,
  /** The applicant's completion form, when reviewers ask for more. */
  completion: (token: string) => `/complete/${token}`,
  /** A partner's confirmation page. */
  partner: (token: string) => `/partner/${token}`,
  /** The member's confirmation page, for an application sent from an address it has not registered. */
  memberConfirmation: (token: string) => `/confirm/${token}`,
  /** A staff member's single-use sign-in link. */
  staffSignIn: (token: string) => `/admin/sign-in/${token}`,

  // A certificate's public faces: the certification mail, the QR code, the register, the workspace.
  certificate: (certificateId: string, locale?: Locale) => `/certificates/${certificateSegment(certificateId)}${langQuery(locale)}`,
  certificateBadge: (certificateId: string, locale?: Locale) => `/certificates/${certificateSegment(certificateId)}/badge.svg${langQuery(locale)}`,
  certificatePdf: (certificateId: string) => `/certificates/${certificateSegment(certificateId)}.pdf`,
  certificateJson: (certificateId: string) => `/certificates/${certificateSegment(certificateId)}.json`,

  // The public JSON API (the register page links it; the OpenAPI document describes it).
  api: {
    register: '/api/register',
    criteria: '/api/criteria',
    /** The register for one day as JSON; `date` is YYYY-MM-DD. */
    registerOn: (date: string) => `/api/register?date=${date}`,
    /** The JSON Schema of the application body; absolute, it is also the schema's `$id`. */
    applicationSchema: '/api/schema/application',
    /** The OpenAPI document of the public JSON API. */
    openapi: '/api/openapi.json',
  },

  // The staff workspace: its navigation, its pages' links and forms, and the handlers' redirects.
  admin: {
    home: '/admin',
    signIn: '/admin/sign-in',
    signOut: '/admin/sign-out',
    members: '/admin/members',
    memberImport: '/admin/members/import',
    audit: '/admin/audit',
    exports: '/admin/exports',
    export: (file: ExportFile) => `/admin/export/${file}`,
    application: (id: string) => `/admin/applications/${id}`,
    applicationAction: (id: string, action: ApplicationAction) => `/admin/applications/${id}/${action}`,
    certificate: (certificateId: string) => `/admin/certificates/${certificateId}`,
    certificateAction: (certificateId: string, action: CertificateAction) => `/admin/certificates/${certificateId}/${action}`,
    member: (organisationNumber: string) => `/admin/members/${organisationNumber}`,
    memberEnd: (organisationNumber: string) => `/admin/members/${organisationNumber}/end`,
  },
} as const;

/**
 * A path as the absolute link a mail, a PDF or a published document needs. `publicBaseUrl` is the
 * stage's PUBLIC_BASE_URL without a trailing slash (runtime-config.ts strips it); an empty base
 * leaves the path relative, which template tests rely on.
 */
export const absoluteUrl = (publicBaseUrl: string, path: string) => `${publicBaseUrl}${path}`;
