import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';

/** The port through which use cases start an application's lifecycle. */
export interface WorkflowStarter {
  /** Starts the execution named after the application; starting it twice is harmless. */
  start(applicationId: string): Promise<void>;
}

export class StepFunctionsWorkflowStarter implements WorkflowStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(applicationId: string): Promise<void> {
    try {
      await this.sfn.send(
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
}
