import type { SFNClient } from '@aws-sdk/client-sfn';
import { sfnClient } from './sfn-client.js';
import type { WorkflowStarter } from '../use-cases/ports.js';

export class StepFunctionsWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly stateMachineArn: string,
    private readonly client: () => Promise<SFNClient> = sfnClient,
  ) {}

  async start(applicationId: string): Promise<void> {
    const { ExecutionAlreadyExists, StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const sfn = await this.client();
    try {
      await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          // The name makes the start idempotent: one application, one execution.
          name: applicationId,
          input: JSON.stringify({ applicationId }),
        }),
      );
    } catch (error) {
      // Same name, same input while running is not even an error in AWS; anything else named
      // ExecutionAlreadyExists means this application's lifecycle already began.
      if (error instanceof ExecutionAlreadyExists) return;
      throw error;
    }
  }

  /**
   * Resumes an application on hold (or whose execution is gone) in a new execution: the workflow
   * takes it off hold and continues from its stored status. A new name each time, since the
   * first execution's name is the application id.
   */
  async resume(applicationId: string, now: Date): Promise<string> {
    const { StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const sfn = await this.client();
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: this.stateMachineArn,
        name: `${applicationId}-resume-${now.getTime()}`,
        input: JSON.stringify({ applicationId, resume: true }),
      }),
    );
    return executionArn ?? '';
  }
}

/**
 * The starter of a function that may start the lifecycle. Only the functions granted it have
 * STATE_MACHINE_ARN; a call from any other is a wiring mistake, said at the call, not at start-up
 * (every function wires its adapters the same way, whether it starts workflows or not).
 */
export function configuredWorkflowStarter(stateMachineArn: string | undefined): WorkflowStarter {
  return {
    start: (applicationId) => {
      if (!stateMachineArn) throw new Error('STATE_MACHINE_ARN is not configured for this function');
      return new StepFunctionsWorkflowStarter(stateMachineArn).start(applicationId);
    },
  };
}
