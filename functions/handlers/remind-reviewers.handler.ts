import { lifecycleDependencies } from '../adapters/dependencies.js';
import * as z from '../lib/zod.js';
import { roundTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { remindReviewers } from '../use-cases/review-round.use-case.js';

/** Workflow task: reminds the reviewers of an unanswered round. */
export const handler = workflowTaskHandler(roundTaskInputSchema.extend({ reminder: z.number().int().positive() }), (input) => remindReviewers(lifecycleDependencies(), input));
