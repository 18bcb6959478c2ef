import type { SNSClient } from '@aws-sdk/client-sns';
import type { Alerts } from '../use-cases/ports.js';

/** Publishes to the alarm topic (subscribed to the operator address). The SDK loads on first use. */
export class SnsAlerts implements Alerts {
  private sns?: Promise<{ client: SNSClient; PublishCommand: typeof import('@aws-sdk/client-sns').PublishCommand }>;

  constructor(private readonly topicArn: string | undefined) {}

  async alert(subject: string, message: string): Promise<void> {
    if (!this.topicArn) throw new Error('ALERT_TOPIC_ARN is not configured for this function');
    this.sns ??= import('@aws-sdk/client-sns').then(({ SNSClient, PublishCommand }) => ({ client: new SNSClient({}), PublishCommand }));
    const { client, PublishCommand } = await this.sns;
    // SNS subjects: at most 100 printable ASCII-ish characters, no line breaks.
    const safeSubject = subject.replace(/[\r\n]+/g, ' ').slice(0, 100);
    await client.send(new PublishCommand({ TopicArn: this.topicArn, Subject: safeSubject, Message: message }));
  }
}
