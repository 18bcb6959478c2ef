import { dependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { routeApplication } from '../use-cases/member-confirmation.use-case.js';

/** Workflow task: the stored status, for the first Choice (confirmation first, or straight on). */
export const handler = workflowTaskHandler(workflowTaskInputSchema, ({ applicationId }) => routeApplication(dependencies(), applicationId));
