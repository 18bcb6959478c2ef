import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from '../lib/zod.js';
import { lifecycleDependencies } from '../adapters/dependencies.js';
import { logger } from '../lambda/logger.js';
import { publishMetrics } from '../lambda/metrics.js';
import { recordFailure } from '../use-cases/record-failure.use-case.js';

/** The part of EventBridge's "Step Functions Execution Status Change" event this needs. */
const executionEndEventSchema = z.looseObject({
  detail: z.looseObject({
    name: z.string().min(1),
    status: z.string(),
    input: z.string().nullish(),
    error: z.string().nullish(),
    cause: z.string().nullish(),
  }),
});

const executionInputSchema = z.looseObject({ applicationId: z.string().min(1) });

/**
 * EventBridge: a lifecycle execution ended as FAILED, TIMED_OUT or ABORTED. Its input names the
 * application (a resumed execution has a name of its own). An application in a final status, or
 * already on hold (the workflow recorded its own failure), is left as it is; any other is put on
 * hold and the operator alerted.
 */
export const handler = middy<unknown, void>()
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .handler(async (event) => {
    const { detail } = executionEndEventSchema.parse(event);
    const input = executionInputSchema.safeParse(JSON.parse(detail.input ?? '{}'));
    const applicationId = input.success ? input.data.applicationId : detail.name;
    logger.appendPersistentKeys({ applicationId });
    await recordFailure(lifecycleDependencies(), {
      applicationId,
      error: { Error: detail.error ?? `Execution ${detail.status}`, ...(detail.cause ? { Cause: detail.cause } : {}) },
    });
  });
