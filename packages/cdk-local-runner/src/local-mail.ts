import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { close, listen, readBody, sendJson } from './http-util.js';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-aws.js';
import { renderMailbox } from './mailbox-page.js';

export type { Email };

/**
 * SES for the local system: aws-ses-v2-local runs in process on an internal loopback port, and a
 * small proxy on the public mail port forwards to it. The proxy exists for fault injection: it can
 * answer the next N *send* requests (SES v1 SendEmail/SendRawEmail, SESv2 outbound-emails and
 * outbound-bulk-emails) with a retryable error, so tests can exercise retries and failure paths.
 *
 * N counts HTTP requests, not SendEmail calls: the AWS SDK retries retryable errors itself
 * (3 attempts in all by default), so `failNextSends(1)` or `(2)` is absorbed by the SDK and the
 * send still succeeds; `failNextSends(3)` makes one SendEmail call fail after its retries.
 *
 * It can also simulate dead mailboxes: a send to an address given to `bounce([...])` is accepted
 * (as SES accepts it) and then reported as a permanent bounce through `onMailEvent`, shaped like
 * SES's "Email Bounced" EventBridge event, with the mail's tags and configuration set.
 *
 * Also over HTTP: `POST /__faults {"failNextSends": 3, "kind": "throttling" | "server"}` or
 * `{"bounce": ["x@example.se"]}`, `GET /__faults`. The web mailbox is at `/` (our own page, mailbox-page.ts), the JSON store at
 * `GET /store`, `POST /clear-store` empties it, and `GET /attachments/<messageId>/<n>` serves an
 * attachment.
 *
 * With `storeFile`, the mailbox survives restarts: it is loaded from that file at start (replacing
 * whatever this process held) and written after every send and clear, so the private links in
 * pending mails stay reachable.
 *
 * aws-ses-v2-local keeps its mailbox in a module-level store: all instances in one process share
 * it. Run one local system per process (vitest runs each test file in its own process).
 */
export type MailFaultKind = 'throttling' | 'server';

export interface LocalMailOptions {
  port?: number;
  host?: string;
  /** Receives the SES events (bounces) the proxy simulates, as EventBridge would deliver them. */
  onMailEvent?: (event: SesEvent) => void;
  /** A JSON file the captured mail is kept in across restarts (e.g. <data dir>/mail.json). */
  storeFile?: string;
}

/** An SES event as EventBridge delivers it (the fields this system reads, and a few more). */
export interface SesEvent {
  version: '0';
  id: string;
  'detail-type': 'Email Bounced';
  source: 'aws.ses';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: {
    eventType: 'Bounce';
    bounce: { bounceType: 'Permanent'; bounceSubType: 'General'; bouncedRecipients: { emailAddress: string; action: 'failed'; status: string; diagnosticCode: string }[]; timestamp: string; feedbackId: string };
    mail: { timestamp: string; source: string; messageId: string; destination: string[]; tags: Record<string, string[]> };
  };
}

/**
 * aws-ses-v2-local's store module: the same CommonJS instance the server uses (require's cache is
 * keyed by file), so mail put back here is what its `/store` serves.
 */
interface SesStore {
  getStoreReadonly(): { emails: Email[] };
  clearStore(): void;
}
const sesStore = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as SesStore;

function loadStore(file: string): void {
  sesStore.clearStore();
  if (!existsSync(file)) return;
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { emails?: Email[] };
  // The store's own save function would also forward to SMTP when configured: these were sent already.
  sesStore.getStoreReadonly().emails.push(...(saved.emails ?? []));
}

/**
 * Keeps the mailbox on disk. Rewriting the whole file synchronously after every send blocked the one
 * event loop the whole local system shares (a few milliseconds per mail, growing with the mailbox),
 * so saves are coalesced: at most one write in flight, and one more after it when mail arrived
 * meanwhile. `flush()` waits for the last one (on stop). Each write is whole or not at all.
 */
