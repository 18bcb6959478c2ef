import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../src/local-aws.js';
import { startLocalMail, type LocalMail } from '../src/local-mail.js';

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

  it('shows the links of a mail as links that open in a new tab, in the text and in the HTML view', async () => {
    // Prepare
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'qm@stadskarnor.example',
        Destination: { ToAddresses: ['granskare@stadskarnor.example'] },
        Content: {
          Simple: {
            Subject: { Data: 'Ny ansökan att granska' },
            Body: {
              Text: { Data: 'Granska ansökan: http://localhost:3000/review/abc.' },
              Html: { Data: '<html><head><title>t</title></head><body><a href="http://localhost:3000/review/abc">Granska ansökan</a></body></html>' },
            },
            Attachments: [{ FileName: 'Certifikat QM-2026-0001.pdf', ContentType: 'application/pdf', RawContent: Buffer.from('%PDF-1.7 test') }],
          },
        },
      }),
    );
    // Act
    const page = (await (await fetch(`${mail.endpoint}/`)).text()).replace(/&#x2F;/g, '/').replace(/&#x3D;/g, '=');
    // Assess: the full stop after the address is not part of the link
    expect(page).toContain('<a href="http://localhost:3000/review/abc" target="_blank" rel="noopener">http://localhost:3000/review/abc</a>.');
    expect(page).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    expect(page).toContain('&lt;head&gt;&lt;base target=&quot;_blank&quot;&gt;');
    const href = /<a href="(\/attachments\/[^"]+)"[^>]*>Certifikat QM-2026-0001\.pdf<\/a>/.exec(page)?.[1];
    const pdf = await fetch(`${mail.endpoint}${href}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(await pdf.text()).toBe('%PDF-1.7 test');
  });
});

describe('local mail kept in a file', () => {
  it('loads the mailbox from its file at start, and has every send in it once stopped, a burst included', async () => {
    // Prepare: a file from an earlier run with one mail
    await mail.stop();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'qm-mail-'));
    const storeFile = path.join(dir, 'mail.json');
    const earlier = { messageId: 'm-1', from: 'qm@stadskarnor.example', replyTo: [], destination: { to: ['kim@exempelstad.example'], cc: [], bcc: [] }, subject: 'Från förra körningen', body: { text: 'Hej' }, attachments: [], at: 1 };
    writeFileSync(storeFile, JSON.stringify({ emails: [earlier] }));
    try {
      // Act
      mail = await startLocalMail({ port: 0, storeFile });
      ses = new SESv2Client({ endpoint: mail.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      const loaded = (await mail.list()).map((e) => e.subject);
      await send('efter omstarten');
      const burst = Array.from({ length: 20 }, (_, i) => `samtidigt ${i}`);
      await Promise.all(burst.map((subject) => send(subject)));
      await mail.stop(); // saves are coalesced; stopping waits for the last
      // Assess
      expect(loaded).toEqual(['Från förra körningen']);
      const saved = JSON.parse(readFileSync(storeFile, 'utf8')) as { emails: { subject: string }[] };
      expect(saved.emails.map((e) => e.subject).slice(0, 2)).toEqual(['Från förra körningen', 'efter omstarten']);
      expect(saved.emails.map((e) => e.subject).slice(2).sort()).toEqual([...burst].sort());
    } finally {
      mail = await startLocalMail({ port: 0 }); // for afterAll

      rmSync(dir, { recursive: true, force: true });
    }
  });
});
