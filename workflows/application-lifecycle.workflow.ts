import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  Map as SfnMap,
  Parallel,
  Pass,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Result,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../infra/config/stage-config.js';
import type { WorkflowFunctionId } from '../infra/lambda-functions.js';

/**
 * State names are part of the contract with the local runner and the tests: the local system
 * shortens the waits of `AwaitReviewDecision`, `AwaitCompletion`, `AwaitMemberConfirmation` and
 * `AwaitPartnerConfirmation` by name.
 */
export const LifecycleState = {
  RouteApplication: 'RouteApplication',
  RouteByStatus: 'RouteByStatus',
  AwaitMemberConfirmation: 'AwaitMemberConfirmation',
  ExpireMemberConfirmation: 'ExpireMemberConfirmation',
  RouteConfirmation: 'RouteConfirmation',
  SettleMemberConfirmation: 'SettleMemberConfirmation',
  AfterConfirmation: 'AfterConfirmation',
  Declined: 'Declined',
  ConfirmationExpired: 'ConfirmationExpired',
  Acknowledge: 'Acknowledge',
  ReviewAndPartners: 'ReviewAndPartners',
  ListPartners: 'ListPartners',
  ConfirmPartners: 'ConfirmPartners',
  AwaitPartnerConfirmation: 'AwaitPartnerConfirmation',
  PartnerTimedOut: 'PartnerTimedOut',
  CountPartnerReminder: 'CountPartnerReminder',
  RemindPartner: 'RemindPartner',
  AwaitPartnerAnswer: 'AwaitPartnerAnswer',
  PartnerDone: 'PartnerDone',
  ReleasePartners: 'ReleasePartners',
  StartReviewRound: 'StartReviewRound',
  AwaitReviewDecision: 'AwaitReviewDecision',
  ReviewTimedOut: 'ReviewTimedOut',
  CountReminder: 'CountReminder',
  RemindReviewers: 'RemindReviewers',
  EscalateReview: 'EscalateReview',
  MarkEscalated: 'MarkEscalated',
  CloseOverdueReview: 'CloseOverdueReview',
  DecidedAfterAll: 'DecidedAfterAll',
  RouteDecision: 'RouteDecision',
  Certify: 'Certify',
  Reject: 'Reject',
  AwaitCompletion: 'AwaitCompletion',
  ExpireApplication: 'ExpireApplication',
  AnsweredAtDeadline: 'AnsweredAtDeadline',
  RecordFailure: 'RecordFailure',
  Certified: 'Certified',
  ReviewEnded: 'ReviewEnded',
  ReviewOverdue: 'ReviewOverdue',
  ReviewOverdueEnded: 'ReviewOverdueEnded',
  Failed: 'Failed',
  Start: 'Start',
  ResumeApplication: 'ResumeApplication',
  ResumeAt: 'ResumeAt',
  RestoreCompletionRound: 'RestoreCompletionRound',
  ReviewEntry: 'ReviewEntry',
  NothingToResume: 'NothingToResume',
} as const;

/**
 * Errors that mean "too fast" (SES sending rate or quota, DynamoDB throughput, Lambda
 * concurrency): retried for hours, not seconds, because they pass when the rate drops.
 */
export const THROTTLING_ERRORS = [
  'TooManyRequestsException',
  'LimitExceededException',
  'Throttling',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'Lambda.TooManyRequestsException',
];

export interface ApplicationLifecycleProps {
  functions: Record<WorkflowFunctionId, IFunction>;
  config: StageConfig;
  stateMachineName?: string;
}

const applicationId = JsonPath.stringAt('$.applicationId');
const round = JsonPath.numberAt('$.review.round');

