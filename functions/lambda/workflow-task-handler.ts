import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from '../lib/zod.js';
import { PermanentError } from '../domain/errors.js';
import { withInvocationContext } from './invocation-context.js';
import { logger } from './logger.js';
import { publishMetrics } from './metrics.js';

/** Input every lifecycle task receives: ids and counters, never the application itself. */
export const workflowTaskInputSchema = z.looseObject({ applicationId: z.string().min(1) });
export const roundTaskInputSchema = workflowTaskInputSchema.extend({ round: z.number().int().positive() });
export const callbackTaskInputSchema = roundTaskInputSchema.extend({ taskToken: z.string().min(1) });
/** A partner's step: the partner's position in the application's list. */
export const partnerTaskInputSchema = workflowTaskInputSchema.extend({ partner: z.number().int().min(0) });
export const partnerCallbackInputSchema = partnerTaskInputSchema.extend({ taskToken: z.string().min(1) });
export const partnerReminderInputSchema = partnerTaskInputSchema.extend({ reminder: z.number().int().positive() });

/**
 * A Step Functions task: validated input and logging context (the event itself is never logged:
 * callback tasks carry a task token). Bad input is a PermanentError, which the workflow does not retry.
 * Every log line of the invocation carries the application id; every mail is tagged with it.
 */
export function workflowTaskHandler<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>) => Promise<T>) {
  return middy<unknown, T>()
    .use(injectLambdaContext(logger))
    .use(publishMetrics())
    .handler(async (event) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) throw new PermanentError(`Invalid task input: ${z.prettifyError(parsed.error)}`);
      const { applicationId } = parsed.data as { applicationId: string };
      // Set on every invocation (each task is about one application), so it never carries over.
      logger.appendPersistentKeys({ applicationId });
      return withInvocationContext({ applicationId }, () => fn(parsed.data));
    });
}
