import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { exampleFor, registerFreshMember, type MemberRegistry } from './members.js';

export { exampleFor, freshOrganisationNumber, registerFreshMember, type MemberRegistry } from './members.js';

/** Helpers that act as the applicant and the reviewer would: over HTTP and through the mailbox. */
export const exampleFull = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as {
  type: 'full';
  organisation: { organisationNumber: string; name: string; town: string };
  contact: { name: string; email: string };
  answers: Record<string, unknown>;
};

export interface CapturedMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}

export interface FlowSystem {
  baseUrl: string;
  fetchApp(path: string, init?: RequestInit): Promise<Response>;
  mails(): Promise<CapturedMail[]>;
  waitForMail(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
}

export function linkIn(mail: CapturedMail, kind: 'review' | 'status' | 'complete' | 'apply' | 'confirm'): string {
  const text = `${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
  const pattern = kind === 'apply' ? /https?:\/\/[^\s"<>]+\/apply\?[^\s"<>]+/ : new RegExp(`https?://[^\\s"<>]+/${kind}/[A-Za-z0-9_-]{43}`);
  const match = pattern.exec(text);
  if (!match) throw new Error(`No ${kind} link in mail "${mail.subject}"`);
  return match[0].replaceAll('&amp;', '&');
}

/** The path of an absolute link on the system (links point at the system's own address). */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

export const isTo = (address: string) => (mail: CapturedMail) => mail.destination.to.includes(address);

/**
 * Submits the example application as JSON, for a fresh member of its own (registered under the
 * given name) unless an organisation number is given.
 */
export async function submitExample(
  system: FlowSystem & MemberRegistry,
  overrides: { name?: string; organisationNumber?: string } = {},
): Promise<{ id: string; statusUrl: string; organisationNumber: string }> {
  const organisationNumber =
    overrides.organisationNumber ?? (await registerFreshMember(system, overrides.name ? { name: overrides.name } : {})).organisationNumber;
  const body = exampleFor(organisationNumber, overrides.name);
  const response = await system.fetchApp('/applications', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return { ...((await response.json()) as { id: string; statusUrl: string }), organisationNumber };
}

/** Waits for the reviewer's invitation for an application and returns the link. */
export async function reviewerLinkFor(system: FlowSystem, applicationId: string, reviewer: string, subjectPart = 'granska'): Promise<string> {
  const mail = await system.waitForMail(
    (m) => m.destination.to.includes(reviewer) && m.subject.includes(applicationId) && m.subject.toLowerCase().includes(subjectPart.toLowerCase()),
  );
  return linkIn(mail, 'review');
}

export async function decide(system: FlowSystem, reviewLink: string, decision: string, comment?: string): Promise<Response> {
  const form = new URLSearchParams({ decision, ...(comment ? { comment } : {}) });
  return system.fetchApp(pathOf(reviewLink), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}
