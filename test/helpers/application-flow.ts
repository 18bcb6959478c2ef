import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Answers } from '../../functions/domain/application.schema.js';
import { criteriaCatalogue } from '../../functions/domain/criteria-catalogue.js';
import { paths } from '../../functions/http/paths.js';
import { exampleFor, registerFreshMember, type MemberRegistry } from './members.js';

export { exampleFor, freshOrganisationNumber, registerFreshMember, type MemberRegistry } from './members.js';

/** Helpers that act as the applicant and the reviewer would: over HTTP and through the mailbox. */
export const exampleFull = JSON.parse(readFileSync('examples/application-full.json', 'utf8')) as {
  type: 'full';
  organisation: { organisationNumber: string; name: string; town: string };
  contact: { name: string; email: string };
  partners: { role: string; organisation: string; name: string; email: string }[];
  answers: Answers;
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

export function linkIn(mail: CapturedMail, kind: 'review' | 'status' | 'complete' | 'apply' | 'confirm' | 'partner'): string {
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
  const response = await system.fetchApp(paths.applications, {
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

/** An assessment of every criterion as `value` (criteria that do not apply to the application are ignored). */
export function assessEvery(value: 'met' | 'partly' | 'not_met', exceptions: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries(criteriaCatalogue.criteria.map((c) => [`criterion.${c.id}`, exceptions[c.id] ?? value]));
}

/**
 * Posts a decision the way a reviewer's form does, with an assessment that the decision's rules
 * accept unless one is given: approve assesses every criterion met, a completion finds the
 * financing partly met.
 */
export async function decide(system: FlowSystem, reviewLink: string, decision: string, comment?: string, assessment?: Record<string, string>): Promise<Response> {
  const assessed =
    assessment ?? (decision === 'approve' ? assessEvery('met') : decision === 'request_completion' ? assessEvery('met', { financingByAgreement: 'partly' }) : {});
  const form = new URLSearchParams({ decision, ...(comment ? { comment } : {}), ...assessed });
  return system.fetchApp(pathOf(reviewLink), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}

/** The request mail to one partner of an application (the first, or reminder `n`). */
export async function partnerMailFor(system: FlowSystem, applicationId: string, partnerEmail: string, reminder?: number): Promise<CapturedMail> {
  return system.waitForMail(
    (m) => m.destination.to.includes(partnerEmail) && m.subject.includes(applicationId) && (reminder ? m.subject.startsWith(`Påminnelse ${reminder}:`) : !m.subject.startsWith('Påminnelse')),
  );
}

export async function answerAsPartner(system: FlowSystem, partnerLink: string, decision: 'confirm' | 'decline', comment?: string): Promise<Response> {
  return system.fetchApp(pathOf(partnerLink), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision, ...(comment ? { comment } : {}) }).toString(),
  });
}

/** Every partner of the example application confirms from the link in their mail. */
export async function confirmPartners(system: FlowSystem, applicationId: string, partners = exampleFull.partners): Promise<void> {
  for (const partner of partners) {
    const response = await answerAsPartner(system, linkIn(await partnerMailFor(system, applicationId, partner.email), 'partner'), 'confirm');
    expect(response.status).toBe(200);
  }
}

/** The partners confirm, then the reviewer approves with every criterion met. */
export async function confirmAndApprove(system: FlowSystem, applicationId: string, reviewLink: string): Promise<Response> {
  await confirmPartners(system, applicationId);
  return decide(system, reviewLink, 'approve');
}
