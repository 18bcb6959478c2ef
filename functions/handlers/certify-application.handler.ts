import { lifecycleDependencies } from '../adapters/dependencies.js';
import { roundTaskInputSchema, workflowTaskHandler } from '../lambda/workflow-task-handler.js';
import { certifyApplication } from '../use-cases/apply-decision.use-case.js';

/** Workflow task: issues the certificate and tells the applicant. */
export const handler = workflowTaskHandler(roundTaskInputSchema, (input) => certifyApplication(lifecycleDependencies(), input));
