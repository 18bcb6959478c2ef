import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as applicationsCli } from '../../functions/cli/applications.cli.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { exampleFull, isTo, reviewerLinkFor, submitExample } from '../helpers/application-flow.js';
import type { StoredHistoryEntry } from '../../functions/domain/application-record.js';
import { historyText } from '../../functions/templates/history-messages.js';

// Failures that heal or page someone, on the local system: SES down for longer than the workflow
// retries, and a reviewer address that bounces (simulated by the mail fault proxy, delivered
// through the SES-event rule of the template).
const reviewer = 'granskare@stadskarnor.example';
const programmeContact = 'qm-ansvarig@stadskarnor.example';
const operator = 'drift@stadskarnor.example';
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({
    env: { REVIEWER_EMAILS: reviewer, PROGRAMME_CONTACT_EMAIL: programmeContact, OPERATOR_EMAIL: operator },
    timeOverrides: { retryIntervalSeconds: 0.02 },
  });
});
afterAll(async () => {
  await system?.stop();
});

async function item(pk: string, sk: string) {
  const { Item } = await system.documentClient.send(new GetCommand({ TableName: system.tableName, Key: { pk, sk } }));
  return Item;
}
const application = (id: string) => item(`APP#${id}`, 'APP') as Promise<{ status: string; heldFrom?: string; history: StoredHistoryEntry[] } | undefined>;

describe('SES failing for longer than the retries', () => {
  it('puts the application on hold, alerts the operator by SNS, and the retry continues it to the reviewer mail', async () => {
    // Prepare: every send fails, far beyond the workflow's retries
    system.mail.failNextSends(1_000_000, 'server');
    const { id } = await submitExample(system, { name: 'Tystpost City' });

    // Act: the acknowledgement step gives up
    const execution = await system.waitForExecution(id, (e) => e.status !== 'RUNNING', 60_000);

    // Assess: recoverable, not failed; the alert came by SNS (SES was down); nothing was mailed
    expect(execution.status).toBe('FAILED');
    const held = await application(id);
    expect(held?.status).toBe('on_hold');
    expect(held?.heldFrom).toBe('submitted');
    expect(held?.history.at(-1)).toMatchObject({ from: 'submitted', to: 'on_hold', actor: 'system' });
    expect(system.alerts.filter((a) => a.message.includes(id))).toHaveLength(1);
    const alert = await system.waitForMail((m) => isTo(operator)(m) && m.subject.includes(id));
    expect(alert.body.text).toContain(`npm run applications -- resume ${id}`);
    expect((await system.mails()).some((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id))).toBe(false);

    // Act: SES works again; the operator resumes the application
    system.mail.failNextSends(0);
    const exitCode = await applicationsCli(['resume', id]);

    // Assess: acknowledged once, and the reviewer got the invitation
    expect(exitCode).toBe(0);
    await reviewerLinkFor(system, id, reviewer);
    const resumed = await application(id);
    expect(resumed?.status).toBe('in_review');
    expect(resumed?.history.map((h) => h.to)).toEqual(['submitted', 'on_hold', 'submitted', 'acknowledged', 'in_review']);
    expect((await system.mails()).filter((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id))).toHaveLength(1);
  });

  it('refuses to resume an application that does not exist', async () => {
    expect(await applicationsCli(['resume', 'A-19990101-NOPE1'])).toBe(1);
  });
});

describe('a reviewer address that bounces', () => {
  it('is marked undeliverable, noted on the application and reported to the programme contact', async () => {
    // Prepare: the reviewer's mailbox is gone
    system.mail.bounce([reviewer]);
    // Act
    const { id } = await submitExample(system, { name: 'Studsstad City' });
    // Assess
    const report = await system.waitForMail((m) => isTo(programmeContact)(m) && m.subject.includes('Obeställbar adress'));
    expect(report.body.text).toContain(reviewer);
    expect(report.body.text).toContain(id);
    const marked = await item(`ADDRESS#${reviewer}`, 'DELIVERABILITY');
    expect(marked).toMatchObject({ state: 'undeliverable', applicationId: id, reason: 'Bounce: Permanent' });
    const noted = await application(id);
    const note = noted?.history.find((h) => h.event === 'mail_undeliverable');
    expect(note).toMatchObject({ actor: 'system', params: { recipient: 'reviewer', kind: 'bounce', bounceType: 'Permanent' } });
    expect(historyText(note!, 'sv')).toBe('E-post till en granskare kunde inte levereras (Permanent)');
    // The applicant reads the history: the note names the role, not the address
    expect(JSON.stringify(note)).not.toContain(reviewer);
    system.mail.bounce([]);
  });
});
