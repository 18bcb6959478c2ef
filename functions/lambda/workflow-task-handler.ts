import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { PermanentError } from '../domain/errors.js';
import { logger } from './logger.js';

/** Input every lifecycle task receives: ids only, never the application itself. */
export const workflowTaskInputSchema = z.looseObject({
  applicationId: z.string().min(1),
});

export type WorkflowTaskInput = z.infer<typeof workflowTaskInputSchema>;

/** A Step Functions task: validated input, logging context; bad input is a PermanentError (no retries). */
export function workflowTaskHandler<T>(fn: (input: WorkflowTaskInput) => Promise<T>) {
  return middy<unknown, T>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const parsed = workflowTaskInputSchema.safeParse(event);
      if (!parsed.success) throw new PermanentError(`Invalid task input: ${parsed.error.message}`);
      return fn(parsed.data);
    });
}
