import { dependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { releasePartnerConfirmations } from '../use-cases/partner-confirmation.use-case.js';

/** Workflow task: the review ended; releases the partners' outstanding waits. */
export const handler = workflowTaskHandler(workflowTaskInputSchema, (input) => releasePartnerConfirmations(dependencies(), input.applicationId));
