import { Metrics } from '@aws-lambda-powertools/metrics';
export { MetricUnit } from '@aws-lambda-powertools/metrics';
import type middy from '@middy/core';

/** The system's metrics, as CloudWatch EMF log lines in one namespace (POWERTOOLS_METRICS_NAMESPACE). */
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'QM', serviceName: 'qm' });

export { AppMetric } from './metric-names.js';

/**
 * Flushes the invocation's metrics, also when it failed (a mail failure is counted then).
 * Powertools' own logMetrics middleware would warn on every invocation that recorded none.
 */
export function publishMetrics(): middy.MiddlewareObj {
  const flush = async () => {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  };
  return { after: flush, onError: flush };
}
