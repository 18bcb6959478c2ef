/**
 * The one list of the system's Lambda functions: their source, HTTP routes and what they may touch.
 * The stateless stack builds functions, routes and grants from it; the local runner reads the
 * synthesised template, so it follows this list without a copy of its own.
 */
export type HttpMethod = 'GET' | 'HEAD' | 'POST';
export type RouteKey = `${HttpMethod} /${string}`;

export interface FunctionAccess {
  table?: 'read' | 'readwrite';
  sendMail?: boolean;
  startWorkflow?: boolean;
  /** SendTaskSuccess / SendTaskFailure on the lifecycle state machine. */
  answerWorkflowTasks?: boolean;
}

export interface FunctionSpec {
  entry: string;
  description: string;
  routes?: RouteKey[];
  access: FunctionAccess;
  timeoutSeconds?: number;
}

export const httpFunctions = {
  ApplyForm: {
    entry: 'functions/handlers/apply-form.handler.ts',
    description: 'Serves the application form (full or revision) as an HTML page',
    routes: ['GET /apply'],
    access: { table: 'read' },
  },
  SubmitApplication: {
    entry: 'functions/handlers/submit-application.handler.ts',
    description: 'Accepts an application (JSON or form), stores it and starts its workflow',
    routes: ['POST /applications'],
    access: { table: 'readwrite', startWorkflow: true },
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
  PublicRegister: {
    entry: 'functions/handlers/public-register.handler.ts',
    description: 'Lists the certificates valid on a date (HTML and JSON): who may apply for Årets Stadskärna',
    routes: ['GET /register', 'GET /api/register'],
    access: { table: 'read' },
  },
  CertificateVerification: {
    entry: 'functions/handlers/certificate-verification.handler.ts',
    description: 'Verifies one certificate: valid, expired or unknown, with its dates',
    routes: ['GET /certificates/{certificateId}'],
    access: { table: 'read' },
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

/** Functions the lifecycle state machine calls as Tasks. */
export const workflowFunctions = {
  AcknowledgeApplication: {
    entry: 'functions/handlers/acknowledge-application.handler.ts',
    description: 'Records the acknowledgement and emails the applicant',
    access: { table: 'readwrite', sendMail: true },
  },
} satisfies Record<string, FunctionSpec>;

export type HttpFunctionId = keyof typeof httpFunctions;
export type WorkflowFunctionId = keyof typeof workflowFunctions;
