import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnStage, HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { ApplicationLifecycle } from '../workflows/application-lifecycle.workflow.js';
import type { StageConfig } from './config/stage-config.js';
import { QmFunction } from './function-defaults.js';
import {
  executionEndFunctions,
  httpFunctions,
  scheduledFunctions,
  workflowFunctions,
  type FunctionSpec,
  type WorkflowFunctionId,
} from './lambda-functions.js';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  table: ITableV2;
  configurationSetName: string;
}

/** Everything that can be replaced freely: functions, the HTTP API and the lifecycle state machine. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly lifecycle: ApplicationLifecycle;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Quality Mark: application form, reviewer links, status pages, register',
    });

    const environment: Record<string, string> = {
      TABLE_NAME: table.tableName,
      SENDER_EMAIL: config.senderEmail,
      REVIEWER_EMAILS: config.reviewerEmails.join(','),
      PROGRAMME_CONTACT_EMAIL: config.programmeContactEmail,
      OPERATOR_EMAIL: config.operatorEmail,
      SES_CONFIGURATION_SET: props.configurationSetName,
      PUBLIC_BASE_URL: config.publicBaseUrl ?? this.api.apiEndpoint,
      COMPLETION_DEADLINE_DAYS: String(config.completionDeadlineDays),
      RENEWAL_REMINDER_DAYS: config.renewalReminderDays.join(','),
      REVISION_GRACE_MONTHS: String(config.revisionGraceMonths),
      MEMBER_CONFIRMATION_DAYS: String(config.memberConfirmationDays),
    };

    // Stage throttling: a flood of requests is refused at the edge (429) before it costs anything.
    const defaultStage = this.api.defaultStage?.node.defaultChild as CfnStage | undefined;
    if (defaultStage) {
      defaultStage.defaultRouteSettings = {
        throttlingRateLimit: config.apiThrottleRateLimit,
        throttlingBurstLimit: config.apiThrottleBurstLimit,
      };
    }

    const build = (fnId: string, spec: FunctionSpec, extraEnv: Record<string, string> = {}) => {
      const fn = new QmFunction(this, fnId, {
        entry: spec.entry,
        description: spec.description,
        environment: { ...environment, ...extraEnv },
        timeout: spec.timeoutSeconds ? Duration.seconds(spec.timeoutSeconds) : undefined,
        ...(spec.reservedConcurrency ? { reservedConcurrentExecutions: config[spec.reservedConcurrency] } : {}),
        memorySize: spec.memorySize,
        bundledFolders: spec.bundledFolders,
      });
      if (spec.access.table === 'read') table.grantReadData(fn);
      if (spec.access.table === 'readwrite') table.grantReadWriteData(fn);
      if (spec.access.sendMail) {
        fn.addToRolePolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            // SES checks the sender's identity and, in the sandbox, each recipient's verified
            // identity too: all identities of this account and region, nothing beyond.
            resources: [
              this.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' }),
              this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }),
            ],
          }),
        );
      }
      if (spec.access.answerWorkflowTasks) {
        // SendTaskSuccess/Failure/Heartbeat have no resource-level permissions in IAM: the task
        // token itself is the credential. Granting on the state machine's ARN would also make the
        // machine's own tasks depend on it (a cycle), so the statement names the actions only.
        fn.addToRolePolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
            resources: ['*'],
          }),
        );
      }
      return fn;
    };

    const taskFunctions = Object.fromEntries(
      Object.entries(workflowFunctions).map(([fnId, spec]) => [fnId, build(fnId, spec)]),
    ) as Record<WorkflowFunctionId, QmFunction>;

    this.lifecycle = new ApplicationLifecycle(this, 'Lifecycle', { functions: taskFunctions, config });
    const stateMachine = this.lifecycle.stateMachine;

    for (const [fnId, spec] of Object.entries(httpFunctions) as [string, FunctionSpec][]) {
      const fn = build(fnId, spec, spec.access.startWorkflow ? { STATE_MACHINE_ARN: stateMachine.stateMachineArn } : {});
      if (spec.access.startWorkflow) stateMachine.grantStartExecution(fn);
      const integration = new HttpLambdaIntegration(`${fnId}Integration`, fn);
      for (const routeKey of spec.routes ?? []) {
        if (routeKey === '$default') {
          new HttpRoute(this, `${fnId}DefaultRoute`, { httpApi: this.api, routeKey: HttpRouteKey.DEFAULT, integration });
          continue;
        }
        const [method, path] = routeKey.split(' ') as [keyof typeof HttpMethod, string];
        this.api.addRoutes({ path, methods: [HttpMethod[method]], integration });
      }
    }

    // Scheduled functions: one EventBridge rule each; a failed run is retried by Lambda's async retries.
    for (const [fnId, spec] of Object.entries(scheduledFunctions)) {
      const fn = build(fnId, spec);
      new Rule(this, `${fnId}Schedule`, {
        description: spec.description,
        schedule: Schedule.cron(spec.schedule),
        targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
      });
    }

    // An execution that ends outside its own end states (timeout, abort) is still recorded.
    for (const [fnId, spec] of Object.entries(executionEndFunctions)) {
      const fn = build(fnId, spec);
      new Rule(this, `${fnId}Rule`, {
        description: spec.description,
        eventPattern: {
          source: ['aws.states'],
          detailType: ['Step Functions Execution Status Change'],
          detail: { status: spec.statuses, stateMachineArn: [stateMachine.stateMachineArn] },
        },
        targets: [new LambdaFunction(fn, { retryAttempts: 2 })],
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
  }
}
