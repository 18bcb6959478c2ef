import { memberConfirmationDependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { expireMemberConfirmation } from '../use-cases/member-confirmation.use-case.js';

/** Workflow task: closes an application the member did not confirm in time (unless an answer came first). */
export const handler = workflowTaskHandler(workflowTaskInputSchema, ({ applicationId }) => expireMemberConfirmation(memberConfirmationDependencies(), applicationId));
