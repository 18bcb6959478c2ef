import { Match, type Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseStageConfig, stageConfigFromContext, type StageConfigInput } from '../../infra/config/stage-config.js';
import { executionEndFunctions, httpFunctions, mailEventFunctions, scheduledFunctions, workflowFunctions } from '../../infra/lambda-functions.js';
import { LifecycleState, THROTTLING_ERRORS } from '../../workflows/application-lifecycle.workflow.js';
import { functionIdFor, synthTemplates } from './app-synth.js';

// What `cdk deploy` of a real stage gets: configuration that refuses nonsense, alarms that page,
// failures that land somewhere, logs without secrets, least privilege checked by cdk-nag.
const prod: StageConfigInput = {
  stage: 'prod',
  region: 'eu-north-1',
  account: '123456789012',
  sesIdentity: 'stadskarnor.se',
  senderEmail: 'qm@stadskarnor.se',
  reviewerEmails: ['granskare@stadskarnor.se'],
  staffEmails: ['kansli@stadskarnor.se'],
  programmeContactEmail: 'qm-ansvarig@stadskarnor.se',
  operatorEmail: 'drift@stadskarnor.se',
  customDomain: { domainName: 'qm.stadskarnor.se', hostedZone: { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'stadskarnor.se' } },
  apiThrottleRateLimit: 20,
  apiThrottleBurstLimit: 40,
  submissionReservedConcurrency: 5,
};
const prodContext = (overrides: Partial<StageConfigInput> = {}) => ({ stage: 'prod', stages: { prod: { ...prod, ...overrides } } });

type Synth = ReturnType<typeof synthTemplates>;
let synth: Synth;
beforeAll(() => {
  synth = synthTemplates(prodContext());
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
function statementsOf(template: Template, fnLogicalId?: string): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: { Roles: unknown; PolicyDocument: { Statement: Statement[] } } }[];
  const roleId = fnLogicalId
    ? (template.findResources('AWS::Lambda::Function')[fnLogicalId] as { Properties: { Role: { 'Fn::GetAtt': [string] } } }).Properties.Role['Fn::GetAtt'][0]
    : undefined;
  return policies.filter((p) => !roleId || JSON.stringify(p.Properties.Roles).includes(roleId)).flatMap((p) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('stage configuration', () => {
  it('refuses a stage without an entry, listing everything it must name in one message', () => {
    const context: Record<string, unknown> = { stage: 'prod' };
    let message = '';
    try {
      stageConfigFromContext((key) => context[key]);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const key of ['region', 'sesIdentity', 'senderEmail', 'reviewerEmails', 'staffEmails', 'programmeContactEmail', 'operatorEmail', 'publicBaseUrl']) {
      expect(message).toMatch(new RegExp(`- ${key}: missing`));
    }
    expect(message).toContain("stage 'prod'");
  });

  it('gives defaults to the local dev stage only', () => {
    expect(stageConfigFromContext((key) => ({ stage: 'dev' })[key]).senderEmail).toBe('qm@stadskarnor.example');
    expect(() => parseStageConfig({ ...prod, customDomain: { domainName: 'qm.stadskarnor.se' } })).toThrow(/customDomain: customDomain needs certificateArn or hostedZone/);
  });

  it('pins region and account from the stage, whatever the CLI profile says', () => {
    expect(synth.qm.stateful.region).toBe('eu-north-1');
    expect(synth.qm.stateless.account).toBe('123456789012');
  });
});

describe('SES identity', () => {
  it('is referenced by name, not created, and grants name it and the configuration set only', () => {
    synth.stateful.resourceCountIs('AWS::SES::EmailIdentity', 0);
    const mail = statementsOf(synth.stateless).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(mail.length).toBeGreaterThan(0);
    for (const statement of mail) {
      expect(actionsOf(statement)).toEqual(['ses:SendEmail']);
      const resources = JSON.stringify(statement.Resource);
      expect(resources).toContain(':identity/stadskarnor.se');
      expect(resources).toContain(':configuration-set/');
    }
  });

  it('is created when the stage says so', () => {
    const created = synthTemplates(prodContext({ createSesIdentity: true }));
    created.stateful.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'stadskarnor.se' });
  });

  it('sends bounces and complaints of the configuration set to EventBridge, and a rule hands them to a function', () => {
    synth.stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']), EventBridgeDestination: Match.anyValue() }),
    });
    synth.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.ses'], 'detail-type': ['Email Bounced', 'Email Complained'] }),
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionIdFor(synth.stateless, mailEventFunctions.RecordMailEvent.entry), 'Arn'] } })],
    });
  });
});

