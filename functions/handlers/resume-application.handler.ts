import { dependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { resumeApplication } from '../use-cases/resume-application.use-case.js';

/** Workflow task (first step of a resumed execution): off hold, and where to continue. */
export const handler = workflowTaskHandler(workflowTaskInputSchema, ({ applicationId }) => resumeApplication(dependencies(), applicationId));
