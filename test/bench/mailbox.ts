import { getStoreReadonly, type Email } from 'aws-ses-v2-local/dist/store.js';
import { performance } from 'node:perf_hooks';
import { sleep } from './stats.js';

/**
 * Watches the local mailbox without disturbing what is measured. The local SES keeps its mailbox
 * in a module-level store (see packages/cdk-local-runner/src/local-mail.ts), and the system runs in this process, so
 * the store is read directly: polling `GET /store` would serialise every captured email (hundreds
 * of HTML bodies) many times a second on the same event loop as the handlers under test.
 * `verifyAgainst` checks once per phase that this really is the mailbox the system writes to.
 */
export type MailKind = 'acknowledgement' | 'invitation' | 'partner' | 'certificate' | 'other';

export interface SeenMail {
  kind: MailKind;
  applicationId: string | undefined;
  email: Email;
  /** performance.now() when the watcher first saw it. */
  seenAt: number;
}

const applicationIdIn = /A-\d{8}-[0-9A-HJKMNP-TV-Z]{6}/;

export function classify(email: Email): MailKind {
  if (email.subject.startsWith('Vi har tagit emot er ansökan')) return 'acknowledgement';
  if (email.subject.startsWith('Ny ansökan att granska') || email.subject.startsWith('Revidering att granska')) return 'invitation';
  if (email.subject.startsWith('Bekräfta samverkan')) return 'partner';
  if (email.subject.startsWith('Grattis!') && /QM-\d{4}-\d{4}/.test(email.subject)) return 'certificate';
  return 'other';
}

export class MailWatcher {
  private readonly seen: SeenMail[] = [];
  private index = 0;

  /** Picks up emails captured since the last call; returns the new ones. */
  poll(): SeenMail[] {
    const emails = getStoreReadonly().emails;
    if (emails.length < this.index) this.index = 0; // the store was cleared
    const now = performance.now();
    const fresh = emails.slice(this.index).map((email) => ({
      kind: classify(email),
      applicationId: applicationIdIn.exec(email.subject)?.[0],
      email,
      seenAt: now,
    }));
    this.index = emails.length;
    this.seen.push(...fresh);
    return fresh;
  }

  all(): readonly SeenMail[] {
    this.poll();
    return this.seen;
  }

  find(kind: MailKind, applicationId: string): SeenMail | undefined {
    return this.all().find((m) => m.kind === kind && m.applicationId === applicationId);
  }

  /** Polls every `intervalMs` until `done()` holds; throws after `timeoutMs` or once `signal` aborts. */
  async until(done: () => boolean, what: string, timeoutMs: number, intervalMs = 2, signal?: AbortSignal): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      this.poll();
      if (done()) return;
      if (signal?.aborted) throw new Error(`Stopped waiting for ${what}`);
      if (performance.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(intervalMs);
    }
  }

  /** Waits for the first email of `kind` about `applicationId`. */
  async waitFor(kind: MailKind, applicationId: string, timeoutMs: number, signal?: AbortSignal): Promise<SeenMail> {
    let found: SeenMail | undefined;
    await this.until(() => (found = this.find(kind, applicationId)) !== undefined, `the ${kind} email for ${applicationId}`, timeoutMs, 2, signal);
    return found!;
  }

  /** Fails if the in-process store is not the one the system's SES endpoint serves. */
  async verifyAgainst(list: () => Promise<Email[]>): Promise<void> {
    const served = (await list()).map((e) => e.messageId);
    const here = new Set(getStoreReadonly().emails.map((e) => e.messageId));
    const missing = served.filter((id) => !here.has(id));
    if (missing.length > 0) {
      throw new Error(`The in-process mail store misses ${missing.length} of ${served.length} captured emails: it is not the system's mailbox`);
    }
  }
}
