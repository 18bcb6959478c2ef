import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TIMER_SECONDS, localDefinition } from '../src/asl-local-definition.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, lambdaArn } from '../src/local-aws.js';
import { LocalStepFunctions, hasEnteredState, type LocalStepFunctionsOptions } from '../src/local-step-functions.js';
import { startSfnEndpoint, type SfnEndpoint } from '../src/sfn-endpoint.js';

const SM = 'arn:aws:states:eu-north-1:000000000000:stateMachine:Review';

/** Hand-written ASL: a Task with Retry, a long Wait, a callback Task with Catch on States.Timeout. */
const definition = {
  StartAt: 'Prepare',
  TimeoutSeconds: 31_536_000, // a year: overflows setTimeout unless clamped
  States: {
    Prepare: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: {
        FunctionName: lambdaArn('Prepare'),
        Payload: {
          'id.$': '$.id',
          'executionId.$': '$$.Execution.Id',
          'executionName.$': '$$.Execution.Name',
          'startTime.$': '$$.Execution.StartTime',
          'stateMachineId.$': '$$.StateMachine.Id',
        },
      },
      ResultSelector: { 'context.$': '$.Payload' },
      ResultPath: '$.prepared',
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 30, MaxAttempts: 3, BackoffRate: 2 }],
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', Seconds: 3600, Next: 'AwaitDecision' },
    AwaitDecision: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: lambdaArn('RequestDecision'), Payload: { 'id.$': '$.id', 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 604_800,
      ResultPath: '$.decision',
      Catch: [
        { ErrorEquals: ['States.Timeout'], ResultPath: '$.error', Next: 'TimedOut' },
        { ErrorEquals: ['Rejected'], ResultPath: '$.error', Next: 'WasRejected' },
      ],
      Next: 'Approved',
    },
    Approved: { Type: 'Succeed' },
    TimedOut: { Type: 'Pass', Result: 'timed out', ResultPath: '$.outcome', End: true },
    WasRejected: { Type: 'Fail', Error: 'Rejected', Cause: 'The reviewer rejected it' },
  },
};

/** Nested states and a Wait whose duration comes from the input (`$.delaySeconds`). */
const nestedSm = 'arn:aws:states:eu-north-1:000000000000:stateMachine:Nested';
const nestedDefinition = {
  StartAt: 'Fork',
  States: {
    Fork: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'BranchWait',
          States: {
            BranchWait: { Type: 'Wait', SecondsPath: '$.delaySeconds', Next: 'BranchTask' },
            BranchTask: { Type: 'Task', Resource: lambdaArn('Echo'), End: true },
          },
        },
      ],
      End: true,
    },
  },
};

interface Harness {
  sfn: LocalStepFunctions;
  calls: Array<{ name: string; payload: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  tokens: string[];
}

let running: LocalStepFunctions[] = [];
afterEach(async () => {
  await Promise.all(running.map((s) => s.close()));
  running = [];
});

function harness(options: Partial<LocalStepFunctionsOptions> & { prepare?: (payload: unknown) => unknown } = {}): Harness {
  const h: Harness = { calls: [], tokens: [], sfn: undefined as never };
  const handlers: Record<string, (payload: any) => unknown> = { // eslint-disable-line @typescript-eslint/no-explicit-any
    Prepare: options.prepare ?? ((p) => p),
    RequestDecision: (p) => void h.tokens.push(p.token),
    Echo: (p) => ({ echoed: p }),
  };
  h.sfn = new LocalStepFunctions({
    stateMachines: [
      { arn: SM, definition },
      { arn: nestedSm, definition: nestedDefinition },
    ],
    invokeFunction: async (arn, payload) => {
      const name = arn.split(':').pop()!;
      h.calls.push({ name, payload });
      return handlers[name]!(payload);
    },
    timeOverrides: { waitSeconds: { Pause: 0 } },
    ...options,
  });
  running.push(h.sfn);
  return h;
}

const awaitingDecision = (h: Harness, name: string) =>
  h.sfn.waitForExecution(name, (e) => h.sfn.pendingTasks(e.executionArn).length > 0 && h.tokens.length > 0);

describe('LocalStepFunctions', () => {
  it('runs to the callback task, passes a real token and the context, and succeeds on SendTaskSuccess', async () => {
    const h = harness();
    const { executionArn } = h.sfn.startExecution({ stateMachineArn: SM, name: 'approve-1', input: '{"id":"a1"}' });
    expect(executionArn).toBe('arn:aws:states:eu-north-1:000000000000:execution:Review:approve-1');
    await awaitingDecision(h, 'approve-1');

    const [token] = h.tokens;
    expect(token).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(h.sfn.pendingTasks()).toEqual([{ taskToken: token, executionArn, stateName: 'AwaitDecision' }]);
    h.sfn.sendTaskSuccess({ taskToken: token!, output: '{"approved":true}' });

    const done = await h.sfn.waitForExecution('approve-1');
    expect(done.status).toBe('SUCCEEDED');
    const output = JSON.parse(done.output!);
    expect(output.decision).toEqual({ approved: true });
    expect(output.prepared.context).toMatchObject({
      id: 'a1',
      executionId: executionArn,
      executionName: 'approve-1',
      stateMachineId: SM,
    });
    expect(Date.parse(output.prepared.context.startTime)).toBeGreaterThan(0);
    expect(done.history.map((e) => e.type)).toContain('ExecutionSucceeded');

    // A token works once; a malformed one is invalid.
    expect(() => h.sfn.sendTaskSuccess({ taskToken: token!, output: '{}' })).toThrow(expect.objectContaining({ name: 'TaskDoesNotExist' }));
    expect(() => h.sfn.sendTaskSuccess({ taskToken: 'nope', output: '{}' })).toThrow(expect.objectContaining({ name: 'InvalidToken' }));
  });

  it('fails the task with the error of SendTaskFailure, which Catch matches', async () => {
    const h = harness();
    h.sfn.startExecution({ stateMachineArn: SM, name: 'reject-1', input: '{"id":"r1"}' });
    await awaitingDecision(h, 'reject-1');
    h.sfn.sendTaskFailure({ taskToken: h.tokens[0]!, error: 'Rejected', cause: 'no' });
    const done = await h.sfn.waitForExecution('reject-1');
    expect(done).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'The reviewer rejected it' });
    expect(done.history.some((e) => e.type === 'StateCaught')).toBe(true);
  });