function storeWriter(file: string) {
  let writing: Promise<void> | undefined;
  let again = false;
  async function write(): Promise<void> {
    do {
      again = false;
      await mkdir(path.dirname(file), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ emails: sesStore.getStoreReadonly().emails }));
      await rename(temporary, file);
    } while (again);
  }
  return {
    save(): void {
      if (writing) {
        again = true;
        return;
      }
      writing = write().finally(() => (writing = undefined));
      writing.catch((error: unknown) => console.error(`local mailbox: could not save ${file}:`, error));
    },
    async flush(): Promise<void> {
      while (writing) await writing.catch(() => undefined);
    },
  };
}

export interface LocalMail {
  endpoint: string;
  port: number;
  list(): Promise<Email[]>;
  clear(): Promise<void>;
  /** The next `count` send requests fail: 'throttling' (default; 429 / Throttling) or 'server' (500). */
  failNextSends(count: number, kind?: MailFaultKind): void;
  /** From now on, mail to these addresses bounces (permanently); `[]` ends it. */
  bounce(addresses: string[]): void;
  /** Puts a message straight into the mailbox, past the fault proxy (SNS email delivery uses it). */
  deliverDirect(to: string, from: string, subject: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

type SesServerFactory = (config?: { host?: string; port?: number }) => Promise<http.Server>;

export async function startLocalMail(options: LocalMailOptions = {}): Promise<LocalMail> {
  // CommonJS package: depending on the loader, the factory is the default export or its `.default`.
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: SesServerFactory | { default: SesServerFactory } };
  const createSesServer = typeof mod.default === 'function' ? mod.default : mod.default.default;
  if (options.storeFile) loadStore(options.storeFile);
  const store = options.storeFile ? storeWriter(options.storeFile) : undefined;
  const sesServer = await createSesServer({ host: '127.0.0.1', port: 0 });
  const internalPort = (sesServer.address() as { port: number }).port;

  const faults = { remaining: 0, kind: 'throttling' as MailFaultKind, bouncing: new Set<string>() };
  const proxy = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 502, { message: `local mail proxy: ${String(err)}` });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://local');
    if (url.pathname === '/__faults') {
      if (req.method === 'POST') {
        const parsed = JSON.parse(body.toString('utf8') || '{}') as { failNextSends?: unknown; kind?: unknown; bounce?: unknown };
        if (parsed.bounce !== undefined) {
          if (!Array.isArray(parsed.bounce) || !parsed.bounce.every((a) => typeof a === 'string')) {
            return sendJson(res, 400, { message: 'expected {"bounce": ["address", …]}' });
          }
          bounce(parsed.bounce as string[]);
          return sendJson(res, 200, { bounce: [...faults.bouncing] });
        }
        const count = Number(parsed.failNextSends ?? 0);
        const kind = parsed.kind ?? 'throttling';
        if (!Number.isInteger(count) || count < 0 || (kind !== 'throttling' && kind !== 'server')) {
          return sendJson(res, 400, { message: 'expected {"failNextSends": <integer >= 0>, "kind"?: "throttling" | "server"}' });
        }
        failNextSends(count, kind);
      }
      return sendJson(res, 200, { failNextSends: faults.remaining, kind: faults.kind });
    }
    if (req.method === 'GET' && url.pathname === '/') {
      const page = renderMailbox(sesStore.getStoreReadonly().emails, options.storeFile);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(page) });
      return res.end(page);
    }
    const attachment = req.method === 'GET' ? /^\/attachments\/([^/]+)\/(\d+)$/.exec(url.pathname) : null;
    if (attachment) {
      const email = sesStore.getStoreReadonly().emails.find((e) => e.messageId === decodeURIComponent(attachment[1]!));
      const file = email?.attachments[Number(attachment[2])];
      if (!file) return sendJson(res, 404, { message: 'No such attachment' });
      const content = Buffer.from(file.content, 'base64');
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': content.length,
        'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(file.filename ?? 'bilaga')}`,
      });
      return res.end(content);
    }
    const send = sendKind(req.method, url.pathname, body);
    if (send && faults.remaining > 0) {
      faults.remaining--;
      return writeFault(res, send, faults.kind);
    }
    await forward(req, body, res, internalPort);
    if (send === 'v2' && faults.bouncing.size > 0 && res.statusCode < 300) simulateBounce(body);
    const changesStore = send || (req.method === 'POST' && url.pathname === '/clear-store');
    if (changesStore) store?.save();
  }

  function bounce(addresses: string[]) {
    faults.bouncing = new Set(addresses.map((a) => a.toLowerCase()));
  }

  /** SES accepted the mail; the receiving server later says the mailbox does not exist. */
  function simulateBounce(body: Buffer) {
    const request = JSON.parse(body.toString('utf8')) as {
      FromEmailAddress?: string;
      Destination?: { ToAddresses?: string[] };
      EmailTags?: { Name: string; Value: string }[];
      ConfigurationSetName?: string;
    };
    const destination = request.Destination?.ToAddresses ?? [];
    const bounced = destination.filter((a) => faults.bouncing.has(a.toLowerCase()));
    if (bounced.length === 0 || !options.onMailEvent) return;
    const now = new Date().toISOString();
    const tags: Record<string, string[]> = Object.fromEntries((request.EmailTags ?? []).map((t) => [t.Name, [t.Value]]));
    if (request.ConfigurationSetName) tags['ses:configuration-set'] = [request.ConfigurationSetName];
    const event: SesEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Email Bounced',
      source: 'aws.ses',
      account: LOCAL_ACCOUNT,
      time: now,
      region: LOCAL_REGION,
      resources: [],
      detail: {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: bounced.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1 user unknown (local simulation)' })),
          timestamp: now,
          feedbackId: randomUUID(),
        },
        mail: { timestamp: now, source: request.FromEmailAddress ?? '', messageId: `local-${randomUUID()}`, destination, tags },
      },
    };
    // Asynchronous, as in AWS: the send has already been answered.
    setImmediate(() => options.onMailEvent?.(event));
  }

  async function deliverDirect(to: string, from: string, subject: string, text: string) {
    const res = await fetch(`http://127.0.0.1:${internalPort}/v2/email/outbound-emails`, {
      method: 'POST',
      // aws-ses-v2-local wants some AWS authorisation header, and checks nothing more.
      headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=local/sns' },
      body: JSON.stringify({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject }, Body: { Text: { Data: text } } } },
      }),
    });
    if (!res.ok) throw new Error(`local mailbox refused a direct delivery: ${res.status}`);
    store?.save();
  }

  function failNextSends(count: number, kind: MailFaultKind = 'throttling') {
    faults.remaining = count;
    faults.kind = kind;
  }

  const port = await listen(proxy, options.port ?? 8005, options.host);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    failNextSends,
    bounce,
    deliverDirect,
    async list() {
      const res = await fetch(`${endpoint}/store`);
      return ((await res.json()) as { emails: Email[] }).emails;
    },
    async clear() {
      await fetch(`${endpoint}/clear-store`, { method: 'POST' });
    },
    async stop() {
      await close(proxy);
      await close(sesServer);
      await store?.flush();
    },
  };
}

