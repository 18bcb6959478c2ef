import { lifecycleDependencies } from '../adapters/dependencies.js';
import { roundTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { closeOverdueReview } from '../use-cases/review-round.use-case.js';

/** Workflow task: ends a round that got no decision in time. */
export const handler = workflowTaskHandler(roundTaskInputSchema, (input) => closeOverdueReview(lifecycleDependencies(), input));
