import { startLocalSystem, type CdkAppSource, type LocalSystem, type LocalSystemHooks, type LocalSystemOptions } from 'cdk-local-runner';
import { executionNameOf } from '../../functions/use-cases/admin/application-admin.use-case.js';
import { ENTRY_METADATA_KEY, projectRoot } from '../function-defaults.js';
import { createQmApp } from '../qm-app.js';
import { resumeWaitingWorkflows } from './resume-workflows.js';
import { seedLocalDemoMembers } from './seed.js';

/**
 * The QM app as the local runner (packages/cdk-local-runner) runs it: the CDK app, and the app's
 * own start-up steps, which the runner knows nothing about. `npm start`, the CLIs and the tests
 * all start the local system through here.
 */
export const qmApp: CdkAppSource = {
  createApp: (props) => createQmApp(props).app,
  projectRoot,
  entryMetadataKey: ENTRY_METADATA_KEY,
};

export interface QmHookOptions {
  /** Seed the demo members into an empty member register (default true). */
  seed?: boolean;
}

export function qmHooks({ seed = true }: QmHookOptions = {}): LocalSystemHooks {
  return {
    async afterStart(ctx) {
      const tableName = ctx.env.TABLE_NAME;
      if (!tableName) return;
      if (seed) {
        const seeded = await seedLocalDemoMembers(tableName);
        if (seeded > 0) ctx.notice(`Seeded ${seeded} demo members into the empty member register.`);
      }
      // Executions live in memory only: after a restart, applications waiting for a review decision
      // get their workflow back under the name the app gives it, so the workspace can still stop it.
      const stateMachineArn = ctx.env.STATE_MACHINE_ARN;
      if (!stateMachineArn) return;
      const resumed = await resumeWaitingWorkflows(ctx.dynamodb.documentClient, tableName, (application) =>
        ctx.startExecution(stateMachineArn, { applicationId: application.id }, executionNameOf(application)),
      );
      if (resumed > 0) ctx.notice(`Resumed the workflows of ${resumed} application(s) waiting for review.`);
    },
  };
}

export type QmLocalSystemOptions = Omit<LocalSystemOptions, 'app' | 'hooks'> & QmHookOptions;

export function startQmLocalSystem({ seed, ...options }: QmLocalSystemOptions = {}): Promise<LocalSystem> {
  return startLocalSystem({ ...options, app: qmApp, hooks: qmHooks({ seed }) });
}
