import { memberConfirmationDependencies } from '../adapters/dependencies.js';
import { workflowTaskHandler, workflowTaskInputSchema } from '../lambda/workflow-task-handler.js';
import { requestMemberConfirmation } from '../use-cases/member-confirmation.use-case.js';
import * as z from '../lib/zod.js';

/** Workflow task: asks the member's registered addresses to confirm, and waits (waitForTaskToken). */
export const handler = workflowTaskHandler(workflowTaskInputSchema.extend({ taskToken: z.string().min(1) }), (input) =>
  requestMemberConfirmation(memberConfirmationDependencies(), input),
);