  it('times out a callback task after an overridden (fractional) TimeoutSeconds, then the token is dead', async () => {
    const h = harness({ timeOverrides: { waitSeconds: { Pause: 0 }, taskTimeoutSeconds: { AwaitDecision: 0.2 } } });
    const started = Date.now();
    h.sfn.startExecution({ stateMachineArn: SM, name: 'timeout-1', input: '{"id":"t1"}' });
    const done = await h.sfn.waitForExecution('timeout-1');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ outcome: 'timed out', error: { Error: 'States.Timeout' } });
    expect(() => h.sfn.sendTaskSuccess({ taskToken: h.tokens[0]!, output: '{}' })).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
  });

  it('retries on the error name a function throws, with overridden intervals', async () => {
    let attempts = 0;
    const h = harness({
      timeOverrides: { waitSeconds: { Pause: 0 }, retryIntervalSeconds: 0.01, taskTimeoutSeconds: { AwaitDecision: 0.05 } },
      prepare: () => {
        attempts++;
        if (attempts < 3) throw Object.assign(new Error('try again'), { name: 'Flaky' });
        return { attempts };
      },
    });
    h.sfn.startExecution({ stateMachineArn: SM, name: 'retry-1', input: '{"id":"x"}' });
    const done = await h.sfn.waitForExecution('retry-1');
    expect(done.status).toBe('SUCCEEDED');
    expect(attempts).toBe(3);
    expect(done.history.filter((e) => e.type === 'StateRetried')).toHaveLength(2);
    const failed = done.history.find((e) => e.type === 'StateFailed') as unknown as { Error: string; Cause: string };
    expect(failed.Error).toBe('Flaky');
    expect(JSON.parse(failed.Cause)).toMatchObject({ errorType: 'Flaky', errorMessage: 'try again' });
  });

  it('treats a repeated name like AWS: same input while running is the same execution, otherwise ExecutionAlreadyExists', async () => {
    const h = harness();
    const first = h.sfn.startExecution({ stateMachineArn: SM, name: 'dup', input: '{"id":"d"}' });
    expect(h.sfn.startExecution({ stateMachineArn: SM, name: 'dup', input: '{"id":"d"}' })).toEqual(first);
    expect(() => h.sfn.startExecution({ stateMachineArn: SM, name: 'dup', input: '{"id":"other"}' })).toThrow(
      expect.objectContaining({ name: 'ExecutionAlreadyExists' }),
    );
    await awaitingDecision(h, 'dup');
    h.sfn.stopExecution({ executionArn: first.executionArn, error: 'Stop', cause: 'test' });
    expect(h.sfn.describeExecution(first.executionArn)).toMatchObject({ status: 'ABORTED', error: 'Stop' });
    expect(() => h.sfn.sendTaskSuccess({ taskToken: h.tokens[0]!, output: '{}' })).toThrow(expect.objectContaining({ name: 'TaskTimedOut' }));
    expect(() => h.sfn.startExecution({ stateMachineArn: SM, name: 'dup', input: '{"id":"d"}' })).toThrow(
      expect.objectContaining({ name: 'ExecutionAlreadyExists' }),
    );
    expect(() => h.sfn.startExecution({ stateMachineArn: SM, name: 'bad name' })).toThrow(expect.objectContaining({ name: 'InvalidName' }));
    expect(() => h.sfn.startExecution({ stateMachineArn: SM + 'x' })).toThrow(expect.objectContaining({ name: 'StateMachineDoesNotExist' }));
  });

  it('keeps long waits long (no setTimeout overflow) and finds override names in nested states', async () => {
    const slow = harness({ timeOverrides: {} });
    slow.sfn.startExecution({ stateMachineArn: SM, name: 'slow', input: '{"id":"s"}' });
    slow.sfn.startExecution({ stateMachineArn: nestedSm, name: 'nested-slow', input: '{"delaySeconds":99999999}' });
    await slow.sfn.waitForExecution('slow', hasEnteredState('Pause'));
    await slow.sfn.waitForExecution('nested-slow', hasEnteredState('BranchWait'));
    // A short wait started after them has ended: an overflowing timer (Node fires it after 1 ms)
    // would have ended before it.
    slow.sfn.startExecution({ stateMachineArn: nestedSm, name: 'nested-short', input: '{"delaySeconds":0.3}' });
    await slow.sfn.waitForExecution('nested-short', (e) => e.status === 'SUCCEEDED');
    expect(slow.sfn.getExecution('slow')!.status).toBe('RUNNING');
    expect(slow.sfn.getExecution('nested-slow')!.status).toBe('RUNNING');
    expect(slow.calls.map((c) => c.payload)).toEqual([expect.objectContaining({ id: 's' }), { delaySeconds: 0.3 }]); // neither long wait has ended

    const fast = harness({ timeOverrides: { waitSeconds: { BranchWait: 0 } } });
    fast.sfn.startExecution({ stateMachineArn: nestedSm, name: 'nested-fast', input: '{"delaySeconds":99999999}' });
    const done = await fast.sfn.waitForExecution('nested-fast');
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual([{ echoed: { delaySeconds: 99999999 } }]);

    expect(() => harness({ timeOverrides: { taskTimeoutSeconds: { NoSuchState: 1 } } })).toThrow(/NoSuchState/);
  });
});

