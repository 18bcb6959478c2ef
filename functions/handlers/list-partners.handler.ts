import { dependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { listPartners } from '../use-cases/partner-confirmation.use-case.js';

/** Workflow task: the partners' positions, for the Map of confirmations. */
export const handler = workflowTaskHandler(workflowTaskInputSchema, (input) => listPartners(dependencies(), input.applicationId));
