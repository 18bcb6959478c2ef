import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/local-aws.js';
import { startLocalMail, type LocalMail } from '../../infra/local/local-mail.js';

let mail: LocalMail;
let ses: SESv2Client;

beforeAll(async () => {
  mail = await startLocalMail({ port: 0 });
  ses = new SESv2Client({ endpoint: mail.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
});
afterAll(async () => {
  ses.destroy();
  await mail.stop();
});
beforeEach(() => mail.clear());

const send = (subject: string) =>
  ses.send(
    new SendEmailCommand({
      FromEmailAddress: 'qm@stadskarnor.example',
      Destination: { ToAddresses: ['someone@example.org'] },
      Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: 'Hej' } } } },
    }),
  );

describe('local mail', () => {
  it('stores what the SESv2 client sends; clear() empties the store', async () => {
    await send('first');
    const [email] = await mail.list();
    expect(email).toMatchObject({ subject: 'first', destination: { to: ['someone@example.org'] }, body: { text: 'Hej' } });
    await mail.clear();
    expect(await mail.list()).toEqual([]);
  });

  it('fails the next N send requests; the SDK retries (3 attempts) absorb fewer than 3', async () => {
    mail.failNextSends(2);
    await send('after two throttles');
    expect((await mail.list()).map((e) => e.subject)).toEqual(['after two throttles']);

    mail.failNextSends(3);
    await expect(send('lost')).rejects.toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429, attempts: 3 } });
    expect((await mail.list()).map((e) => e.subject)).toEqual(['after two throttles']);
  });

  it('offers the same switch over HTTP, with server errors as the other kind', async () => {
    const set = await fetch(`${mail.endpoint}/__faults`, { method: 'POST', body: JSON.stringify({ failNextSends: 3, kind: 'server' }) });
    expect(await set.json()).toEqual({ failNextSends: 3, kind: 'server' });
    await expect(send('lost')).rejects.toMatchObject({ $metadata: { httpStatusCode: 500, attempts: 3 } });
    expect(await (await fetch(`${mail.endpoint}/__faults`)).json()).toEqual({ failNextSends: 0, kind: 'server' });
    expect((await fetch(`${mail.endpoint}/__faults`, { method: 'POST', body: '{"failNextSends":-1}' })).status).toBe(400);
    await send('works again');
    expect((await mail.list()).map((e) => e.subject)).toEqual(['works again']);
  });

  it('serves the mailbox page and the store through the proxy', async () => {
    expect((await fetch(`${mail.endpoint}/`)).status).toBe(200);
    expect(await (await fetch(`${mail.endpoint}/store`)).json()).toMatchObject({ emails: [] });
  });
});
