import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailMessage, Mailer } from '../domain/email-message.js';
import { singleLineText } from '../domain/text-rules.js';

/**
 * Sends mail with SES v2 (locally: aws-ses-v2-local). SDK retries cover brief throttling.
 * Attachments go through the Simple content's Attachments (SES builds the MIME message), which
 * aws-ses-v2-local supports too: no hand-built raw MIME.
 */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly from: string,
    private readonly configurationSetName?: string,
  ) {}

  async send(message: EmailMessage): Promise<void> {
    await this.ses.send(
      new SendEmailCommand({
        FromEmailAddress: this.from,
        Destination: { ToAddresses: message.to },
        ReplyToAddresses: message.replyTo,
        ConfigurationSetName: this.configurationSetName,
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
  }
}
