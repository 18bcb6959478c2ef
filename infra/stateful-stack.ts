import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ConfigurationSet, EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.js';

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/**
 * What must outlive any deployment: the table (applications, history, certificates, members,
 * tokens) and the mail identity. Nothing here is replaced by a redeploy.
 */
export class StatefulStack extends Stack {
  readonly table: ITableV2;
  readonly configurationSetName: string;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.table = new TableV2(this, 'QmTable', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: 'expiresAt',
      globalSecondaryIndexes: [
        // gsi1: renewal reminders; only certificates with a pending stage carry gsi1 keys (sparse).
        {
          indexName: 'gsi1',
          partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
        },
        // gsi2: certificates by validUntil, for the public register.
        {
          indexName: 'gsi2',
          partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
          sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
        },
      ],
    });

    const configurationSet = new ConfigurationSet(this, 'MailConfigurationSet', {});
    this.configurationSetName = configurationSet.configurationSetName;
    const identity = props.config.sesIdentity.includes('@')
      ? Identity.email(props.config.sesIdentity)
      : Identity.domain(props.config.sesIdentity);
    new EmailIdentity(this, 'MailIdentity', { identity, configurationSet });
  }
}
