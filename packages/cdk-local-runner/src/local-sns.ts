import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, readBody } from './http-util.js';
import type { LocalTopic } from './cloud-assembly.js';

/**
 * SNS for the local system: `Publish` only (AWS Query protocol, as @aws-sdk/client-sns speaks it),
 * on the topics of the template. A topic's email subscriptions are emulated by handing each
 * message to `deliverEmail`, which puts it straight into the local mailbox: like in AWS, the
 * alert does not go through SES (nor through the mail fault proxy).
 */
export interface PublishedMessage {
  topicArn: string;
  subject?: string;
  message: string;
  at: Date;
}

export interface LocalSns {
  endpoint: string;
  port: number;
  published: PublishedMessage[];
  stop(): Promise<void>;
}

export interface LocalSnsOptions {
  topics: LocalTopic[];
  deliverEmail(to: string, subject: string, text: string): Promise<void>;
  port?: number;
  host?: string;
}

export async function startLocalSns(options: LocalSnsOptions): Promise<LocalSns> {
  const published: PublishedMessage[] = [];
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => writeError(res, 500, 'InternalFailure', String(err)));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const params = new URLSearchParams((await readBody(req, 1024 * 1024)).toString('utf8'));
    const action = params.get('Action');
    if (req.method !== 'POST' || action !== 'Publish') return writeError(res, 400, 'InvalidAction', `Unsupported action ${String(action)}`);
    const topicArn = params.get('TopicArn') ?? '';
    const topic = options.topics.find((t) => t.arn === topicArn);
    if (!topic) return writeError(res, 404, 'NotFound', `Topic does not exist: ${topicArn}`);
    const message = params.get('Message') ?? '';
    const subject = params.get('Subject') ?? undefined;
    published.push({ topicArn, subject, message, at: new Date() });
    // Delivery is SNS's business after Publish has answered, as in AWS.
    for (const to of topic.emailSubscribers) {
      options.deliverEmail(to, subject ?? 'AWS Notification Message', message).catch((err: unknown) => console.error(`local SNS: delivery to ${to} failed:`, err));
    }
    const messageId = randomUUID();
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }

  const port = await listen(server, options.port ?? 0, options.host);
  return { endpoint: `http://127.0.0.1:${port}`, port, published, stop: () => close(server) };
}

function writeError(res: ServerResponse, status: number, code: string, message: string) {
  if (res.headersSent) return res.destroy();
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(
    `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${message.replace(/[<&]/g, '')}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}
