import { CfnOutput, Duration, type CfnElement, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, HttpApi, HttpMethod, HttpRoute, HttpRouteKey, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { ARecord, AaaaRecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { ApiGatewayv2DomainProperties } from 'aws-cdk-lib/aws-route53-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ApplicationLifecycle } from '../workflows/application-lifecycle.workflow.js';
import type { StageConfig } from './config/stage-config.js';
import { sessionKeyPrefix } from '../functions/domain/staff-session.js';
import { DocumentLibrariesLayer } from './document-libraries.js';
import { QmFunction } from './function-defaults.js';
import {
  executionEndFunctions,
  httpFunctions,
  mailEventFunctions,
  scheduledFunctions,
  workflowFunctions,
  type FunctionSpec,
  type WorkflowFunctionId,
} from './lambda-functions.js';
import { Monitoring } from './monitoring.js';
import { SES_EVENT_DETAIL_TYPES } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  config: StageConfig;
  table: ITableV2;
  configurationSetName: string;
  alarmTopic: ITopic;
}

/**
 * The access log line: route key and status, never the raw path (link tokens live in paths) and
 * no client address (personal data the operator does not need to run the system).
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
} as const;

/** Everything that can be replaced freely: functions, the HTTP API, the lifecycle state machine, alarms. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly lifecycle: ApplicationLifecycle;
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, table } = props;

    this.api = new HttpApi(this, 'HttpApi', {
      description: 'Quality Mark: application form, reviewer links, status pages, register',
      // The stage is built below: it carries the access log, the throttling (a flood of requests
      // is refused at the edge, 429, before it costs anything) and the domain mapping.
      createDefaultStage: false,
    });
    const domain = config.customDomain ? this.customDomain(config.customDomain) : undefined;
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.SIX_MONTHS });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiThrottleRateLimit, burstLimit: config.apiThrottleBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
      ...(domain ? { domainMapping: { domainName: domain } } : {}),
    });
    this.publicBaseUrl = config.publicBaseUrl ?? (config.customDomain ? `https://${config.customDomain.domainName}` : this.api.apiEndpoint);

    const environment: Record<string, string> = {
      TABLE_NAME: table.tableName,
      SENDER_EMAIL: config.senderEmail,
      REVIEWER_EMAILS: config.reviewerEmails.join(','),
      STAFF_EMAILS: config.staffEmails.join(','),
      PROGRAMME_CONTACT_EMAIL: config.programmeContactEmail,
      OPERATOR_EMAIL: config.operatorEmail,
      REVIEW_REMINDER_INTERVAL_DAYS: String(config.reviewReminderIntervalDays),
      SES_CONFIGURATION_SET: props.configurationSetName,
      PUBLIC_BASE_URL: this.publicBaseUrl,
      COMPLETION_DEADLINE_DAYS: String(config.completionDeadlineDays),
      RENEWAL_REMINDER_DAYS: config.renewalReminderDays.join(','),
      REVISION_GRACE_MONTHS: String(config.revisionGraceMonths),
      MEMBER_CONFIRMATION_DAYS: String(config.memberConfirmationDays),
    };

    // Events that asynchronously invoked functions could not handle, after Lambda's and
    // EventBridge's own retries: kept 14 days, alarmed on (see Monitoring).
    const deadLetters = new Queue(this, 'AsyncDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      Validations.of(deadLetters).acknowledge({ id, reason: 'This queue is itself the dead-letter queue of the asynchronously invoked functions and EventBridge targets.' });
    }

    // Named, so that its ARN is known without a reference to the state machine: the callback
    // functions' grants would otherwise depend on the machine that depends on them (a cycle).
    const stateMachineName = `qm-${config.stage}-lifecycle`;
    const lifecycleByName = StateMachine.fromStateMachineName(this, 'LifecycleByName', stateMachineName);

    const functions: Record<string, QmFunction> = {};
    // One layer for every function that makes PDFs or spreadsheets, built with the first of them.
    let documentLayer: DocumentLibrariesLayer | undefined;
    const documentLibrariesLayer = () => (documentLayer ??= new DocumentLibrariesLayer(this, 'DocumentLibraries'));
    const build = (fnId: string, spec: FunctionSpec, extra: { env?: Record<string, string>; async?: boolean } = {}) => {
      const fn = new QmFunction(this, fnId, {
        entry: spec.entry,
        description: spec.description,
        environment: { ...environment, ...(spec.access.publishAlerts ? { ALERT_TOPIC_ARN: props.alarmTopic.topicArn } : {}), ...extra.env },
        timeout: spec.timeoutSeconds ? Duration.seconds(spec.timeoutSeconds) : undefined,
        ...(spec.reservedConcurrency ? { reservedConcurrentExecutions: config[spec.reservedConcurrency] } : {}),
        memorySize: spec.memorySize,
        bundledFolders: spec.bundledFolders,
        ...(spec.documentLibraries ? { documentLibraries: documentLibrariesLayer() } : {}),
        ...(extra.async ? { deadLetterQueue: deadLetters } : {}),
      });
      if (!extra.async) {
        Validations.of(fn).acknowledge({
          id: 'Serverless-LambdaDLQ',
          reason: 'Invoked synchronously (API Gateway or a Step Functions task): the caller receives the error and retries or records it; a DLQ would never receive anything.',
        });
      }
      if (spec.access.staffSessions) {
        // Read-only functions still slide a staff session's idle expiry: UpdateItem, on session items only.
        fn.addToRolePolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: ['dynamodb:UpdateItem'],
            resources: [table.tableArn],
            conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${sessionKeyPrefix}*`] } },
          }),
        );
      }
      if (spec.access.table) this.grantTable(fn, table, spec.access.table);
      if (spec.access.sendMail) fn.addToRolePolicy(this.sendMailStatement(config, props.configurationSetName));
      if (spec.access.publishAlerts) props.alarmTopic.grantPublish(fn);
      if (spec.access.answerWorkflowTasks) lifecycleByName.grantTaskResponse(fn);
      functions[fnId] = fn;
      return fn;
    };

    const taskFunctions = Object.fromEntries(
      Object.entries(workflowFunctions).map(([fnId, spec]) => [fnId, build(fnId, spec)]),
    ) as Record<WorkflowFunctionId, QmFunction>;

    this.lifecycle = new ApplicationLifecycle(this, 'Lifecycle', { functions: taskFunctions, config, stateMachineName });
    const stateMachine = this.lifecycle.stateMachine;

    for (const [fnId, spec] of Object.entries(httpFunctions) as [string, FunctionSpec][]) {
      const controlsWorkflow = spec.access.startWorkflow || spec.access.stopWorkflow;
      const fn = build(fnId, spec, { env: controlsWorkflow ? { STATE_MACHINE_ARN: stateMachine.stateMachineArn } : {} });
      if (spec.access.startWorkflow) stateMachine.grantStartExecution(fn);
      if (spec.access.stopWorkflow) {
        // Executions of this one machine, by name (a withdrawn application's): their names are not
        // known in advance, so the grant ends in `:*`; the machine is named, so no token hides it.
        const executions = `arn:${this.partition}:states:${this.region}:${this.account}:execution:${stateMachineName}:*`;
        fn.addToRolePolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ['states:StopExecution'], resources: [executions] }));
        Validations.of(fn).acknowledge({
          // How cdk-nag writes the resource: pseudo parameters (an unpinned account) as <AWS::…>.
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region}:${Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account}:execution:${stateMachineName}:*]`,
          reason: 'StopExecution on executions of the lifecycle machine only; execution names (one per application) are not known in advance.',
        });
      }
      const integration = new HttpLambdaIntegration(`${fnId}Integration`, fn);
      for (const routeKey of spec.routes ?? []) {
        if (routeKey === '$default') {
          new HttpRoute(this.api, `${fnId}DefaultRoute`, { httpApi: this.api, routeKey: HttpRouteKey.DEFAULT, integration });
          continue;
        }
        const [method, path] = routeKey.split(' ') as [keyof typeof HttpMethod, string];
        this.api.addRoutes({ path, methods: [HttpMethod[method]], integration });
      }
    }

    // EventBridge delivers asynchronously: its own retries, then the dead-letter queue; the
    // function's async invocations end there too (QmFunction deadLetterQueue).
    const eventTarget = (fn: QmFunction) => new LambdaFunction(fn, { retryAttempts: 2, maxEventAge: Duration.hours(6), deadLetterQueue: deadLetters });

    for (const [fnId, spec] of Object.entries(scheduledFunctions)) {
      const fn = build(fnId, spec, { async: true });
      new Rule(this, `${fnId}Schedule`, { description: spec.description, schedule: Schedule.cron(spec.schedule), targets: [eventTarget(fn)] });
    }

    // An execution that ends outside its own end states (timeout, abort) is still recorded.
    for (const [fnId, spec] of Object.entries(executionEndFunctions)) {
      const fn = build(fnId, spec, { async: true });
      new Rule(this, `${fnId}Rule`, {
        description: spec.description,
        eventPattern: {
          source: ['aws.states'],
          detailType: ['Step Functions Execution Status Change'],
          detail: { status: spec.statuses, stateMachineArn: [stateMachine.stateMachineArn] },
        },
        targets: [eventTarget(fn)],
      });
    }

    // Bounces and complaints of this stage's mail (its configuration set) from the default bus.
    for (const [fnId, spec] of Object.entries(mailEventFunctions)) {
      const fn = build(fnId, spec, { async: true });
      new Rule(this, `${fnId}Rule`, {
        description: spec.description,
        eventPattern: {
          source: ['aws.ses'],
          detailType: SES_EVENT_DETAIL_TYPES,
          detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
        },
        targets: [eventTarget(fn)],
      });
    }

    this.acknowledgeChecks(Object.values(taskFunctions));

    new Monitoring(this, 'Monitoring', {
      stage: config.stage,
      topic: props.alarmTopic,
      functions,
      stateMachine,
      api: this.api,
      apiStage: stage,
      deadLetters,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'PublicBaseUrl', { value: this.publicBaseUrl });
    new CfnOutput(this, 'StateMachineArn', { value: stateMachine.stateMachineArn });
  }

  /**
   * cdk-nag findings that are decisions, each with its reason (test/cdk/nag.test.ts fails on any
   * finding without one, and checks separately that `Resource: *` appears only where IAM offers
   * nothing narrower).
   */
  private acknowledgeChecks(taskFunctions: QmFunction[]) {
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Public by design: the form, the register and certificate pages are public, and every personal page is authorised by the 256-bit link token in its path (applicants and reviewers have no accounts).',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'The AWS-managed basic execution policy only allows writing the function\'s own logs; a copy of it would add nothing but upkeep.',
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Only X-Ray (PutTraceSegments, PutTelemetryRecords) and Step Functions log delivery, which have no resource-level permissions; asserted in test/cdk/nag.test.ts.',
    });
    for (const fn of taskFunctions) {
      const logicalId = this.getLogicalId(fn.node.defaultChild as CfnElement);
      Validations.of(this.lifecycle.stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
        reason: "CDK's Lambda task grant covers the task function and its versions (`<function ARN>:*`), so that a task may name a version.",
      });
    }
    Validations.of(this.lifecycle.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason: 'ERROR level on purpose: ALL would log every state input and output, which carry task tokens; executions are traced with X-Ray and recorded on the application history.',
    });
  }

  /** API Gateway domain name with its certificate and, given a hosted zone, the alias records. */
  private customDomain(custom: NonNullable<StageConfig['customDomain']>): DomainName {
    const zone = custom.hostedZone ? HostedZone.fromHostedZoneAttributes(this, 'HostedZone', custom.hostedZone) : undefined;
    const certificate = custom.certificateArn
      ? Certificate.fromCertificateArn(this, 'DomainCertificate', custom.certificateArn)
      : new Certificate(this, 'DomainCertificate', { domainName: custom.domainName, validation: CertificateValidation.fromDns(zone) });
    const domain = new DomainName(this, 'CustomDomain', { domainName: custom.domainName, certificate });
    if (zone) {
      const target = RecordTarget.fromAlias(new ApiGatewayv2DomainProperties(domain.regionalDomainName, domain.regionalHostedZoneId));
      const recordName = custom.domainName;
      new ARecord(this, 'CustomDomainA', { zone, recordName, target });
      new AaaaRecord(this, 'CustomDomainAaaa', { zone, recordName, target });
    }
    return domain;
  }

  /**
   * The table actions the code uses, and nothing more: read-only functions (public pages among
   * them, on a table with personal data) may not scan, batch or write.
   */
  private grantTable(fn: QmFunction, table: ITableV2, access: 'read' | 'readwrite') {
    const read = ['dynamodb:GetItem', 'dynamodb:Query'];
    const write = ['dynamodb:PutItem', 'dynamodb:UpdateItem'];
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: access === 'read' ? read : [...read, ...write],
        resources: [table.tableArn],
      }),
    );
    // Queries on the two GSIs (renewals, register), named rather than `index/*`.
    fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['dynamodb:Query'],
        resources: ['gsi1', 'gsi2'].map((index) => `${table.tableArn}/index/${index}`),
      }),
    );
  }

  /**
   * SendEmail from the stage's identity through its configuration set. In the SES sandbox, SES
   * also authorises each recipient's identity: only the test recipients the stage names.
   */
  private sendMailStatement(config: StageConfig, configurationSetName: string) {
    const identity = (name: string) => this.formatArn({ service: 'ses', resource: 'identity', resourceName: name });
    return new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ['ses:SendEmail'],
      resources: [
        identity(config.sesIdentity),
        ...config.sesSandboxRecipients.map(identity),
        this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: configurationSetName }),
      ],
    });
  }
}
