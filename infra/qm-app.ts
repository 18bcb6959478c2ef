import { App, type AppProps } from 'aws-cdk-lib';
import { stageConfigFromContext, type StageConfig } from './config/stage-config.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

export interface QmApp {
  app: App;
  config: StageConfig;
  stateful: StatefulStack;
  stateless: StatelessStack;
}

/** Builds the whole CDK app. Used by `cdk synth/deploy`, the CDK tests and the local runner alike. */
export function createQmApp(props: AppProps = {}): QmApp {
  const app = new App(props);
  const config = stageConfigFromContext((key) => app.node.tryGetContext(key));
  // Pinned from the stage, never from the caller's CLI profile: without it, synth falls back to
  // us-east-1 and the system (and its personal data) would land there.
  const env = { region: config.region, ...(config.account ? { account: config.account } : {}) };
  const prefix = `Qm-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env, config });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    table: stateful.table,
    configurationSetName: stateful.configurationSetName,
    alarmTopic: stateful.alarmTopic,
  });
  stateless.addStackDependency(stateful);
  return { app, config, stateful, stateless };
}
