import { beforeAll, describe, expect, it } from 'vitest';
import { httpFunctions } from '../../infra/lambda-functions.js';
import { functionIdFor, synthTemplates } from './app-synth.js';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
let synth: ReturnType<typeof synthTemplates>;

beforeAll(() => {
  synth = synthTemplates();
});

function statementsOf(entry: string): Statement[] {
  const id = functionIdFor(synth.stateless, entry);
  const fn = synth.stateless.findResources('AWS::Lambda::Function')[id] as { Properties: { Role: { 'Fn::GetAtt': [string] } } };
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(synth.stateless.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(roleId))
    .flatMap((p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement);
}
const actionsOf = (statements: Statement[]) => statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe('the staff workspace in the stack', () => {
  it('routes every /admin path of the list to its function', () => {
    const routeKeys = Object.values(synth.stateless.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey);
    const adminRoutes = [httpFunctions.AdminSignIn, httpFunctions.AdminPages, httpFunctions.AdminExports, httpFunctions.AdminActions].flatMap((f) => f.routes);
    expect(adminRoutes).toEqual(expect.arrayContaining(['GET /admin', 'POST /admin/sign-in/{token}', 'GET /admin/export/certificates.xlsx', 'POST /admin/certificates/{certificateId}/revoke']));
    expect(routeKeys).toEqual(expect.arrayContaining(adminRoutes));
  });

  it('lets the pages and exports read, and write only staff-session items', () => {
    for (const spec of [httpFunctions.AdminPages, httpFunctions.AdminExports]) {
      const statements = statementsOf(spec.entry);
      const actions = actionsOf(statements);
      expect(actions).not.toContain('dynamodb:PutItem');
      expect(actions).not.toContain('dynamodb:DeleteItem');
      expect(actions.some((a) => a.startsWith('ses:') || a.startsWith('states:'))).toBe(false);
      const update = statements.filter((s) => actionsOf([s]).includes('dynamodb:UpdateItem'));
      expect(update).toHaveLength(1);
      expect(update[0]!.Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['STAFFSESSION#*'] } });
    }
  });

  it('gives only the actions function StartExecution and StopExecution; sign-in may mail but not touch workflows', () => {
    const actions = actionsOf(statementsOf(httpFunctions.AdminActions.entry));
    expect(actions).toEqual(expect.arrayContaining(['states:StartExecution', 'states:StopExecution', 'ses:SendEmail']));
    const signIn = actionsOf(statementsOf(httpFunctions.AdminSignIn.entry));
    expect(signIn).toContain('ses:SendEmail');
    expect(signIn.some((a) => a.startsWith('states:'))).toBe(false);
  });
});
