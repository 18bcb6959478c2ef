import { lifecycleDependencies } from '../adapters/dependencies.js';
import { roundTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { rejectApplication } from '../use-cases/apply-decision.use-case.js';

/** Workflow task: records the rejection and tells the applicant why. */
export const handler = workflowTaskHandler(roundTaskInputSchema, (input) => rejectApplication(lifecycleDependencies(), input));
