/**
 * The one list of the system's Lambda functions: their source, HTTP routes and what they may touch.
 * The stateless stack builds functions, routes and grants from it; the local runner reads the
 * synthesised template, so it follows this list without a copy of its own.
 */
export type HttpMethod = 'GET' | 'HEAD' | 'POST';
/** `METHOD /path`, or `$default`: the HTTP API's catch-all for requests no other route matches. */
export type RouteKey = `${HttpMethod} /${string}` | '$default';

export interface FunctionAccess {
  /** read: GetItem and Query only (no Scan, no batch, no writes); readwrite adds PutItem and UpdateItem. */
  table?: 'read' | 'readwrite';
  /** ses:SendEmail from the stage's identity through its configuration set. */
  sendMail?: boolean;
  startWorkflow?: boolean;
  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat on the lifecycle state machine. */
  answerWorkflowTasks?: boolean;
  /** Publishes to the operator's alarm topic (SNS): alerts that must not depend on SES. */
  publishAlerts?: boolean;
  /** StopExecution on the lifecycle's executions (a withdrawn application's workflow). */
  stopWorkflow?: boolean;
  /**
   * Keeps staff sessions alive: UpdateItem on staff-session items only (their partition keys), for
   * functions that otherwise only read.
   */
  staffSessions?: boolean;
}

export interface FunctionSpec {
  entry: string;
  description: string;
  routes?: RouteKey[];
  access: FunctionAccess;
  timeoutSeconds?: number;
  /** The stage setting that reserves (and caps) this function's concurrency. */
  reservedConcurrency?: 'submissionReservedConcurrency';
  memorySize?: number;
  /** Folders (from the project root) copied into the bundle under the given name, e.g. the PDF fonts. */
  bundledFolders?: Record<string, string>;
  /**
   * Makes PDFs or spreadsheets, or reads CSV: the function gets the document libraries' layer and its bundle
   * leaves those libraries out (`documentLibraries` below).
   */
  documentLibraries?: boolean;
}

/**
 * pdf-lib, fontkit and qrcode (the PDFs), exceljs (the XLSX exports) and csv-parse (the member
 * register's import): about 2.6 MB minified, seven times a typical bundle, and they change only
 * with a version bump. They ship once, in a
 * Lambda layer (infra/document-libraries.ts), to the functions marked `documentLibraries: true`,
 * whose bundles `require` them from the layer. The local runner imports the sources, which find
 * them in node_modules.
 */
export const documentLibraries = ['pdf-lib', '@pdf-lib/fontkit', 'qrcode', 'exceljs', 'csv-parse/sync'] as const;

/** The fonts the PDF code reads beside its bundle (functions/documents/fonts.ts). */
const pdfFonts = { fonts: 'functions/documents/fonts' };