/**
 * The lifecycle of one application:
 *   [awaiting the member's confirmation →] submitted → acknowledged → in review → (completion requested → in review)* → certified | rejected
 * with reviewer reminders and an escalation when nobody decides, a completion deadline, and an
 * application put on hold (plus an operator alert by SNS) when a step gives up after its retries.
 * A new execution with `{ applicationId, resume: true }` takes it off hold and continues from its
 * stored status (Step Functions' redrive would re-enter the Fail state instead).
 * Input and output carry ids only ({ applicationId }); everything else stays in DynamoDB.
 * Written in JSONPath (the local interpreter ignores JSONata).
 */
export class ApplicationLifecycle extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ApplicationLifecycleProps) {
    super(scope, id);
    const { functions: fn, config } = props;
    const S = LifecycleState;

    // Failure path: put the application on hold and alert the operator, then end failed (the
    // failed-executions alarm pages too). The application is recoverable: see ResumeApplication.
    const failed = new Fail(this, S.Failed, { error: 'LifecycleFailed', cause: 'A step failed after its retries; the application is on hold, see its history' });
    const recordFailure = this.step(S.RecordFailure, fn.RecordFailure, { applicationId, error: JsonPath.objectAt('$.error') });
    recordFailure.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.recordFailureError' });
    recordFailure.next(failed);
    const onFailure = <T extends LambdaInvoke>(task: T): T => {
      task.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.error' });
      return task;
    };

    const acknowledge = onFailure(this.step(S.Acknowledge, fn.AcknowledgeApplication, { applicationId }));

