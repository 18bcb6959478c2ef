import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from '../lib/zod.js';
import { lifecycleDependencies } from '../adapters/dependencies.js';
import { logger } from '../lambda/logger.js';
import { publishMetrics } from '../lambda/metrics.js';
import { recordFailure } from '../use-cases/record-failure.use-case.js';

/**
 * The part of EventBridge's "Step Functions Execution Status Change" event this needs, read as the
 * use case's input: the application is named by the execution's input (a resumed execution has a
 * name of its own), or by the execution's name when the input is unreadable.
 */
const executionInputSchema = z.looseObject({ applicationId: z.string().min(1) });
const executionEndSchema = z
  .looseObject({
    detail: z.looseObject({
      name: z.string().min(1),
      status: z.string(),
      input: z.string().nullish(),
      error: z.string().nullish(),
      cause: z.string().nullish(),
    }),
  })
  .transform(({ detail }) => ({
    applicationId: applicationIdOf(detail.input) ?? detail.name,
    error: { Error: detail.error ?? `Execution ${detail.status}`, ...(detail.cause ? { Cause: detail.cause } : {}) },
  }));

function applicationIdOf(input: string | null | undefined): string | undefined {
  try {
    const parsed = executionInputSchema.safeParse(JSON.parse(input ?? '{}'));
    return parsed.success ? parsed.data.applicationId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * EventBridge: a lifecycle execution ended as FAILED, TIMED_OUT or ABORTED. An application in a
 * final status, or already on hold (the workflow recorded its own failure), is left as it is; any
 * other is put on hold and the operator alerted (record-failure.use-case.ts).
 */
export const handler = middy<unknown, void>()
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .handler(async (event) => {
    const failure = executionEndSchema.parse(event);
    logger.appendPersistentKeys({ applicationId: failure.applicationId });
    await recordFailure(lifecycleDependencies(), failure);
  });
