import { randomUUID } from 'node:crypto';
import http, { type Server } from 'node:http';
import { close, listen, readBody } from './http-util.js';
import type { Execution, ExecutionStatus, LocalStepFunctions } from './local-step-functions.js';
import { SfnApiError } from './sfn-errors.js';

/**
 * The Step Functions API over HTTP (AWS JSON 1.0: `POST /`, `X-Amz-Target: AWSStepFunctions.<Op>`),
 * so handler code uses the ordinary @aws-sdk/client-sfn with AWS_ENDPOINT_URL_SFN pointing here.
 * Errors are AWS-shaped: status 400, `{"__type": "TaskDoesNotExist", "message": "…"}`.
 */
const CONTENT_TYPE = 'application/x-amz-json-1.0';

type Body = Record<string, unknown>;

export interface SfnEndpoint {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export async function startSfnEndpoint(sfn: LocalStepFunctions, options: { port?: number; host?: string } = {}): Promise<SfnEndpoint> {
  const operations: Record<string, (body: Body) => unknown> = {
    StartExecution: (b) => {
      const { executionArn, startDate } = sfn.startExecution({
        stateMachineArn: str(b, 'stateMachineArn'),
        name: optStr(b, 'name'),
        input: optStr(b, 'input'),
      });
      return { executionArn, startDate: epoch(startDate) };
    },
    DescribeExecution: (b) => describe(sfn.describeExecution(str(b, 'executionArn'))),
    ListExecutions: (b) => {
      const all = sfn.listExecutions({ stateMachineArn: optStr(b, 'stateMachineArn'), statusFilter: optStr(b, 'statusFilter') as ExecutionStatus });
      const start = Number(optStr(b, 'nextToken') ?? 0);
      const max = Number(b.maxResults) || 100;
      const page = all.slice(start, start + max);
      return {
        executions: page.map(({ executionArn, stateMachineArn, name, status, startDate, stopDate }) => ({
          executionArn, stateMachineArn, name, status, startDate: epoch(startDate), ...(stopDate ? { stopDate: epoch(stopDate) } : {}),
        })),
        ...(start + max < all.length ? { nextToken: String(start + max) } : {}),
      };
    },
    StopExecution: (b) => ({ stopDate: epoch(sfn.stopExecution({ executionArn: str(b, 'executionArn'), error: optStr(b, 'error'), cause: optStr(b, 'cause') }).stopDate) }),
    SendTaskSuccess: (b) => (sfn.sendTaskSuccess({ taskToken: str(b, 'taskToken'), output: str(b, 'output') }), {}),
    SendTaskFailure: (b) => (sfn.sendTaskFailure({ taskToken: str(b, 'taskToken'), error: optStr(b, 'error'), cause: optStr(b, 'cause') }), {}),
    SendTaskHeartbeat: (b) => (sfn.sendTaskHeartbeat({ taskToken: str(b, 'taskToken') }), {}),
  };

  const server: Server = http.createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': CONTENT_TYPE, 'content-length': Buffer.byteLength(text), 'x-amzn-requestid': randomUUID() });
      res.end(text);
    };
    readBody(req, 1024 * 1024)
      .then((raw) => {
        const target = String(req.headers['x-amz-target'] ?? '');
        const operation = target.startsWith('AWSStepFunctions.') ? operations[target.slice('AWSStepFunctions.'.length)] : undefined;
        if (req.method !== 'POST' || !operation) throw new SfnApiError('UnknownOperationException', `Unsupported operation '${target}'`);
        let body: Body;
        try {
          body = JSON.parse(raw.toString('utf8') || '{}') as Body;
        } catch {
          throw new SfnApiError('SerializationException', 'Request body is not valid JSON');
        }
        reply(200, operation(body));
      })
      .catch((err: unknown) => {
        if (err instanceof SfnApiError) return reply(400, { __type: err.name, message: err.message });
        console.error('local Step Functions endpoint:', err);
        reply(500, { __type: 'InternalFailure', message: String(err) });
      });
  });

  const port = await listen(server, options.port ?? 8083, options.host);
  return { endpoint: `http://127.0.0.1:${port}`, port, stop: () => close(server) };
}

function describe(e: Execution) {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: epoch(e.startDate),
    ...(e.stopDate ? { stopDate: epoch(e.stopDate) } : {}),
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
  };
}

/** JSON 1.0 timestamps are epoch seconds. */
const epoch = (d: Date) => d.getTime() / 1000;

function str(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw new SfnApiError('ValidationException', `'${key}' is required and must be a string`);
  return value;
}

function optStr(body: Body, key: string): string | undefined {
  return body[key] === undefined || body[key] === null ? undefined : str(body, key);
}
