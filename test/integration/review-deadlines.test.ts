import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LifecycleState } from '../../workflows/application-lifecycle.workflow.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { confirmAndApprove, decide, exampleFor, exampleFull, isTo, linkIn, pathOf, registerFreshMember, reviewerLinkFor, submitExample } from '../helpers/application-flow.js';
import { paths } from '../../functions/http/paths.js';

// A step that keeps failing (on hold, alert, resume): see operations.test.ts.

// Long waits made short: the local runner overrides the callback timeouts by state name; the
// definition keeps its real 7 and 60 days.
const reviewer = 'granskare@stadskarnor.example';
const programmeContact = 'qm-ansvarig@stadskarnor.example';
const operator = 'drift@stadskarnor.example';
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({
    env: { REVIEWER_EMAILS: reviewer, PROGRAMME_CONTACT_EMAIL: programmeContact, OPERATOR_EMAIL: operator },
    timeOverrides: {
      taskTimeoutSeconds: { [LifecycleState.AwaitReviewDecision]: 1.5, [LifecycleState.AwaitCompletion]: 1.5, [LifecycleState.AwaitMemberConfirmation]: 1.5 },
      retryIntervalSeconds: 0.05,
    },
  });
});
afterAll(async () => {
  await system?.stop();
});

async function status(id: string): Promise<string> {
  const { Item } = await system.documentClient.send(new GetCommand({ TableName: system.env.TABLE_NAME, Key: { pk: `APP#${id}`, sk: 'APP' } }));
  return Item?.status as string;
}

describe('an unanswered review', () => {
  it('reminds the reviewers three times, escalates, then ends recorded and alerted; the link then gets 410', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Tystnadsstad City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    // Act: nobody answers
    const execution = await system.waitForExecution(id, (e) => e.status !== 'RUNNING', 30_000);
    // Assess
    expect(execution.status).toBe('FAILED');
    const mails = await system.mails();
    const reminders = mails.filter((m) => isTo(reviewer)(m) && m.subject.startsWith('Påminnelse') && m.subject.includes(id));
    expect(reminders.map((m) => m.subject.slice(0, 12))).toEqual(['Påminnelse 1', 'Påminnelse 2', 'Påminnelse 3']);
    expect(mails.filter((m) => isTo(programmeContact)(m) && m.subject.startsWith('Obesvarad granskning') && m.subject.includes(id))).toHaveLength(1);
    expect(mails.some((m) => isTo(operator)(m) && m.subject.includes(id))).toBe(true);
    expect(await status(id)).toBe('failed');
    const page = await system.fetchApp(pathOf(link));
    expect(page.status).toBe(410);
    expect((await decide(system, link, 'approve')).status).toBe(410);
  });

  it('a decision made between reminders is not lost', async () => {
    const { id } = await submitExample(system, { name: 'Mellanstad City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    await system.waitForMail((m) => isTo(reviewer)(m) && m.subject.startsWith('Påminnelse 1') && m.subject.includes(id));
    expect((await confirmAndApprove(system, id, link)).status).toBe(200);
    const execution = await system.waitForExecution(id, (e) => e.status !== 'RUNNING', 30_000);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('certified');
  });
});

describe('the completion deadline', () => {
  it('closes the application as expired and tells the applicant; the completion link then gets 410', async () => {
    const { id } = await submitExample(system, { name: 'Senstad City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    await decide(system, link, 'request_completion', 'Skicka budgeten.');
    const request = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('Komplettering') && m.subject.includes(id));
    const execution = await system.waitForExecution(id, (e) => e.status !== 'RUNNING', 30_000);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('expired');
    await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('har avslutats') && m.subject.includes(id));
    expect((await system.fetchApp(pathOf(linkIn(request, 'complete')))).status).toBe(410);
  });
});

describe('the member confirmation deadline', () => {
  it('closes an application the member did not confirm in time as expired; the link then gets 410', async () => {
    // Prepare: an application from an address the member has not registered
    const member = await registerFreshMember(system, { emails: ['kansliet@tystmedlem.example'] });
    const body = { ...exampleFor(member.organisationNumber), contact: { ...exampleFull.contact, email: 'okand@tystmedlem.example' } };
    const response = await system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const { id } = (await response.json()) as { id: string };
    const link = linkIn(await system.waitForMail((m) => isTo('kansliet@tystmedlem.example')(m) && m.subject.includes(id)), 'confirm');

    // Act: nobody answers
    const execution = await system.waitForExecution(id, (e) => e.status !== 'RUNNING', 30_000);

    // Assess
    expect(response.status).toBe(202);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await status(id)).toBe('expired');
    expect((await system.fetchApp(pathOf(link))).status).toBe(410);
    const late = await system.fetchApp(pathOf(link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=confirm' });
    expect(late.status).toBe(410);
    expect((await system.mails()).some((m) => isTo('okand@tystmedlem.example')(m))).toBe(false);
  });
});
