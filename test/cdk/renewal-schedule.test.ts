import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduledFunctions } from '../../infra/lambda-functions.js';
import { functionIdFor, synthTemplates } from './app-synth.js';

type Synth = ReturnType<typeof synthTemplates>;
let synth: Synth;

beforeAll(() => {
  synth = synthTemplates();
});

describe('renewal sweep schedule', () => {
  it('runs the renewal sweep every day at 05:00 UTC from an EventBridge rule', () => {
    // Prepare
    const sweepId = functionIdFor(synth.stateless, scheduledFunctions.RenewalSweep.entry);

    // Act
    const rules = synth.stateless.findResources('AWS::Events::Rule');

    // Assess
    const sweepRules = Object.values(rules).filter((r) =>
      JSON.stringify((r as { Properties: { Targets: unknown } }).Properties.Targets).includes(sweepId),
    );
    expect(sweepRules).toHaveLength(1);
    expect(sweepRules[0]).toMatchObject({
      Properties: {
        ScheduleExpression: 'cron(0 5 * * ? *)',
        State: 'ENABLED',
        Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [sweepId, 'Arn'] } })],
      },
    });
  });

  it('lets EventBridge invoke the sweep function, and only that rule', () => {
    // Prepare
    const sweepId = functionIdFor(synth.stateless, scheduledFunctions.RenewalSweep.entry);

    // Act / Assess
    synth.stateless.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [sweepId, 'Arn'] },
      SourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('RenewalSweepSchedule'), 'Arn'] },
    });
  });

  it('gives the sweep its timeout, its reminder configuration, table writes and mail', () => {
    // Prepare
    const sweepId = functionIdFor(synth.stateless, scheduledFunctions.RenewalSweep.entry);
    const fn = synth.stateless.findResources('AWS::Lambda::Function')[sweepId] as {
      Properties: { Timeout: number; Environment: { Variables: Record<string, unknown> }; Role: { 'Fn::GetAtt': [string] } };
    };

    // Act
    const roleId = fn.Properties.Role['Fn::GetAtt'][0];
    const actions = Object.values(synth.stateless.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(roleId))
      .flatMap((p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }).Properties.PolicyDocument.Statement.flatMap(
          (s) => (Array.isArray(s.Action) ? s.Action : [s.Action]),
        ),
      );

    // Assess
    expect(fn.Properties.Timeout).toBe(scheduledFunctions.RenewalSweep.timeoutSeconds);
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RENEWAL_REMINDER_DAYS: synth.qm.config.renewalReminderDays.join(','),
      REVISION_GRACE_MONTHS: String(synth.qm.config.revisionGraceMonths),
    });
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem', 'ses:SendEmail']));
    expect(actions).not.toContain('states:StartExecution');
  });
});
