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
} satisfies Record<string, FunctionSpec>;

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