describe('custom domain', () => {
  it('with a hosted zone: certificate, API domain name, mapping and alias records; links use the domain', () => {
    synth.stateless.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'qm.stadskarnor.se', ValidationMethod: 'DNS' });
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'qm.stadskarnor.se' });
    synth.stateless.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    synth.stateless.hasResourceProperties('AWS::Route53::RecordSet', { Type: 'A', Name: 'qm.stadskarnor.se.', HostedZoneId: 'Z0123456789ABCDEFGHIJ' });
    synth.stateless.hasResourceProperties('AWS::Route53::RecordSet', { Type: 'AAAA', Name: 'qm.stadskarnor.se.' });
    const submit = synth.stateless.findResources('AWS::Lambda::Function')[functionIdFor(synth.stateless, httpFunctions.SubmitApplication.entry)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(submit.Properties.Environment.Variables.PUBLIC_BASE_URL).toBe('https://qm.stadskarnor.se');
  });

  it('with a certificate ARN: no certificate and no DNS record are created', () => {
    const arn = 'arn:aws:acm:eu-north-1:123456789012:certificate/0f0f0f0f-1111-2222-3333-444455556666';
    const withArn = synthTemplates(prodContext({ customDomain: { domainName: 'qm.stadskarnor.se', certificateArn: arn } }));
    withArn.stateless.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    withArn.stateless.resourceCountIs('AWS::Route53::RecordSet', 0);
    withArn.stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainNameConfigurations: [Match.objectLike({ CertificateArn: arn })] });
  });
});

describe('alarms', () => {
  it('go to an SNS topic subscribed to the operator address', () => {
    synth.stateful.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'drift@stadskarnor.se' });
    const alarms = Object.values(synth.stateless.findResources('AWS::CloudWatch::Alarm')) as { Properties: { AlarmActions: unknown[] } }[];
    expect(alarms.length).toBeGreaterThan(0);
    for (const alarm of alarms) expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain('AlarmTopic');
  });

  it('watch executions, every function, the dead letters, SES reputation, API 5xx and applications on hold', () => {
    const alarms = Object.values(synth.stateless.findResources('AWS::CloudWatch::Alarm')) as { Properties: { MetricName: string; Namespace: string; Dimensions?: { Value: unknown }[] } }[];
    const metric = (namespace: string, name: string) => alarms.filter((a) => a.Properties.Namespace === namespace && a.Properties.MetricName === name);
    for (const name of ['ExecutionsFailed', 'ExecutionsTimedOut', 'ExecutionsAborted']) expect(metric('AWS/States', name), name).toHaveLength(1);
    const functionCount = Object.keys({ ...httpFunctions, ...workflowFunctions, ...scheduledFunctions, ...executionEndFunctions, ...mailEventFunctions }).length;
    expect(metric('AWS/Lambda', 'Errors')).toHaveLength(functionCount);
    expect(metric('AWS/Lambda', 'Throttles')).toHaveLength(functionCount);
    expect(metric('AWS/SQS', 'ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(metric('AWS/SQS', 'ApproximateAgeOfOldestMessage')).toHaveLength(1);
    expect(metric('AWS/SES', 'Reputation.BounceRate')).toHaveLength(1);
    expect(metric('AWS/SES', 'Reputation.ComplaintRate')).toHaveLength(1);
    expect(metric('AWS/ApiGateway', '5xx')).toHaveLength(1);
    expect(metric('QM', 'ApplicationsOnHold')).toHaveLength(1);
    expect(metric('QM', 'MailFailures')).toHaveLength(1);
    synth.stateless.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });
});

describe('asynchronous invocations', () => {
  it('every asynchronously invoked function and every EventBridge target has a dead-letter queue', () => {
    const functions = synth.stateless.findResources('AWS::Lambda::Function') as Record<string, { Properties: { DeadLetterConfig?: unknown } }>;
    for (const spec of [...Object.values(scheduledFunctions), ...Object.values(executionEndFunctions), ...Object.values(mailEventFunctions)]) {
      expect(functions[functionIdFor(synth.stateless, spec.entry)]?.Properties.DeadLetterConfig, spec.entry).toMatchObject({ TargetArn: expect.anything() });
    }
    const rules = Object.values(synth.stateless.findResources('AWS::Events::Rule')) as { Properties: { Targets: { DeadLetterConfig?: unknown; RetryPolicy?: unknown }[] } }[];
    expect(rules.length).toBe(3);
    for (const target of rules.flatMap((r) => r.Properties.Targets)) expect(target.DeadLetterConfig).toBeDefined();
  });
});

