import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stage-config.js';

export interface StatefulStackProps extends StackProps {
  config: StageConfig;
}

/** The SES events the system reacts to: a bounced or complaining address is marked undeliverable. */
export const SES_EVENT_DETAIL_TYPES = ['Email Bounced', 'Email Complained'];

/**
 * What must outlive any deployment: the table (applications, history, certificates, members,
 * tokens), the mail configuration set and the operator's alarm topic (its subscription is confirmed
 * by hand, once). Nothing here is replaced by a redeploy.
 */
export class StatefulStack extends Stack {
  readonly table: ITableV2;
  readonly configurationSetName: string;
  /** Alarms and failed-step alerts: a channel that does not depend on SES. */
  readonly alarmTopic: ITopic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

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

    // Reputation metrics feed the bounce and complaint alarms.
    const configurationSet = new ConfigurationSet(this, 'MailConfigurationSet', { reputationMetrics: true });
    this.configurationSetName = configurationSet.configurationSetName;
    // Bounces and complaints go to the account's default event bus; the stateless stack's rule
    // (filtered on this configuration set) hands them to the function that records them.
    configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.eventBus(EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    if (config.createSesIdentity) {
      const identity = config.sesIdentity.includes('@') ? Identity.email(config.sesIdentity) : Identity.domain(config.sesIdentity);
      new EmailIdentity(this, 'MailIdentity', { identity, configurationSet });
    }

    const topic = new Topic(this, 'AlarmTopic', { displayName: `QM ${config.stage}: larm`, enforceSSL: true });
    topic.addSubscription(new EmailSubscription(config.operatorEmail));
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key; alerts carry application ids and alarm names only, no personal data.',
    });
    Validations.of(topic).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason: "The topic's only subscription is the operator's email; SNS retries email delivery itself, and a dead-letter queue for it would need the same operator to watch it.",
    });
    this.alarmTopic = topic;
  }
}
