import { lifecycleDependencies } from '../adapters/dependencies.js';
import { roundTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { expireApplication } from '../use-cases/apply-decision.use-case.js';

/** Workflow task: closes an application whose completion did not come in time. */
export const handler = workflowTaskHandler(roundTaskInputSchema, (input) => expireApplication(lifecycleDependencies(), input));
