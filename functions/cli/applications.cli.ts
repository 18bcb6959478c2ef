// npm run applications -- resume <applicationId>
import { processIo, runWhenStarted, useCliEnvironment, type CliIo } from './cli-environment.js';

const usage = 'Usage: npm run applications -- resume <applicationId>   (continues an application on hold from where it stopped)';

/**
 * The operator's retry: starts a new lifecycle execution `{ applicationId, resume: true }`, which
 * takes the application off hold and continues from its stored status (README: "Restarting an
 * application"). Locally it joins the running system; against AWS set TABLE_NAME and
 * STATE_MACHINE_ARN (stack outputs) and the usual credentials.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, applicationId, ...rest] = argv;
  if (command !== 'resume' || !applicationId || rest.length > 0) {
    io.err(usage);
    return 2;
  }
  useCliEnvironment(io.env);
  const stateMachineArn = io.env.STATE_MACHINE_ARN;
  if (!stateMachineArn) {
    io.err('STATE_MACHINE_ARN is not set (the stateless stack outputs it).');
    return 2;
  }
  // Imported after the environment is set: the adapters read it when first used.
  const { ApplicationRepository } = await import('../adapters/application.repository.js');
  const { getDocumentClient } = await import('../adapters/aws-clients.js');
  const { StepFunctionsWorkflowStarter } = await import('../adapters/workflow-starter.js');
  const { isFinal } = await import('../domain/application-status.js');
  const application = await new ApplicationRepository(getDocumentClient(), io.env.TABLE_NAME ?? '').get(applicationId);
  if (!application) {
    io.err(`No application ${applicationId}.`);
    return 1;
  }
  if (isFinal(application.status)) {
    io.err(`Application ${applicationId} has ended (${application.status}); there is nothing to resume.`);
    return 1;
  }
  const executionArn = await new StepFunctionsWorkflowStarter(stateMachineArn).resume(applicationId, new Date());
  io.out(`Resuming ${applicationId} (${application.status}${application.heldFrom ? `, held from ${String(application.heldFrom)}` : ''}) in execution ${executionArn}`);
  return 0;
}

runWhenStarted(import.meta.url, main);