describe('logs', () => {
  it('API access logs are JSON with route key and status, never the raw path', () => {
    const stage = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { Format: string } } };
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format.routeKey).toBe('$context.routeKey');
    expect(format.status).toBe('$context.status');
    expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/\$context\.(path|resourcePath)|\$request/);
  });

  it('the state machine logs errors only, without execution data', () => {
    synth.stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ERROR', IncludeExecutionData: false }),
    });
  });
});

describe('throttling', () => {
  it('the API stage and the submission function are limited from the stage config', () => {
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }),
    });
    const functions = synth.stateless.findResources('AWS::Lambda::Function') as Record<string, { Properties: { ReservedConcurrentExecutions?: number } }>;
    expect(functions[functionIdFor(synth.stateless, httpFunctions.SubmitApplication.entry)]?.Properties.ReservedConcurrentExecutions).toBe(5);
  });

  it('workflow retries use full jitter; throttling errors are retried for more than an hour, expected', () => {
    const machine = Object.values(synth.stateless.findResources('AWS::StepFunctions::StateMachine'))[0] as { Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } } };
    const json = machine.Properties.DefinitionString['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
    const states = (JSON.parse(json) as { States: Record<string, { Type: string; Retry?: { ErrorEquals: string[]; IntervalSeconds: number; BackoffRate: number; MaxAttempts: number; MaxDelaySeconds?: number; JitterStrategy?: string }[] }> }).States;
    for (const [name, state] of Object.entries(states).filter(([, s]) => s.Type === 'Task')) {
      const throttling = state.Retry?.find((r) => r.ErrorEquals.includes('TooManyRequestsException'));
      expect(throttling?.ErrorEquals, name).toEqual(THROTTLING_ERRORS);
      expect(throttling?.JitterStrategy, name).toBe('FULL');
      expect(state.Retry?.find((r) => r.ErrorEquals.includes('States.TaskFailed'))?.JitterStrategy, name).toBe('FULL');
      // With full jitter each wait is uniform between 0 and its nominal value: half on average.
      let nominal = 0;
      for (let attempt = 0; attempt < throttling!.MaxAttempts; attempt++) {
        nominal += Math.min(throttling!.IntervalSeconds * throttling!.BackoffRate ** attempt, throttling!.MaxDelaySeconds ?? Infinity);
      }
      expect(nominal / 2, name).toBeGreaterThanOrEqual(3600);
    }
    expect(states[LifecycleState.Start]?.Type).toBe('Choice');
  });
});

describe('least privilege', () => {
  it('no policy names ses:* or identity/*', () => {
    const all = JSON.stringify([synth.stateful.toJSON(), synth.stateless.toJSON()]);
    expect(all).not.toContain('ses:*');
    expect(all).not.toContain('identity/*');
  });

  it('public page functions may read the table by key and query, nothing more', () => {
    const publicPages = [httpFunctions.ApplyForm, httpFunctions.ApplicationStatus, httpFunctions.ReviewPage, httpFunctions.MemberConfirmationPage, httpFunctions.CompletionForm, httpFunctions.PublicRegister, httpFunctions.CertificateVerification];
    for (const spec of publicPages) {
      const actions = statementsOf(synth.stateless, functionIdFor(synth.stateless, spec.entry)).flatMap(actionsOf);
      const data = actions.filter((a) => a.startsWith('dynamodb:'));
      expect([...new Set(data)].sort(), spec.entry).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      expect(actions.filter((a) => /^(ses|states|sns):/.test(a)), spec.entry).toEqual([]);
    }
  });

  it('no function may scan, batch-write or delete', () => {
    const actions = statementsOf(synth.stateless).flatMap(actionsOf);
    expect(actions.filter((a) => /dynamodb:(Scan|BatchWriteItem|DeleteItem|\*)/.test(a))).toEqual([]);
  });

  it('task answers are granted on the lifecycle state machine, not on *', () => {
    const answering = statementsOf(synth.stateless).filter((s) => actionsOf(s).some((a) => a.startsWith('states:SendTask')));
    expect(answering.length).toBeGreaterThan(0);
    for (const statement of answering) expect(JSON.stringify(statement.Resource)).toContain(':stateMachine:qm-prod-lifecycle');
  });

  it('`Resource: *` appears only for actions without resource-level permissions (X-Ray, log delivery)', () => {
    const wildcard = statementsOf(synth.stateless).filter((s) => s.Resource === '*');
    for (const action of wildcard.flatMap(actionsOf)) expect(action).toMatch(/^(xray:|logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))/);
  });

  it('cdk-nag (AwsSolutions, Serverless) finds nothing that is not acknowledged with a reason', () => {
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      const report = pack.validateScope(synth.qm.app);
      const findings = report.violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.resourceLogicalId}`));
      expect(findings, pack.readPackName).toEqual([]);
    }
  });
});
