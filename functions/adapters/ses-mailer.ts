import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, Mailer } from '../domain/email-message.js';
import { singleLineText } from '../domain/text-rules.js';
import { currentApplicationId } from '../lambda/invocation-context.js';
import { AppMetric, MetricUnit, metrics } from '../lambda/metrics.js';

/**
 * Sends mail with SES v2 (locally: aws-ses-v2-local). SDK retries cover brief throttling; the
 * workflow retries longer. Attachments go through the Simple content's Attachments (SES builds
 * the MIME message), which aws-ses-v2-local supports too. The SDK module and client are loaded on
 * the first send only.
 * Each mail is tagged with the application it belongs to, so SES bounce and complaint events
 * (through the configuration set) can be recorded on that application.
 */
export class SesMailer implements Mailer {
  private ses?: Promise<{ client: SESv2Client; SendEmailCommand: typeof import('@aws-sdk/client-sesv2').SendEmailCommand }>;

  constructor(
    private readonly from: string,
    private readonly configurationSetName?: string,
  ) {}

  async send(message: EmailMessage): Promise<void> {
    this.ses ??= import('@aws-sdk/client-sesv2').then(({ SESv2Client, SendEmailCommand }) => ({ client: new SESv2Client({}), SendEmailCommand }));
    const { client, SendEmailCommand } = await this.ses;
    const applicationId = currentApplicationId();
    try {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: message.to },
          ReplyToAddresses: message.replyTo,
          ConfigurationSetName: this.configurationSetName,
          ...(applicationId ? { EmailTags: [{ Name: 'applicationId', Value: applicationId }] } : {}),
          Content: {
            Simple: {
              // Again here, for any message not composed by composeEmail: a header is one clean line.
              Subject: { Data: singleLineText(message.subject), Charset: 'UTF-8' },
              Body: {
                Html: { Data: message.html, Charset: 'UTF-8' },
                Text: { Data: message.text, Charset: 'UTF-8' },
              },
              ...(message.attachments?.length
              ? {
                  Attachments: message.attachments.map((a) => ({
                    FileName: a.filename,
                    ContentType: a.contentType,
                    ContentDisposition: 'ATTACHMENT' as const,
                    ContentTransferEncoding: 'BASE64' as const,
                    RawContent: a.content,
                  })),
                }
                : {}),
            },
          },
        }),
      );
    } catch (error) {
      metrics.addMetric(AppMetric.MailFailures, MetricUnit.Count, 1);
      throw error;
    }
  }
}