/** Which SES API a request sends mail with, if it sends mail at all. */
function sendKind(method: string | undefined, pathname: string, body: Buffer): 'v1' | 'v2' | undefined {
  if (method !== 'POST') return undefined;
  if (pathname === '/v2/email/outbound-emails' || pathname === '/v2/email/outbound-bulk-emails') return 'v2';
  if (pathname === '/') {
    const action = new URLSearchParams(body.toString('utf8')).get('Action');
    if (action === 'SendEmail' || action === 'SendRawEmail') return 'v1';
  }
  return undefined;
}

/** Errors shaped like SES's own, so the SDK classifies them as retryable. */
function writeFault(res: ServerResponse, api: 'v1' | 'v2', kind: MailFaultKind) {
  const requestId = randomUUID();
  const [status, code, message] =
    kind === 'throttling'
      ? [api === 'v2' ? 429 : 400, api === 'v2' ? 'TooManyRequestsException' : 'Throttling', 'Maximum sending rate exceeded.']
      : [500, 'InternalFailure', 'Internal failure (local fault injection).'];
  if (api === 'v2') {
    const text = JSON.stringify({ message });
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': requestId });
    res.end(text);
  } else {
    const type = kind === 'throttling' ? 'Sender' : 'Receiver';
    res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': requestId });
    res.end(
      `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>${type}</Type>` +
        `<Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  }
}

function forward(req: IncomingMessage, body: Buffer, res: ServerResponse, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
      up.on('end', resolve);
      up.on('error', reject);
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}
