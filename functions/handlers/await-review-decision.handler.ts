import { lifecycleDependencies } from '../adapters/dependencies.js';
import { callbackTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { awaitReviewDecision } from '../use-cases/review-round.use-case.js';

/** Workflow task: parks the callback token on the review round (waitForTaskToken). */
export const handler = workflowTaskHandler(callbackTaskInputSchema, (input) => awaitReviewDecision(lifecycleDependencies(), input));
