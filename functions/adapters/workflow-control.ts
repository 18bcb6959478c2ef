import type { SFNClient } from '@aws-sdk/client-sfn';
import { sfnClient } from './sfn-client.js';
import type { WorkflowControl } from '../use-cases/ports.js';

export class StepFunctionsWorkflowControl implements WorkflowControl {
  constructor(
    private readonly stateMachineArn: string,
    private readonly client: () => Promise<SFNClient> = sfnClient,
  ) {}

  async startNamed(applicationId: string, executionName: string): Promise<void> {
    const { StartExecutionCommand } = await import('@aws-sdk/client-sfn');
    const sfn = await this.client();
    // `resume`: the workflow's router continues from the stored status (see the lifecycle's Start).
    await sfn.send(
      new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: executionName, input: JSON.stringify({ applicationId, resume: true }) }),
    );
  }

  async stop(executionName: string, cause: string): Promise<void> {
    const { StopExecutionCommand } = await import('@aws-sdk/client-sfn');
    const sfn = await this.client();
    try {
      await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(this.stateMachineArn, executionName), error: 'Withdrawn', cause }));
    } catch (error) {
      if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return;
      throw error;
    }
  }
}

/** arn:…:stateMachine:<machine> → arn:…:execution:<machine>:<name> */
export function executionArnOf(stateMachineArn: string, executionName: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
}
