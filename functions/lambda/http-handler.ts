import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { problemResponses } from '../http/problem-responses.middleware.js';
import type { HttpResult } from '../http/responses.js';
import { logger } from './logger.js';
import { publishMetrics } from './metrics.js';

/** Every HTTP handler gets the same middleware: logging context, lower-case headers, problem answers. */
export function httpHandler(fn: (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>) {
  return middy<APIGatewayProxyEventV2, HttpResult>()
    .use(injectLambdaContext(logger))
    .use(httpHeaderNormalizer())
    .use(problemResponses(logger))
    .use(publishMetrics())
    .handler(fn);
}
