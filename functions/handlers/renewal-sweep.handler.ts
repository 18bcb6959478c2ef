import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { AppMetric, MetricUnit, metrics, publishMetrics } from '../lambda/metrics.js';
import type { ScheduledEvent } from 'aws-lambda';
import { dependencies, type Dependencies } from '../adapters/dependencies.js';
import { stockholmDate } from '../domain/calendar-date.js';
import { logger } from '../lambda/logger.js';
import { runRenewalSweep, type RenewalSweepDeps, type RenewalSweepReport } from '../use-cases/renewal-sweep.use-case.js';

/** The sweep's dependencies from the function's (or the CLI's) configuration. */
export function renewalSweepDependencies(deps: Dependencies = dependencies()): RenewalSweepDeps {
  return {
    renewals: deps.renewals,
    certificates: deps.certificates,
    mailer: deps.mailer,
    publicBaseUrl: deps.config.PUBLIC_BASE_URL,
    reminderDays: deps.config.RENEWAL_REMINDER_DAYS,
    revisionGraceMonths: deps.config.REVISION_GRACE_MONTHS,
    now: deps.now,
  };
}

/**
 * Daily (EventBridge rule): sends due renewal reminders and lapse notices as of today in Sweden.
 * Failed sends make the invocation fail after the others are done, so Lambda's retry of the
 * asynchronous invocation (and tomorrow's sweep) tries them again; sent stages are not repeated.
 */
export const handler = middy<ScheduledEvent, RenewalSweepReport>()
  .use(injectLambdaContext(logger))
  .use(publishMetrics())
  .handler(async (event) => {
    const deps = renewalSweepDependencies();
    // The day is the one the schedule fired on (the event's time): a retry hours later still sweeps
    // that day, and the local runner runs the schedule as of another date through the same field.
    const today = stockholmDate(event?.time ? new Date(event.time) : deps.now());
    const report = await runRenewalSweep(deps, { today });
    metrics.addMetric(AppMetric.RenewalRemindersSent, MetricUnit.Count, report.sent.length);
    logger.info('Renewal sweep done', {
      today,
      examined: report.examined,
      sent: report.sent,
      skipped: report.skipped,
      expired: report.expired,
      busy: report.busy,
      reindexed: report.reindexed,
      readCount: report.readCount,
      pointReads: report.pointReads,
    });
    if (report.failed.length > 0) {
      logger.error('Renewal reminders failed', { failed: report.failed });
      throw new Error(`${report.failed.length} renewal reminder(s) could not be sent; they will be retried`);
    }
    return report;
  });
