import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { lifecycleDependencies } from '../adapters/dependencies.js';
import { isFinal } from '../domain/application-status.js';
import { logger } from '../lambda/logger.js';
import { recordFailure } from '../use-cases/record-failure.use-case.js';

/** The part of EventBridge's "Step Functions Execution Status Change" event this needs. */
const executionEndEventSchema = z.looseObject({
  detail: z.looseObject({
    name: z.string().min(1),
    status: z.string(),
    error: z.string().nullish(),
    cause: z.string().nullish(),
  }),
});

/**
 * EventBridge: a lifecycle execution ended as FAILED, TIMED_OUT or ABORTED. The execution is named
 * after its application. When the workflow already recorded its end (a final status), nothing more
 * is done; otherwise the application is recorded as stopped and the operator alerted.
 */
export const handler = middy<unknown, void>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const { detail } = executionEndEventSchema.parse(event);
    const deps = lifecycleDependencies();
    const application = await deps.applications.get(detail.name);
    if (application && isFinal(application.status)) return;
    await recordFailure(deps, {
      applicationId: detail.name,
      error: { Error: detail.error ?? `Execution ${detail.status}`, ...(detail.cause ? { Cause: detail.cause } : {}) },
    });
  });
