/**
 * cdk-local-runner: a synthesised CDK app on one machine, no AWS account. See README.md.
 * Light entry points (no dynalite, no interpreter): `cdk-local-runner/join`, `/environment`,
 * `/schedule-cli`, `/lambda-environment`, `/dynamodb-transactions`.
 */
export { startLocalSystem, type LocalSystem, type LocalSystemContext, type LocalSystemHooks, type LocalSystemOptions } from './local-system.js';
export {
  synthesiseLocalModel,
  synthesiseStacks,
  modelFromStacks,
  DEFAULT_ENTRY_METADATA_KEY,
  SHARED_SYNTH_DIR_ENV,
  type CdkAppSource,
  type LocalFunction,
  type LocalModel,
  type LocalRoute,
  type LocalSchedule,
  type LocalStateMachine,
} from './cloud-assembly.js';
export { forEachState, type AslMachine, type TimeOverrides } from './asl-local-definition.js';
export { LocalStepFunctions, hasEnteredState, isClosed, type Execution, type ExecutionStatus } from './local-step-functions.js';
export type { Email, MailFaultKind } from './local-mail.js';
export type { PublishedMessage } from './local-sns.js';
export { LOCAL_ACCOUNT, LOCAL_CREDENTIALS, LOCAL_REGION, functionNameFromArn } from './local-aws.js';
export { applyEnvironment } from './lambda-environment.js';
export { addTransactions } from './dynamodb-transactions.js';
export { constructName, findSchedule, parseNow, scheduledEvent, UnknownScheduleError } from './schedules.js';
export { LOCAL_SYSTEM_FILE, readRunningSystem, listSchedules, runSchedule, type RunningSystemFile, type ScheduleInfo, type ScheduleRun } from './join.js';
