import { lifecycleDependencies } from '../adapters/dependencies.js';
import { roundTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { escalateReview } from '../use-cases/review-round.use-case.js';

/** Workflow task: tells the programme contact that reviewers have not answered. */
export const handler = workflowTaskHandler(roundTaskInputSchema, (input) => escalateReview(lifecycleDependencies(), input));
