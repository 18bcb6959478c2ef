import { LOCAL_ACCOUNT, LOCAL_PARTITION, LOCAL_REGION, lambdaArn, stateMachineArn, tableArn, topicArn } from './local-aws.js';

/**
 * Turns CloudFormation intrinsics in synthesised templates into local values. Only what the local
 * runner reads is resolved (environment, definitions, routes), so unsupported intrinsics elsewhere
 * in the template (IAM policies, S3 asset locations) never matter; anything unsupported that we
 * *do* read fails loudly instead of leaking `{ "Ref": … }` objects into handler configuration.
 */
export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
  Parameters?: Record<string, { Default?: unknown }>;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

export interface SynthesisedStack {
  stackName: string;
  template: CfnTemplate;
}

export interface IntrinsicValues {
  /** Value of the HTTP API's `ApiEndpoint` attribute: the local gateway's base URL. */
  apiEndpoint: string;
}

/** Marker for `Ref: AWS::NoValue`: the enclosing property or list element disappears. */
const NO_VALUE = Symbol('AWS::NoValue');

export const TABLE_TYPES = new Set(['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable']);

export class IntrinsicResolver {
  private readonly exports = new Map<string, { stack: SynthesisedStack; value: unknown }>();

  constructor(
    private readonly stacks: SynthesisedStack[],
    private readonly values: IntrinsicValues,
  ) {
    // Fn::ImportValue refers to another stack's Output by its export name.
    for (const stack of stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export === undefined) continue;
        const name = this.resolve(stack, output.Export.Name);
        if (typeof name !== 'string') throw new Error(`${stack.stackName}: export name must resolve to a string`);
        this.exports.set(name, { stack, value: output.Value });
      }
    }
  }

  /** Resolves every intrinsic inside `value`, in the context of `stack`. */
  resolve(stack: SynthesisedStack, value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.resolve(stack, v)).filter((v) => v !== NO_VALUE);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [fn, arg] = entries[0] ?? [];
    if (entries.length === 1 && fn !== undefined && (fn === 'Ref' || fn.startsWith('Fn::'))) {
      return this.intrinsic(stack, fn, arg);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const resolved = this.resolve(stack, v);
      if (resolved !== NO_VALUE) out[k] = resolved;
    }
    return out;
  }

  /** Like `resolve`, but insists on a string (environment values, ARNs, definitions). */
  resolveString(stack: SynthesisedStack, value: unknown, what: string): string {
    const resolved = this.resolve(stack, value);
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    if (typeof resolved !== 'string') {
      throw new Error(`${stack.stackName}: ${what} did not resolve to a string: ${JSON.stringify(resolved)}`);
    }
    return resolved;
  }

  private intrinsic(stack: SynthesisedStack, fn: string, arg: unknown): unknown {
    const str = (v: unknown, what: string) => this.resolveString(stack, v, what);
    switch (fn) {
      case 'Ref':
        return this.ref(stack, String(arg));
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(arg) ? arg : String(arg).split('.');
        return this.getAtt(stack, String(logicalId), String(attribute));
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown[]];
        return (this.resolve(stack, parts) as unknown[]).map((p) => str(p, 'Fn::Join part')).join(separator);
      }
      case 'Fn::Sub': {
        const [template, vars] = Array.isArray(arg) ? (arg as [string, Record<string, unknown>]) : [String(arg), {}];
        return template.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
          if (name in vars) return str(vars[name], `Fn::Sub variable ${name}`);
          const [id, attribute] = name.split('.');
          return attribute === undefined ? str({ Ref: id }, name) : str({ 'Fn::GetAtt': [id, attribute] }, name);
        });
      }
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (this.resolve(stack, list) as unknown[])[Number(this.resolve(stack, index))];
      }
      case 'Fn::Split': {
        const [separator, source] = arg as [string, unknown];
        return str(source, 'Fn::Split source').split(separator);
      }
      case 'Fn::ImportValue': {
        const name = str(arg, 'Fn::ImportValue name');
        const exported = this.exports.get(name);
        if (!exported) throw new Error(`${stack.stackName}: no stack exports '${name}'`);
        return this.resolve(exported.stack, exported.value);
      }
      default:
        throw new Error(`${stack.stackName}: intrinsic ${fn} is not supported by the local runner`);
    }
  }

  private ref(stack: SynthesisedStack, name: string): unknown {
    switch (name) {
      case 'AWS::Partition':
        return LOCAL_PARTITION;
      case 'AWS::Region':
        return LOCAL_REGION;
      case 'AWS::AccountId':
        return LOCAL_ACCOUNT;
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stack.stackName;
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const parameter = stack.template.Parameters?.[name];
    if (parameter) return parameter.Default;
    const resource = this.resource(stack, name);
    // Names equal logical ids locally; a state machine's and a topic's Ref are their ARNs.
    if (resource.Type === 'AWS::StepFunctions::StateMachine') return stateMachineArn(name);
    if (resource.Type === 'AWS::SNS::Topic') return topicArn(name);
    return name;
  }

  private getAtt(stack: SynthesisedStack, logicalId: string, attribute: string): string {
    const { Type: type } = this.resource(stack, logicalId);
    if (type === 'AWS::Lambda::Function' && attribute === 'Arn') return lambdaArn(logicalId);
    if (TABLE_TYPES.has(type) && attribute === 'Arn') return tableArn(logicalId);
    if (type === 'AWS::StepFunctions::StateMachine' && attribute === 'Arn') return stateMachineArn(logicalId);
    if (type === 'AWS::StepFunctions::StateMachine' && attribute === 'Name') return logicalId;
    if (type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiEndpoint') return this.values.apiEndpoint;
    if (type === 'AWS::ApiGatewayV2::Api' && attribute === 'ApiId') return logicalId;
    // Dead-letter queues are named on rule targets; nothing runs them locally.
    if (type === 'AWS::SQS::Queue' && attribute === 'Arn') return `arn:${LOCAL_PARTITION}:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${logicalId}`;
    if (type === 'AWS::IAM::Role' && attribute === 'Arn') return `arn:${LOCAL_PARTITION}:iam::${LOCAL_ACCOUNT}:role/${logicalId}`;
    throw new Error(`${stack.stackName}: Fn::GetAtt ${logicalId}.${attribute} (${type}) is not supported by the local runner`);
  }

  private resource(stack: SynthesisedStack, logicalId: string): CfnResource {
    const resource = stack.template.Resources?.[logicalId];
    if (!resource) throw new Error(`${stack.stackName}: unknown resource or parameter '${logicalId}'`);
    return resource;
  }
}
