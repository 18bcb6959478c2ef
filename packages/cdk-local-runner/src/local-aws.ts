/**
 * The fake AWS "account" the local system pretends to live in. Every ARN and endpoint variable
 * the local modules hand out is built here, so they agree with each other.
 */
export const LOCAL_REGION = 'eu-north-1';
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_PARTITION = 'aws';

/** SDK v3 refuses to sign without credentials; the local servers ignore them. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export const lambdaArn = (logicalId: string) =>
  `arn:${LOCAL_PARTITION}:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${logicalId}`;

export const stateMachineArn = (logicalId: string) =>
  `arn:${LOCAL_PARTITION}:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${logicalId}`;

export const executionArn = (stateMachineName: string, executionName: string) =>
  `arn:${LOCAL_PARTITION}:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${stateMachineName}:${executionName}`;

export const topicArn = (logicalId: string) => `arn:${LOCAL_PARTITION}:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${logicalId}`;

export const tableArn = (tableName: string) =>
  `arn:${LOCAL_PARTITION}:dynamodb:${LOCAL_REGION}:${LOCAL_ACCOUNT}:table/${tableName}`;

/** `arn:aws:lambda:…:function:Name`, `…:function:Name:alias`, or a bare name → the function name. */
export function functionNameFromArn(nameOrArn: string): string {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(nameOrArn);
  if (m) return m[1]!;
  return nameOrArn.split(':')[0]!;
}
