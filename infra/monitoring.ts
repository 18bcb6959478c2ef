import { Duration } from 'aws-cdk-lib';
import type { HttpApi, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { AppMetric } from '../functions/lambda/metric-names.js';
import { METRICS_NAMESPACE } from './function-defaults.js';


export interface MonitoringProps {
  stage: string;
  topic: ITopic;
  functions: Record<string, IFunction>;
  stateMachine: StateMachine;
  api: HttpApi;
  apiStage: HttpStage;
  deadLetters: IQueue;
}

/**
 * Alarms (all to the operator's SNS topic, which does not depend on SES) and one dashboard.
 * Each alarm's description says what it means and what to do; the README lists them too.
 */
export class Monitoring extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const fiveMinutes = Duration.minutes(5);
    const appMetric = (metricName: string) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { service: 'qm' }, statistic: 'Sum', period: fiveMinutes });

    const alarm = (alarmId: string, metric: IMetric, description: string, threshold = 1) => {
      const created = new Alarm(this, alarmId, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // No data means nothing happened: not an alarm.
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(new SnsAction(props.topic));
      this.alarms.push(created);
      return created;
    };

    const sm = props.stateMachine;
    alarm('ExecutionsFailed', sm.metricFailed({ period: fiveMinutes }), 'A lifecycle execution failed: its application is on hold (see the alert mail for the id). Fix the cause, then resume it (README: "Restarting an application").');
    alarm('ExecutionsTimedOut', sm.metricTimedOut({ period: fiveMinutes }), 'A lifecycle execution ran out of its one-year limit; its application is on hold. Resume it after checking why it waited so long.');
    alarm('ExecutionsAborted', sm.metricAborted({ period: fiveMinutes }), 'Someone stopped a lifecycle execution; its application is on hold. Resume it unless the stop was intended.');

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}Errors`, fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), `${name} threw errors. Read its log group; workflow steps are retried, so check whether an application went on hold.`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), `${name} was throttled by Lambda: the account's concurrency is exhausted (or the function's reserved concurrency).`);
    }

    alarm(
      'DeadLettersWaiting',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
      'An asynchronous event (renewal sweep, execution end, mail bounce) could not be handled and waits in the dead-letter queue. Read it, fix the cause, re-drive it to the function.',
    );
    alarm(
      'DeadLettersAgeing',
      props.deadLetters.metricApproximateAgeOfOldestMessage({ period: fiveMinutes, statistic: 'Maximum' }),
      'A dead letter has waited more than a day; it is deleted after 14 days.',
      86_400,
    );

    // Account-level reputation, as SES itself enforces it: at 5% bounces / 0.1% complaints SES
    // reviews the account, at 10% / 0.5% it may pause sending. Alarm well before.
    const reputation = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) });
    alarm('SesBounceRate', reputation('Reputation.BounceRate'), 'The SES bounce rate is above 2%. Check the undeliverable addresses recorded in the table and the member register.', 0.02);
    alarm('SesComplaintRate', reputation('Reputation.ComplaintRate'), 'The SES complaint rate is above 0.05%. Someone marks our mail as spam; check what was sent.', 0.0005);

    alarm('Api5xx', props.api.metricServerError({ period: fiveMinutes, statistic: 'Sum' }), 'The HTTP API answered with 5xx errors. The access log (route key and status) and the function logs tell which route.');

    alarm('ApplicationsOnHold', appMetric(AppMetric.ApplicationsOnHold), 'An application was put on hold: a workflow step gave up (often mail that could not be sent). Fix the cause and resume it.');
    alarm('MailFailures', appMetric(AppMetric.MailFailures), 'SES refused or failed to send mail (after the SDK retries). Steps are retried for up to hours; a lasting failure puts applications on hold.', 5);
    alarm('UndeliverableAddresses', appMetric(AppMetric.UndeliverableAddresses), 'An address bounced or complained; it is marked undeliverable. A reviewer or staff address was also reported to the programme contact.');

    new Dashboard(this, 'Dashboard', {
      dashboardName: `qm-${props.stage}`,
      widgets: [
        [
          new GraphWidget({
            title: 'Applications',
            width: 12,
            left: [appMetric(AppMetric.ApplicationsSubmitted), appMetric(AppMetric.Decisions), appMetric(AppMetric.ApplicationsOnHold)],
          }),
          new GraphWidget({
            title: 'Mail',
            width: 12,
            left: [appMetric(AppMetric.RenewalRemindersSent), appMetric(AppMetric.MailFailures), appMetric(AppMetric.UndeliverableAddresses)],
          }),
        ],
        [
          new GraphWidget({
            title: 'Workflow executions',
            width: 12,
            left: [sm.metricStarted({ period: fiveMinutes }), sm.metricSucceeded({ period: fiveMinutes }), sm.metricFailed({ period: fiveMinutes })],
          }),
          new GraphWidget({
            title: 'HTTP API',
            width: 12,
            left: [props.api.metricCount({ period: fiveMinutes }), props.api.metricClientError({ period: fiveMinutes }), props.api.metricServerError({ period: fiveMinutes })],
          }),
        ],
        [new AlarmStatusWidget({ title: 'Alarms', width: 24, height: 8, alarms: this.alarms })],
      ],
    });
  }
}
