import type { SFNClient } from '@aws-sdk/client-sfn';
import { sfnClient } from './sfn-client.js';
import type { WorkflowCallbacks } from '../use-cases/ports.js';

const staleTokenErrors = new Set(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken']);

export class StepFunctionsCallbacks implements WorkflowCallbacks {
  constructor(private readonly client: () => Promise<SFNClient> = sfnClient) {}

  async succeed(taskToken: string, output: unknown): Promise<boolean> {
    const { SendTaskSuccessCommand } = await import('@aws-sdk/client-sfn');
    const sfn = await this.client();
    return this.ignoringStale(() => sfn.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })));
  }

  async fail(taskToken: string, error: string, cause: string): Promise<boolean> {
    const { SendTaskFailureCommand } = await import('@aws-sdk/client-sfn');
    const sfn = await this.client();
    return this.ignoringStale(() => sfn.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }

  private async ignoringStale(send: () => Promise<unknown>): Promise<boolean> {
    try {
      await send();
      return true;
    } catch (error) {
      // A stale token is expected: the workflow moved on, and the step it re-enters reads the
      // decision from the table instead.
      if (error instanceof Error && staleTokenErrors.has(error.name)) return false;
      throw error;
    }
  }
}
