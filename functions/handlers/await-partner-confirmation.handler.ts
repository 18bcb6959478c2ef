import { lifecycleDependencies } from '../adapters/dependencies.js';
import { partnerCallbackInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { awaitPartnerConfirmation } from '../use-cases/partner-confirmation.use-case.js';

/** Workflow task: asks one partner to confirm and waits (waitForTaskToken). */
export const handler = workflowTaskHandler(partnerCallbackInputSchema, (input) => awaitPartnerConfirmation(lifecycleDependencies(), input));
