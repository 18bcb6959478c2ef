import { memberConfirmationDependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { settleMemberConfirmation } from '../use-cases/member-confirmation.use-case.js';

/** Workflow task: applies the member's answer (the contact confirmed, or the application declined). */
export const handler = workflowTaskHandler(workflowTaskInputSchema, ({ applicationId }) => settleMemberConfirmation(memberConfirmationDependencies(), applicationId));
