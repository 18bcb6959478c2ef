import { lifecycleDependencies } from '../adapters/dependencies.js';
import { callbackTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { requestCompletion } from '../use-cases/apply-decision.use-case.js';

/** Workflow task: asks the applicant for a completion and waits (waitForTaskToken). */
export const handler = workflowTaskHandler(callbackTaskInputSchema, (input) => requestCompletion(lifecycleDependencies(), input));