export const httpFunctions = {
  ApplyForm: {
    entry: 'functions/handlers/apply-form.handler.ts',
    description: 'Serves the application form (full or revision) as an HTML page',
    routes: ['GET /apply', 'POST /apply'],
    access: { table: 'read' },
  },
  SubmitApplication: {
    entry: 'functions/handlers/submit-application.handler.ts',
    description: 'Accepts an application (JSON or form), stores it and starts its workflow',
    routes: ['POST /applications'],
    access: { table: 'readwrite', startWorkflow: true, sendMail: true },
    reservedConcurrency: 'submissionReservedConcurrency',
  },
  ApplicationSchema: {
    entry: 'functions/handlers/application-schema.handler.ts',
    description: 'Publishes the JSON Schema of the application body',
    routes: ['GET /api/schema/application'],
    access: {},
  },
  ApplicationStatus: {
    entry: 'functions/handlers/application-status.handler.ts',
    description: "Shows an applicant their application's status through a private link",
    routes: ['GET /status/{token}'],
    access: { table: 'read' },
  },
  ReviewPage: {
    entry: 'functions/handlers/review-page.handler.ts',
    description: "Shows a reviewer the application and the decision form (reads only: safe for mail scanners)",
    routes: ['GET /review/{token}', 'HEAD /review/{token}'],
    access: { table: 'read' },
  },
  ReviewDecision: {
    entry: 'functions/handlers/review-decision.handler.ts',
    description: "Records a reviewer's decision once and wakes the waiting workflow",
    routes: ['POST /review/{token}'],
    access: { table: 'readwrite', answerWorkflowTasks: true },
  },
  MemberConfirmationPage: {
    entry: 'functions/handlers/member-confirmation-page.handler.ts',
    description: "Shows the member an application sent from an address it has not registered (reads only: safe for mail scanners)",
    routes: ['GET /confirm/{token}', 'HEAD /confirm/{token}'],
    access: { table: 'read' },
  },
  MemberConfirmationAnswer: {
    entry: 'functions/handlers/member-confirmation-answer.handler.ts',
    description: "Records the member's confirmation or decline once and wakes the waiting workflow",
    routes: ['POST /confirm/{token}'],
    access: { table: 'readwrite', answerWorkflowTasks: true },
  },
  CompletionForm: {
    entry: 'functions/handlers/completion-form.handler.ts',
    description: 'Shows the applicant the prefilled completion form',
    routes: ['GET /complete/{token}'],
    access: { table: 'read' },
  },
  SubmitCompletion: {
    entry: 'functions/handlers/submit-completion.handler.ts',
    description: 'Accepts a completed application and sends it back to review',
    routes: ['POST /complete/{token}'],
    access: { table: 'readwrite', answerWorkflowTasks: true },
  },
  PublicRegister: {
    entry: 'functions/handlers/public-register.handler.ts',
    description: 'Lists the certificates valid on a date (HTML and JSON): who may apply for Årets Stadskärna',
    routes: ['GET /register', 'GET /api/register', 'GET /register.csv'],
    access: { table: 'read' },
  },
  Criteria: {
    entry: 'functions/handlers/criteria.handler.ts',
    description: 'Publishes the QM criteria a reviewer assesses (Swedish, ?lang=en English)',
    routes: ['GET /api/criteria'],
    access: {},
  },
  PartnerPage: {
    entry: 'functions/handlers/partner-page.handler.ts',
    description: "Shows a partner the application and the confirmation form (reads only: safe for mail scanners)",
    routes: ['GET /partner/{token}', 'HEAD /partner/{token}'],
    access: { table: 'read' },
  },
  PartnerAnswer: {
    entry: 'functions/handlers/partner-answer.handler.ts',
    description: "Records a partner's confirmation or decline once and wakes the partner's wait",
    routes: ['POST /partner/{token}'],
    access: { table: 'readwrite', answerWorkflowTasks: true },
  },
  CertificateVerification: {
    entry: 'functions/handlers/certificate-verification.handler.ts',
    description: 'Verifies one certificate (page, .json) and serves it as a PDF (.pdf): one path segment, suffix dispatched',
    // API Gateway allows a path variable only as a whole segment ({certificateId}.pdf is not a valid
    // route), so this one route serves /certificates/QM-2026-0001, …/QM-2026-0001.json and ….pdf.
    routes: ['GET /certificates/{certificateId}'],
    access: { table: 'read' },
    memorySize: 1024,
    bundledFolders: pdfFonts,
    documentLibraries: true,
  },
  CertificateBadge: {
    entry: 'functions/handlers/certificate-badge.handler.ts',
    description: "Serves a certificate's badge (SVG) for a town's website, showing its current standing",
    routes: ['GET /certificates/{certificateId}/badge.svg'],
    access: { table: 'read' },
  },
  SelfEvaluation: {
    entry: 'functions/handlers/self-evaluation.handler.ts',
    description: 'Self-evaluation form, printable summary and its PDF; stores nothing (no table access)',
    routes: ['GET /self-evaluation', 'POST /self-evaluation', 'POST /self-evaluation/summary', 'POST /self-evaluation/summary.pdf'],
    access: {},
    memorySize: 1024,
    bundledFolders: pdfFonts,
    documentLibraries: true,
  },
  ApiDocument: {
    entry: 'functions/handlers/api-document.handler.ts',
    description: 'Publishes the OpenAPI 3.1 document of the public JSON API',
    routes: ['GET /api/openapi.json'],
    access: {},
  },
  AdminSignIn: {
    entry: 'functions/handlers/admin-sign-in.handler.ts',
    description: 'Staff sign-in by email link (neutral answer, single-use 15-minute links, 5 mails an hour) and sign-out',
    routes: ['GET /admin/sign-in', 'POST /admin/sign-in', 'GET /admin/sign-in/{token}', 'POST /admin/sign-in/{token}', 'POST /admin/sign-out'],
    access: { table: 'readwrite', sendMail: true },
  },
  AdminPages: {
    entry: 'functions/handlers/admin-pages.handler.ts',
    description: "The QM officer's workspace: overview, applications, certificates, members, audit log (reads only)",
    routes: [
      'GET /admin',
      'GET /admin/applications/{id}',
      'GET /admin/certificates/{certificateId}',
      'GET /admin/members',
      'GET /admin/members/{organisationNumber}',
      'GET /admin/audit',
      'GET /admin/exports',
    ],
    access: { table: 'read', staffSessions: true },
  },
  AdminExports: {
    entry: 'functions/handlers/admin-exports.handler.ts',
    description: 'Exports every certificate and every application as CSV (Swedish Excel) and XLSX',
    routes: ['GET /admin/export/certificates.csv', 'GET /admin/export/certificates.xlsx', 'GET /admin/export/applications.csv', 'GET /admin/export/applications.xlsx'],
    access: { table: 'read', staffSessions: true },
    timeoutSeconds: 60,
    documentLibraries: true,
  },
  AdminActions: {
    entry: 'functions/handlers/admin-actions.handler.ts',
    description: "The workspace's actions on applications and certificates (CSRF-protected forms, each in the audit log): links, reviewers, deadlines, withdrawal, partner override, restart, notes, revocation, correction",
    routes: [
      'POST /admin/applications/{id}/resend-review-links',
      'POST /admin/applications/{id}/reviewers',
      'POST /admin/applications/{id}/extend-completion',
      'POST /admin/applications/{id}/withdraw',
      'POST /admin/applications/{id}/override-partners',
      'POST /admin/applications/{id}/retry',
      'POST /admin/applications/{id}/notes',
      'POST /admin/certificates/{certificateId}/revoke',
      'POST /admin/certificates/{certificateId}/correct',
    ],
    access: { table: 'readwrite', sendMail: true, startWorkflow: true, stopWorkflow: true, answerWorkflowTasks: true },
    timeoutSeconds: 30,
  },
  AdminMembers: {
    entry: 'functions/handlers/admin-members.handler.ts',
    description: "The workspace's member register (CSRF-protected forms, each in the audit log): add or change a member, end a membership, import the register as CSV",
    routes: ['POST /admin/members', 'POST /admin/members/{organisationNumber}/end', 'POST /admin/members/import'],
    // Members and the audit log only: no mail, no workflows.
    access: { table: 'readwrite' },
    timeoutSeconds: 30,
    // The CSV parser comes from the layer.
    documentLibraries: true,
  },
  SitePages: {
    entry: 'functions/handlers/site-pages.handler.ts',
    description: 'The landing page, the privacy notice, the style sheet, the favicon, and "not found" for every other path (HTML for browsers, problem+json for the API)',
    routes: ['GET /', 'HEAD /', 'GET /integritet', 'HEAD /integritet', 'GET /styles.css', 'HEAD /styles.css', 'GET /favicon.ico', 'HEAD /favicon.ico', '$default'],
    access: {},
  },
} satisfies Record<string, FunctionSpec>;

