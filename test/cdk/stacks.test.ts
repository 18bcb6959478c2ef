import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions, workflowFunctions } from '../../infra/lambda-functions.js';
import { functionIdFor, synthTemplates } from './app-synth.js';

type Synth = ReturnType<typeof synthTemplates>;
let synth: Synth;

beforeAll(() => {
  synth = synthTemplates();
});

/** Collects every IAM action a function's role policies allow. */
function allowedActions(fnLogicalId: string): string[] {
  const fn = synth.stateless.findResources('AWS::Lambda::Function')[fnLogicalId] as { Properties: { Role: { 'Fn::GetAtt': [string] } } };
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const policies = Object.values(synth.stateless.findResources('AWS::IAM::Policy')).filter((p) =>
    JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(roleId),
  );
  return policies.flatMap((p) =>
    (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties.PolicyDocument.Statement.flatMap((s) =>
      Array.isArray(s.Action) ? s.Action : [s.Action],
    ),
  );
}

describe('stateful stack', () => {
  it('keeps the table safe: point-in-time recovery, deletion protection, retained on delete', () => {
    synth.stateful.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
        GlobalSecondaryIndexes: Match.arrayWith([Match.objectLike({ IndexName: 'gsi1' }), Match.objectLike({ IndexName: 'gsi2' })]),
      }),
    });
  });

  it('defines the configuration set; the SES identity is referenced, not created, unless the stage says so', () => {
    synth.stateful.resourceCountIs('AWS::SES::EmailIdentity', 0);
    synth.stateful.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  });
});

describe('stateless stack', () => {
  it('builds one Node 24 function per handler, each naming its source entry', () => {
    const entries = [...Object.values(httpFunctions), ...Object.values(workflowFunctions)].map((f) => f.entry);
    for (const entry of entries) {
      const id = functionIdFor(synth.stateless, entry);
      const fn = synth.stateless.findResources('AWS::Lambda::Function')[id] as { Properties: { Runtime: string } };
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
    }
  });

  it('exposes every route of the function list on the HTTP API', () => {
    const routeKeys = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    const expected = Object.values(httpFunctions).flatMap((f) => f.routes ?? []);
    expect(routeKeys.sort()).toEqual([...expected].sort());
    expect(routeKeys).toContain('POST /applications');
    expect(routeKeys).toContain('GET /apply');
  });

  it('uses only route paths API Gateway accepts: a path variable is a whole segment, a greedy one comes last', () => {
    // Prepare
    const paths = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Route'))
      .map((r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey)
      .filter((key) => key !== '$default') // the catch-all has no path
      .map((key) => key.split(' ')[1]!);

    // Assess
    for (const path of paths) {
      const segments = path.split('/').slice(1);
      segments.forEach((segment, i) => {
        if (!segment.includes('{') && !segment.includes('}')) return;
        expect(segment, path).toMatch(/^\{[A-Za-z0-9_]+\+?\}$/);
        if (segment.endsWith('+}')) expect(i, path).toBe(segments.length - 1);
      });
    }
    // The certificate's PDF and JSON are the same segment as its page; the badge is a static segment below it.
    expect(paths).toContain('/certificates/{certificateId}');
    expect(paths).toContain('/certificates/{certificateId}/badge.svg');
    expect(paths).toContain('/register.csv');
  });

  it('gives the self-evaluation no access to the table, mail or workflows: it cannot store or send anything', () => {
    // Act
    const actions = allowedActions(functionIdFor(synth.stateless, httpFunctions.SelfEvaluation.entry));

    // Assess
    expect(actions.filter((a) => /^(dynamodb|ses|states):/.test(a))).toEqual([]);
  });

  it('runs the lifecycle as a Standard state machine in JSONPath', () => {
    synth.stateless.hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'STANDARD' });
    const definition = JSON.stringify(synth.stateless.findResources('AWS::StepFunctions::StateMachine'));
    expect(definition).not.toContain('JSONata');
  });

  it('grants least privilege: only the submit function may start executions, only mailers may send', () => {
    const submit = allowedActions(functionIdFor(synth.stateless, httpFunctions.SubmitApplication.entry));
    expect(submit).toContain('states:StartExecution');
    // It mails an open application's status link to that application's own contact again.
    expect(submit).toContain('ses:SendEmail');

    const reviewPage = allowedActions(functionIdFor(synth.stateless, httpFunctions.ReviewPage.entry));
    expect(reviewPage.some((a) => a.startsWith('ses:') || a.startsWith('states:'))).toBe(false);

    const acknowledge = allowedActions(functionIdFor(synth.stateless, workflowFunctions.AcknowledgeApplication.entry));
    expect(acknowledge).toContain('ses:SendEmail');
    expect(acknowledge).not.toContain('states:StartExecution');

    const schema = allowedActions(functionIdFor(synth.stateless, httpFunctions.ApplicationSchema.entry));
    expect(schema.filter((a) => a.startsWith('dynamodb:') || a.startsWith('states:') || a.startsWith('ses:'))).toEqual([]);

    const applyForm = allowedActions(functionIdFor(synth.stateless, httpFunctions.ApplyForm.entry));
    expect(applyForm.some((a) => /dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/.test(a))).toBe(false);
  });

  it('throttles the HTTP API stage and reserves (caps) the submission function’s concurrency, from the stage config', () => {
    const config = synth.qm.config;
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: config.apiThrottleRateLimit, ThrottlingBurstLimit: config.apiThrottleBurstLimit },
    });
    const submit = synth.stateless.findResources('AWS::Lambda::Function')[functionIdFor(synth.stateless, httpFunctions.SubmitApplication.entry)] as {
      Properties: { ReservedConcurrentExecutions?: number };
    };
    expect(submit.Properties.ReservedConcurrentExecutions).toBe(config.submissionReservedConcurrency);
  });

  it('waits for the member’s confirmation as a callback with the stage’s deadline, before acknowledging', () => {
    const definition = JSON.stringify(synth.stateless.findResources('AWS::StepFunctions::StateMachine'));
    expect(definition).toContain('AwaitMemberConfirmation');
    expect(definition).toContain(`\\"TimeoutSeconds\\":${synth.qm.config.memberConfirmationDays * 86400}`);
    expect(definition).toContain('waitForTaskToken');
  });

  it('tells every function where the table is and what its public address is', () => {
    const functions = Object.values(synth.stateless.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables: Record<string, unknown> } };
    }[];
    for (const fn of functions.filter((f) => f.Properties.Environment?.Variables.TABLE_NAME)) {
      expect(Object.keys(fn.Properties.Environment!.Variables)).toEqual(expect.arrayContaining(['TABLE_NAME', 'PUBLIC_BASE_URL', 'SENDER_EMAIL']));
    }
  });
});