    // First, where the stored application stands: one from an address the member has not
    // registered waits for the member's confirmation (a callback with a deadline) before anything
    // else; the others go straight on. Starting from the stored status also lets a new execution
    // resume an application.
    const route = onFailure(this.step(S.RouteApplication, fn.RouteApplication, { applicationId }, '$.stored', { 'status.$': '$.Payload.status' }));
    const routeByStatus = new Choice(this, S.RouteByStatus);
    const awaitConfirmation = this.callback(S.AwaitMemberConfirmation, fn.AwaitMemberConfirmation, { applicationId }, '$.confirmation', Duration.days(config.memberConfirmationDays));
    const expireConfirmation = onFailure(
      this.step(S.ExpireMemberConfirmation, fn.ExpireMemberConfirmation, { applicationId }, '$.confirmation', { 'decision.$': '$.Payload.decision' }),
    );
    awaitConfirmation.addCatch(expireConfirmation, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    onFailure(awaitConfirmation);
    const routeConfirmation = new Choice(this, S.RouteConfirmation);
    const settleConfirmation = onFailure(this.step(S.SettleMemberConfirmation, fn.SettleMemberConfirmation, { applicationId }));
    const afterConfirmation = new Choice(this, S.AfterConfirmation);

    route.next(routeByStatus);
    routeByStatus.when(Condition.stringEquals('$.stored.status', 'awaiting_confirmation'), awaitConfirmation).otherwise(acknowledge);
    awaitConfirmation.next(routeConfirmation);
    expireConfirmation.next(routeConfirmation);
    routeConfirmation
      .when(Condition.stringEquals('$.confirmation.decision', 'timeout'), new Succeed(this, S.ConfirmationExpired))
      .otherwise(settleConfirmation);
    settleConfirmation.next(afterConfirmation);
    afterConfirmation
      .when(Condition.stringEquals('$.confirmation.decision', 'confirm'), acknowledge)
      .otherwise(new Succeed(this, S.Declined));
    // The review and the partners' confirmations run side by side. States inside a branch cannot
    // Catch to states outside it, so a failing step fails the Parallel, whose Catch records it.
    const startReviewRound = this.step(S.StartReviewRound, fn.StartReviewRound, { applicationId }, '$.review', {
      'round.$': '$.Payload.round',
      'reminders.$': '$.Payload.reminders',
      'escalated.$': '$.Payload.escalated',
      'openedAt.$': '$.Payload.openedAt',
    });

    // The review waits for the decision callback; each timeout is a reminder, then an escalation.
    const awaitDecision = this.callback(S.AwaitReviewDecision, fn.AwaitReviewDecision, { applicationId, round }, '$.decision', Duration.days(config.reviewReminderIntervalDays));
    const reviewTimedOut = new Choice(this, S.ReviewTimedOut);
    awaitDecision.addCatch(reviewTimedOut, { errors: ['States.Timeout'], resultPath: '$.timeout' });

    const countReminder = new Pass(this, S.CountReminder, {
      parameters: {
        'round.$': '$.review.round',
        'reminders.$': 'States.MathAdd($.review.reminders, 1)',
        'escalated.$': '$.review.escalated',
        'openedAt.$': '$.review.openedAt',
      },
      resultPath: '$.review',
    });
    const remind = this.step(S.RemindReviewers, fn.RemindReviewers, { applicationId, round, reminder: JsonPath.numberAt('$.review.reminders') });
    const escalate = this.step(S.EscalateReview, fn.EscalateReview, { applicationId, round });
    const markEscalated = new Pass(this, S.MarkEscalated, { result: Result.fromBoolean(true), resultPath: '$.review.escalated' });
    const closeOverdue = this.step(S.CloseOverdueReview, fn.CloseOverdueReview, { applicationId, round }, '$.decision', { 'decision.$': '$.Payload' });
    const unwrapOverdue = new Pass(this, `${S.CloseOverdueReview}Result`, { inputPath: '$.decision.decision', resultPath: '$.decision' });
    const decidedAfterAll = new Choice(this, S.DecidedAfterAll);

    const routeDecision = new Choice(this, S.RouteDecision);
    const certify = this.step(S.Certify, fn.CertifyApplication, { applicationId, round });
    const reject = this.step(S.Reject, fn.RejectApplication, { applicationId, round });
    const awaitCompletion = this.callback(S.AwaitCompletion, fn.RequestCompletion, { applicationId, round }, '$.completion', Duration.days(config.completionDeadlineDays));
    const expire = this.step(S.ExpireApplication, fn.ExpireApplication, { applicationId, round }, '$.expiry', { 'answered.$': '$.Payload.answered', 'extended.$': '$.Payload.extended' });
    awaitCompletion.addCatch(expire, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    const answeredAtDeadline = new Choice(this, S.AnsweredAtDeadline);
    // A review that ends without a certificate releases the partners still waited on.
    const releasePartners = this.step(S.ReleasePartners, fn.ReleasePartnerConfirmations, { applicationId });

    // Router: a fresh submission starts at RouteApplication; a resume continues from the stored
    // status. The first steps are idempotent (acknowledge once, reuse an open or decided round,
    // send each mail once, a partner who has answered is settled at once), so everything before the
    // decision resumes through Acknowledge; a completion round resumes inside the review branch.
    const start = new Choice(this, S.Start);
    const resume = onFailure(
      this.step(S.ResumeApplication, fn.ResumeApplication, { applicationId }, '$.resumeAt', {
        'status.$': '$.Payload.status',
        'round.$': '$.Payload.round',
      }),
    );
    const resumeAt = new Choice(this, S.ResumeAt);
    start.when(Condition.isPresent('$.resume'), resume).otherwise(route);
    resume.next(resumeAt);
    const resumingCompletion = Condition.and(Condition.isPresent('$.resumeAt.status'), Condition.stringEquals('$.resumeAt.status', 'completion_requested'));

    // The review branch starts with a new round, or, when a completion round is resumed, waits
    // for that completion again (a branch can only be entered at its start).
    const reviewEntry = new Choice(this, S.ReviewEntry);
    const restoreCompletionRound = new Pass(this, S.RestoreCompletionRound, {
      parameters: { 'round.$': '$.resumeAt.round', reminders: 0, escalated: false, 'openedAt.$': '$$.Execution.StartTime' },
      resultPath: '$.review',
    });
    reviewEntry.when(resumingCompletion, restoreCompletionRound).otherwise(startReviewRound);
    restoreCompletionRound.next(awaitCompletion);

    startReviewRound.next(awaitDecision);
    awaitDecision.next(routeDecision);
    reviewTimedOut
      .when(Condition.numberLessThan('$.review.reminders', config.reviewReminderCount), countReminder)
      .when(Condition.booleanEquals('$.review.escalated', false), escalate)
      .otherwise(closeOverdue);
    countReminder.next(remind);
    remind.next(awaitDecision);
    escalate.next(markEscalated);
    markEscalated.next(awaitDecision);
    closeOverdue.next(unwrapOverdue);
    unwrapOverdue.next(decidedAfterAll);
    decidedAfterAll
      .when(Condition.isPresent('$.decision.decision'), routeDecision)
      .otherwise(new Fail(this, S.ReviewOverdue, { error: 'ReviewOverdue', cause: 'No reviewer decided in time; the operator was alerted' }));
    routeDecision
      .when(Condition.stringEquals('$.decision.decision', 'approve'), certify.next(new Succeed(this, S.Certified)))
      .when(Condition.stringEquals('$.decision.decision', 'reject'), reject.next(releasePartners))
      .when(Condition.stringEquals('$.decision.decision', 'request_completion'), awaitCompletion)
      .otherwise(new Fail(this, 'UnknownDecision', { error: 'UnknownDecision' }));
    awaitCompletion.next(startReviewRound);
    expire.next(answeredAtDeadline);
    answeredAtDeadline
      .when(Condition.booleanEquals('$.expiry.answered', true), startReviewRound)
      // Staff extended the deadline: wait again for the completion.
      .when(Condition.booleanEquals('$.expiry.extended', true), awaitCompletion)
      .otherwise(releasePartners);
    releasePartners.next(new Succeed(this, S.ReviewEnded));

    // Each partner: a callback with reminders, until the answer or the release.
    const partner = JsonPath.numberAt('$.partner');
    const listPartners = this.step(S.ListPartners, fn.ListPartners, { applicationId }, '$.partners', { 'indices.$': '$.Payload.partners' });
    const confirmPartners = new SfnMap(this, S.ConfirmPartners, {
      itemsPath: '$.partners.indices',
      itemSelector: { applicationId, partner: JsonPath.numberAt('$$.Map.Item.Value'), reminders: 0 },
      resultPath: JsonPath.DISCARD,
    });
    const awaitPartner = this.callback(S.AwaitPartnerConfirmation, fn.AwaitPartnerConfirmation, { applicationId, partner }, '$.answer', Duration.days(config.partnerReminderIntervalDays));
    const partnerTimedOut = new Choice(this, S.PartnerTimedOut);
    awaitPartner.addCatch(partnerTimedOut, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    const countPartnerReminder = new Pass(this, S.CountPartnerReminder, {
      parameters: { applicationId, partner, 'reminders.$': 'States.MathAdd($.reminders, 1)' },
    });
    const remindPartner = this.step(S.RemindPartner, fn.RemindPartner, { applicationId, partner, reminder: JsonPath.numberAt('$.reminders') });
    // After the last reminder the partner may still answer until the review ends (which releases it).
    const awaitPartnerAnswer = this.callback(S.AwaitPartnerAnswer, fn.AwaitPartnerConfirmation, { applicationId, partner }, '$.answer', Duration.days(365));
    const partnerDone = new Succeed(this, S.PartnerDone);
    awaitPartnerAnswer.addCatch(partnerDone, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    awaitPartner.next(partnerDone);
    awaitPartnerAnswer.next(partnerDone);
    partnerTimedOut.when(Condition.numberLessThan('$.reminders', config.partnerReminderCount), countPartnerReminder).otherwise(awaitPartnerAnswer);
    countPartnerReminder.next(remindPartner);
    remindPartner.next(awaitPartner);
    confirmPartners.itemProcessor(awaitPartner);
    listPartners.next(confirmPartners);

    const reviewAndPartners = new Parallel(this, S.ReviewAndPartners, { resultPath: JsonPath.DISCARD });
    reviewAndPartners.branch(reviewEntry).branch(listPartners);
    reviewAndPartners.addCatch(new Fail(this, S.ReviewOverdueEnded, { error: 'ReviewOverdue', cause: 'No reviewer decided in time; the operator was alerted' }), {
      errors: ['ReviewOverdue'],
      resultPath: '$.error',
    });
    reviewAndPartners.addCatch(recordFailure, { errors: ['States.ALL'], resultPath: '$.error' });
    acknowledge.next(reviewAndPartners);
    resumeAt
      .when(Condition.stringEquals('$.resumeAt.status', 'awaiting_confirmation'), awaitConfirmation)
      .when(resumingCompletion, reviewAndPartners)
      .when(
        Condition.or(...['submitted', 'acknowledged', 'in_review'].map((status) => Condition.stringEquals('$.resumeAt.status', status))),
        acknowledge,
      )
      .otherwise(new Succeed(this, S.NothingToResume, { comment: 'The application has already ended' }));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(start),
      ...(props.stateMachineName ? { stateMachineName: props.stateMachineName } : {}),
      // Errors only, and without execution data: inputs and outputs hold ids, but task tokens too.
      logs: {
        destination: new LogGroup(this, 'Logs', {
          logGroupName: `/aws/vendedlogs/states/${props.stateMachineName ?? id}`,
          retention: RetentionDays.SIX_MONTHS,
        }),
        level: LogLevel.ERROR,
        includeExecutionData: false,
      },
      // The longest path (reminders, escalation, a completion round or two) stays well within the
      // one-year limit of a Standard execution.
      timeout: Duration.days(365),
      tracingEnabled: true,
    });
  }

  /** A Lambda task taking ids, retrying transient failures with backoff; PermanentError is not retried. */
  private step(name: string, fn: IFunction, payload: Record<string, unknown>, resultPath: string = JsonPath.DISCARD, resultSelector?: Record<string, unknown>) {
    const task = new LambdaInvoke(this, name, {
      lambdaFunction: fn,
      payload: TaskInput.fromObject(payload),
      resultPath,
      ...(resultSelector ? { resultSelector } : {}),
      taskTimeout: Timeout.duration(Duration.seconds(60)),
      retryOnServiceExceptions: true,
    });
    return withRetries(task);
  }

  /** A waitForTaskToken task: the Lambda parks the token; the answer (or the timeout) moves on. */
  private callback(name: string, fn: IFunction, payload: Record<string, unknown>, resultPath: string, timeout: Duration) {
    const task = new LambdaInvoke(this, name, {
      lambdaFunction: fn,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ ...payload, taskToken: JsonPath.taskToken }),
      resultPath,
      taskTimeout: Timeout.duration(timeout),
      retryOnServiceExceptions: true,
    });
    return withRetries(task);
  }
}

/**
 * Retries with full jitter, so that steps failing together (an SES outage) do not retry together.
 * Throttling: 16 attempts from 30 s doubling up to 30 min between them, about 5.5 h nominal and
 * 2.8 h expected with full jitter (each wait is random between 0 and its nominal value), so the
 * horizon is above an hour with overwhelming probability. Other transient errors: about 5 min.
 */
function withRetries<T extends LambdaInvoke>(task: T): T {
  task.addRetry({ errors: ['PermanentError'], maxAttempts: 0 });
  task.addRetry({
    errors: THROTTLING_ERRORS,
    interval: Duration.seconds(30),
    backoffRate: 2,
    maxDelay: Duration.minutes(30),
    maxAttempts: 16,
    jitterStrategy: JitterType.FULL,
  });
  // States.TaskFailed matches every task error except States.Timeout, so a callback's timeout
  // reaches its Catch (the reminder path) instead of being retried.
  task.addRetry({
    errors: ['States.TaskFailed'],
    interval: Duration.seconds(5),
    backoffRate: 2,
    maxDelay: Duration.minutes(2),
    maxAttempts: 6,
    jitterStrategy: JitterType.FULL,
  });
  return task;
}