/** Functions run on a schedule (EventBridge). */
export const scheduledFunctions = {
  RenewalSweep: {
    entry: 'functions/handlers/renewal-sweep.handler.ts',
    description: 'Daily: sends due renewal reminders and lapse notices, marks lapsed certificates expired',
    access: { table: 'readwrite', sendMail: true },
    timeoutSeconds: 300,
    /** Every day at 05:00 UTC (06:00 or 07:00 in Sweden). */
    schedule: { minute: '0', hour: '5' },
  },
} satisfies Record<string, FunctionSpec & { schedule: { minute: string; hour: string } }>;

/**
 * Functions run when a lifecycle execution ends without reaching one of its own end states
 * (timed out, aborted by an operator, or failed where no Catch could record it).
 */
export const executionEndFunctions = {
  RecordExecutionEnd: {
    entry: 'functions/handlers/record-execution-end.handler.ts',
    description: 'Puts an application whose workflow ended unexpectedly on hold and alerts the operator',
    access: { table: 'readwrite', publishAlerts: true },
    statuses: ['FAILED', 'TIMED_OUT', 'ABORTED'],
  },
} satisfies Record<string, FunctionSpec & { statuses: string[] }>;

/**
 * Functions run for SES events of the stage's configuration set (EventBridge): bounces and
 * complaints mark the address undeliverable, and a reviewer's or staff address is escalated.
 */
export const mailEventFunctions = {
  RecordMailEvent: {
    entry: 'functions/handlers/record-mail-event.handler.ts',
    description: 'Records a bounced or complaining address, on the application too, and escalates staff addresses',
    access: { table: 'readwrite', sendMail: true, publishAlerts: true },
  },
} satisfies Record<string, FunctionSpec>;

