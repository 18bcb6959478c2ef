import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  DefinitionBody,
  Fail,
  JsonPath,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { StageConfig } from '../infra/config/stage-config.js';
import type { WorkflowFunctionId } from '../infra/lambda-functions.js';

/** State names are part of the contract with the local runner and the tests (time overrides). */
export const LifecycleState = {
  Acknowledge: 'Acknowledge',
  Done: 'Done',
  Failed: 'Failed',
} as const;

export interface ApplicationLifecycleProps {
  functions: Record<WorkflowFunctionId, IFunction>;
  config: StageConfig;
}

/**
 * The lifecycle of one application, from submission to decision. Input and output carry ids only
 * ({ applicationId }); the application itself stays in DynamoDB. Written in JSONPath, not JSONata.
 */
export class ApplicationLifecycle extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: ApplicationLifecycleProps) {
    super(scope, id);
    const { functions } = props;

    const acknowledge = lambdaStep(this, LifecycleState.Acknowledge, functions.AcknowledgeApplication, {
      applicationId: JsonPath.stringAt('$.applicationId'),
    });

    const failed = new Fail(this, LifecycleState.Failed, { error: 'LifecycleFailed' });
    acknowledge.addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' });

    const definition = acknowledge.next(new Succeed(this, LifecycleState.Done));

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: Duration.days(365),
      tracingEnabled: true,
    });
  }
}

/** A Lambda task that passes ids in and keeps the state's input, with retries on transient failures. */
function lambdaStep(scope: Construct, name: string, fn: IFunction, payload: Record<string, unknown>) {
  const task = new LambdaInvoke(scope, name, {
    lambdaFunction: fn,
    payload: TaskInput.fromObject(payload),
    resultSelector: { 'result.$': '$.Payload' },
    resultPath: `$.steps.${name}`,
    taskTimeout: Timeout.duration(Duration.seconds(60)),
  });
  // Permanent errors (missing data, broken invariants) go straight to the Catch; all else is retried.
  task.addRetry({ errors: ['PermanentError'], maxAttempts: 0 });
  task.addRetry({
    errors: ['States.ALL'],
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 5,
  });
  return task;
}
