import * as z from '../lib/zod.js';
import { lifecycleDependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { recordFailure } from '../use-cases/record-failure.use-case.js';

const failureInputSchema = workflowTaskInputSchema.extend({
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/** Workflow task: a step gave up; record the failure on the application and alert the operator. */
export const handler = workflowTaskHandler(failureInputSchema, (input) => recordFailure(lifecycleDependencies(), input));
