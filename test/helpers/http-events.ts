import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** An HTTP API (payload 2.0) GET event as API Gateway hands it to a function. */
export function getEvent(
  routeKey: `GET /${string}`,
  path: string,
  options: { query?: Record<string, string>; headers?: Record<string, string>; pathParameters?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const query = options.query ?? {};
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: options.headers ?? {},
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path }, routeKey },
  } as unknown as APIGatewayProxyEventV2;
}

/** A POST event with a text body. */
export function postEvent(routeKey: `POST /${string}`, path: string, body: string, headers: Record<string, string>): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers,
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path }, routeKey },
  } as unknown as APIGatewayProxyEventV2;
}

export const lambdaContext = {
  functionName: 'Test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

export interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The environment every function gets (see infra/stateless-stack.ts), pointed at a test table. */
export function functionEnvironment(tableName: string, endpoint: string): Record<string, string> {
  return {
    TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    STATE_MACHINE_ARN: 'arn:aws:states:eu-north-1:000000000000:stateMachine:Lifecycle',
    SENDER_EMAIL: 'qm@stadskarnor.example',
    REVIEWER_EMAILS: 'granskare@stadskarnor.example',
    PROGRAMME_CONTACT_EMAIL: 'qm-ansvarig@stadskarnor.example',
    OPERATOR_EMAIL: 'drift@stadskarnor.example',
    PUBLIC_BASE_URL: 'https://qm.example',
    RENEWAL_REMINDER_DAYS: '180,90,30',
    REVISION_GRACE_MONTHS: '12',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  };
}
