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
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  const prefix = `Qm-${config.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, { env, config });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    table: stateful.table,
    configurationSetName: stateful.configurationSetName,
  });
  stateless.addStackDependency(stateful);
  return { app, config, stateful, stateless };
}
