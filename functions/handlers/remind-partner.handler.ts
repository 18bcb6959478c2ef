import { lifecycleDependencies } from '../adapters/dependencies.js';
import { partnerReminderInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { remindPartner } from '../use-cases/partner-confirmation.use-case.js';

/** Workflow task: reminds a partner who has not answered. */
export const handler = workflowTaskHandler(partnerReminderInputSchema, (input) => remindPartner(lifecycleDependencies(), input));