/** Functions the lifecycle state machine calls as Tasks. */
export const workflowFunctions = {
  RouteApplication: {
    entry: 'functions/handlers/route-application.handler.ts',
    description: "Reads the application's stored status, where the workflow starts from",
    access: { table: 'read' },
  },
  AwaitMemberConfirmation: {
    entry: 'functions/handlers/await-member-confirmation.handler.ts',
    description: "Asks the member's registered addresses to confirm who applies, and waits (waitForTaskToken)",
    access: { table: 'readwrite', sendMail: true, answerWorkflowTasks: true },
  },
  SettleMemberConfirmation: {
    entry: 'functions/handlers/settle-member-confirmation.handler.ts',
    description: "Applies the member's answer: the contact confirmed, or the application declined",
    access: { table: 'readwrite' },
  },
  ExpireMemberConfirmation: {
    entry: 'functions/handlers/expire-member-confirmation.handler.ts',
    description: 'Closes an application the member did not confirm in time',
    access: { table: 'readwrite' },
  },
  AcknowledgeApplication: {
    entry: 'functions/handlers/acknowledge-application.handler.ts',
    description: 'Records the acknowledgement and emails the applicant',
    access: { table: 'readwrite', sendMail: true },
  },
  StartReviewRound: {
    entry: 'functions/handlers/start-review-round.handler.ts',
    description: 'Opens a review round and emails each reviewer a personal link',
    access: { table: 'readwrite', sendMail: true },
  },
  AwaitReviewDecision: {
    entry: 'functions/handlers/await-review-decision.handler.ts',
    description: 'Parks the callback token on the review round (waitForTaskToken)',
    access: { table: 'readwrite', answerWorkflowTasks: true },
  },
  RemindReviewers: {
    entry: 'functions/handlers/remind-reviewers.handler.ts',
    description: 'Reminds reviewers of an unanswered round',
    access: { table: 'readwrite', sendMail: true },
  },
  EscalateReview: {
    entry: 'functions/handlers/escalate-review.handler.ts',
    description: 'Tells the programme contact that reviewers have not answered',
    access: { table: 'readwrite', sendMail: true },
  },
  CloseOverdueReview: {
    entry: 'functions/handlers/close-overdue-review.handler.ts',
    description: 'Ends a review round that got no decision in time',
    access: { table: 'readwrite', sendMail: true },
  },
  CertifyApplication: {
    entry: 'functions/handlers/certify-application.handler.ts',
    description: 'Issues the certificate and emails the applicant with the certificate PDF attached',
    access: { table: 'readwrite', sendMail: true },
    memorySize: 1024,
    bundledFolders: pdfFonts,
    documentLibraries: true,
  },
  RejectApplication: {
    entry: 'functions/handlers/reject-application.handler.ts',
    description: "Records a rejection and emails the reviewer's reason",
    access: { table: 'readwrite', sendMail: true },
  },
  RequestCompletion: {
    entry: 'functions/handlers/request-completion.handler.ts',
    description: 'Asks the applicant for a completion and waits (waitForTaskToken)',
    access: { table: 'readwrite', sendMail: true, answerWorkflowTasks: true },
  },
  ExpireApplication: {
    entry: 'functions/handlers/expire-application.handler.ts',
    description: 'Closes an application whose completion did not arrive in time',
    access: { table: 'readwrite', sendMail: true },
  },
  ListPartners: {
    entry: 'functions/handlers/list-partners.handler.ts',
    description: "Lists the application's partners (positions only) for the Map of confirmations",
    access: { table: 'read' },
  },
  AwaitPartnerConfirmation: {
    entry: 'functions/handlers/await-partner-confirmation.handler.ts',
    description: 'Asks one partner to confirm the collaboration and waits (waitForTaskToken)',
    access: { table: 'readwrite', sendMail: true, answerWorkflowTasks: true },
  },
  RemindPartner: {
    entry: 'functions/handlers/remind-partner.handler.ts',
    description: 'Reminds a partner who has not answered',
    access: { table: 'readwrite', sendMail: true },
  },
  ReleasePartnerConfirmations: {
    entry: 'functions/handlers/release-partner-confirmations.handler.ts',
    description: "Releases the partners' outstanding waits when the review ends",
    access: { table: 'readwrite', answerWorkflowTasks: true },
  },
  RecordFailure: {
    entry: 'functions/handlers/record-failure.handler.ts',
    description: 'Puts the application on hold after a step gave up, and alerts the operator (SNS)',
    access: { table: 'readwrite', publishAlerts: true },
  },
  ResumeApplication: {
    entry: 'functions/handlers/resume-application.handler.ts',
    description: 'Takes an application off hold and tells a new execution where to continue',
    access: { table: 'readwrite' },
  },
} satisfies Record<string, FunctionSpec>;
export type WorkflowFunctionId = keyof typeof workflowFunctions;
