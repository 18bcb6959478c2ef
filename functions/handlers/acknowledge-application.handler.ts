import { dependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { acknowledgeApplication } from '../use-cases/acknowledge-application.use-case.js';

/** Workflow task: emails the receipt and marks the application acknowledged. */
export const handler = workflowTaskHandler(workflowTaskInputSchema, async ({ applicationId }) => {
  const deps = dependencies();
  return acknowledgeApplication({ ...deps, publicBaseUrl: deps.config.PUBLIC_BASE_URL }, applicationId);
});