describe('localDefinition', () => {
  it('clamps durations and gives timeout-less tasks the longest safe timeout', () => {
    const local = localDefinition({
      StartAt: 'A',
      TimeoutSeconds: 31_536_000,
      States: {
        A: { Type: 'Task', Resource: lambdaArn('A'), Next: 'B' },
        B: { Type: 'Task', Resource: lambdaArn('B'), TimeoutSeconds: 99_999_999, Next: 'C' },
        C: { Type: 'Wait', Seconds: 99_999_999, End: true },
      },
    });
    const states = local.definition.States;
    expect(local.definition.TimeoutSeconds).toBe(MAX_TIMER_SECONDS);
    expect(states.A!.TimeoutSeconds).toBe(MAX_TIMER_SECONDS);
    expect(states.B!.TimeoutSeconds).toBe(MAX_TIMER_SECONDS);
    expect(states.C!.Seconds).toBe(MAX_TIMER_SECONDS);
    expect(MAX_TIMER_SECONDS * 1000).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it('rejects JSONata, which the library would silently ignore', () => {
    expect(() => localDefinition({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Succeed' } } })).toThrow(/JSONata/);
  });
});

describe('Step Functions HTTP endpoint', () => {
  let endpoint: SfnEndpoint;
  afterEach(async () => endpoint?.stop());

  it('serves the AWS SDK client: start, describe, list, task tokens, stop, AWS-shaped errors', async () => {
    const h = harness();
    endpoint = await startSfnEndpoint(h.sfn, { port: 0 });
    const client = new SFNClient({ endpoint: endpoint.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    try {
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: SM, name: 'sdk-1', input: '{"id":"k"}' }));
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: SM, name: 'sdk-1', input: '{"id":"other"}' }))).rejects.toBeInstanceOf(
        ExecutionAlreadyExists,
      );
      await awaitingDecision(h, 'sdk-1');
      const taskToken = h.tokens[0]!;
      await client.send(new SendTaskHeartbeatCommand({ taskToken }));
      const running = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(running).toMatchObject({ status: 'RUNNING', name: 'sdk-1', input: '{"id":"k"}', stateMachineArn: SM });
      expect(running.startDate).toBeInstanceOf(Date);

      await client.send(new SendTaskSuccessCommand({ taskToken, output: '{"ok":1}' }));
      await h.sfn.waitForExecution('sdk-1');
      const done = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(done.status).toBe('SUCCEEDED');
      expect(JSON.parse(done.output!).decision).toEqual({ ok: 1 });

      const failure = client.send(new SendTaskFailureCommand({ taskToken, error: 'X' }));
      await expect(failure).rejects.toBeInstanceOf(TaskDoesNotExist);
      await expect(failure).rejects.toMatchObject({ name: 'TaskDoesNotExist', $metadata: { httpStatusCode: 400 } });

      const second = await client.send(new StartExecutionCommand({ stateMachineArn: SM, name: 'sdk-2', input: '{"id":"k2"}' }));
      await client.send(new StopExecutionCommand({ executionArn: second.executionArn, error: 'Stopped' }));
      const list = await client.send(new ListExecutionsCommand({ stateMachineArn: SM }));
      expect(list.executions?.map((e) => [e.name, e.status])).toEqual([
        ['sdk-2', 'ABORTED'],
        ['sdk-1', 'SUCCEEDED'],
      ]);
    } finally {
      client.destroy();
    }
  });
});
