import { lifecycleDependencies } from '../adapters/dependencies.js';
import { workflowTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { startReviewRound } from '../use-cases/review-round.use-case.js';

/** Workflow task: opens a review round and emails each reviewer a personal link. */
export const handler = workflowTaskHandler(workflowTaskInputSchema, (input) => startReviewRound(lifecycleDependencies(), input.applicationId));
