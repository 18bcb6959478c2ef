import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import { addDays, addYears, stockholmDate } from '../../functions/domain/calendar-date.js';
import type { Member } from '../../functions/domain/member.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { confirmAndApprove, exampleFor, exampleFull, isTo, linkIn, pathOf, registerFreshMember, reviewerLinkFor, type CapturedMail } from '../helpers/application-flow.js';
import { paths } from '../../functions/http/paths.js';

// Certificates that can be trusted (issue 7), end to end on the local system: the member confirms
// who applies, one open application per organisation, validity never stacks, the public record
// uses the member register. Every mail the flows send is checked against who may get mail.
const reviewer = 'granskare@stadskarnor.example';
const staffAndOperator = [reviewer, 'qm-ansvarig@stadskarnor.example', 'drift@stadskarnor.example'];
const stranger = 'okand.person@annanstans.example';
let system: TestSystem;
/** Addresses the system has reason to trust, as the tests create them. */
const trusted = new Set<string>(staffAndOperator);
// The partners named by a trusted contact (registered or member-confirmed), mailed after acknowledgement.
for (const partner of exampleFull.partners) trusted.add(partner.email);

beforeAll(async () => {
  system = await startTestSystem({ env: { REVIEWER_EMAILS: reviewer } });
});
afterAll(async () => {
  await system?.stop();
});

async function member(overrides: Partial<Member> = {}): Promise<Member> {
  const registered = await registerFreshMember(system, overrides);
  registered.emails.forEach((e) => trusted.add(e));
  return registered;
}

const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const withContact = (organisationNumber: string, email: string) => ({ ...exampleFor(organisationNumber), contact: { ...exampleFull.contact, email } });

async function application(id: string) {
  const { Item } = await system.documentClient.send(new GetCommand({ TableName: system.tableName, Key: { pk: `APP#${id}`, sk: 'APP' } }));
  return Item as { status: string; contact: { email: string }; history: { to: string }[]; certificateId?: string; validFrom?: string; validUntil?: string } | undefined;
}

/** The organisation's applications, as stored (by the organisation index). */
async function applicationsOf(organisationNumber: string): Promise<number> {
  const { Count } = await system.documentClient.send(
    new QueryCommand({ TableName: system.tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `ORGAPP#${organisationNumber}` }, Select: 'COUNT' }),
  );
  return Count ?? 0;
}

const mailsAbout = async (id: string) => (await system.mails()).filter((m) => m.subject.includes(id));

async function certify(id: string): Promise<string> {
  expect((await confirmAndApprove(system, id, await reviewerLinkFor(system, id, reviewer))).status).toBe(200);
  await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
  return (await application(id))!.certificateId!;
}

describe('the member confirms who applies', () => {
  it('an application from an unregistered address waits for the member, who confirms it; then review starts', async () => {
    // Prepare
    const org = await member({ name: 'Bekräftelsestad City', emails: ['styrelsen@bekraftelsestad.example'] });

    // Act: a stranger's address applies
    const response = await postJson(withContact(org.organisationNumber, stranger));

    // Assess: 202, stored as awaiting confirmation, the member asked, nothing to the typed address
    expect(response.status).toBe(202);
    const receipt = (await response.json()) as { id: string; status: string };
    expect(receipt).toMatchObject({ status: 'awaiting_confirmation' });
    expect(receipt).not.toHaveProperty('statusUrl');
    const request = await system.waitForMail((m) => isTo('styrelsen@bekraftelsestad.example')(m) && m.subject.includes(receipt.id));
    expect(request.subject).toContain('Bekräfta');
    expect(request.body.text).toContain('Bekräftelsestad City');
    expect(request.body.text).toContain(exampleFull.contact.name);
    expect(request.body.text).toContain(stranger);
    expect((await application(receipt.id))!.status).toBe('awaiting_confirmation');
    await system.waitForExecution(receipt.id, (e) => e.status === 'RUNNING');
    const link = linkIn(request, 'confirm');

    // Act: a mail scanner opens the link (GET, HEAD), then the member confirms
    const scanned = await system.fetchApp(pathOf(link));
    const head = await system.fetchApp(pathOf(link), { method: 'HEAD' });
    const stillWaiting = (await application(receipt.id))!.status;
    const confirmed = await system.fetchApp(pathOf(link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=confirm' });
    const again = await system.fetchApp(pathOf(link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=decline' });

    // Assess: reading changed nothing; one answer counts; the confirmed contact gets the receipt and review starts
    expect(scanned.status).toBe(200);
    expect(await scanned.text()).toContain('name="decision"');
    expect(head.status).toBe(200);
    expect(stillWaiting).toBe('awaiting_confirmation');
    expect(confirmed.status).toBe(200);
    expect(again.status).toBe(409);
    trusted.add(stranger);
    await system.waitForMail((m) => isTo(stranger)(m) && m.subject.includes(receipt.id) && m.subject.includes('tagit emot'));
    await reviewerLinkFor(system, receipt.id, reviewer);
    const stored = await application(receipt.id);
    expect(stored!.contact.email).toBe(stranger);
    expect(stored!.history.map((h) => h.to)).toEqual(['awaiting_confirmation', 'submitted', 'acknowledged', 'in_review']);
  });

  it('a decline closes the application and mails nobody else', async () => {
    // Prepare
    const org = await member({ emails: ['ordforande@avbojestad.example'] });
    const response = await postJson(withContact(org.organisationNumber, 'nagon.annan@avbojestad.example'));
    const { id } = (await response.json()) as { id: string };
    const link = linkIn(await system.waitForMail((m) => isTo('ordforande@avbojestad.example')(m) && m.subject.includes(id)), 'confirm');

    // Act
    const declined = await system.fetchApp(pathOf(link), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: 'decline' }) });

    // Assess
    expect(declined.status).toBe(200);
    const execution = await system.waitForExecution(id);
    expect(execution.status).toBe('SUCCEEDED');
    expect((await application(id))!.status).toBe('declined');
    expect((await mailsAbout(id)).map((m) => m.destination.to)).toEqual([['ordforande@avbojestad.example']]);
  });

  it('refuses a confirmation whose decision is not one of the two, with 400 and nothing recorded', async () => {
    // Prepare
    const org = await member({ emails: ['info@typstad.example'] });
    const { id } = (await (await postJson(withContact(org.organisationNumber, stranger))).json()) as { id: string };
    const link = linkIn(await system.waitForMail((m) => isTo('info@typstad.example')(m) && m.subject.includes(id)), 'confirm');

    // Act
    const asObject = await system.fetchApp(pathOf(link), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ decision: { confirm: true } }) });
    const unknown = await system.fetchApp(pathOf(link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'decision=maybe' });

    // Assess
    expect(asObject.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect((await application(id))!.status).toBe('awaiting_confirmation');
  });
});

describe('one open application per organisation', () => {
  it('refuses a second submission with 409, stores nothing and mails the open application’s link to its own contact', async () => {
    // Prepare: an application in progress, acknowledged
    const org = await member();
    const first = (await (await postJson(exampleFor(org.organisationNumber))).json()) as { id: string };
    await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(first.id) && m.subject.includes('tagit emot'));
    await reviewerLinkFor(system, first.id, reviewer);

    // Act: a second one, from someone else's address
    const second = await postJson(withContact(org.organisationNumber, stranger));

    // Assess
    expect(second.status).toBe(409);
    expect(second.headers.get('content-type')).toContain('application/problem+json');
    expect(((await second.json()) as { detail: string }).detail).toMatch(/redan en ansökan under behandling/);
    expect(await applicationsOf(org.organisationNumber)).toBe(1);
    const again = await system.waitForMail((m) => m.subject.includes(first.id) && m.subject.includes('pågående'));
    expect(again.destination.to).toEqual([exampleFull.contact.email]);
    expect(linkIn(again, 'status')).toMatch(/\/status\//);
    expect((await system.mails()).some((m) => isTo(stranger)(m) && m.subject.includes(first.id))).toBe(false);
  });

  it('ten simultaneous submissions with different keys give exactly one application and one mail', async () => {
    // Prepare
    const org = await member();
    const body = exampleFor(org.organisationNumber);

    // Act
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => postJson(body, { 'idempotency-key': `samtidig-${org.organisationNumber}-${i}` })));

    // Assess
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const winner = (await answers.find((a) => a.status === 201)!.json()) as { id: string };
    expect(await applicationsOf(org.organisationNumber)).toBe(1);
    // The workflow has reached the review (the acknowledgement went before it): count the applicant's mail.
    await reviewerLinkFor(system, winner.id, reviewer);
    const toApplicant = (await system.mails()).filter((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(winner.id));
    expect(toApplicant).toHaveLength(1);
  });

  it('a filled honeypot gets an ordinary receipt; nothing is stored or mailed', async () => {
    // Prepare: the form as a bot fills it
    const org = await member();
    const form = new URLSearchParams({ type: 'full', idempotencyKey: `honung-${org.organisationNumber}`, homepage: 'https://spam.example' });
    for (const [k, v] of Object.entries(exampleFor(org.organisationNumber).organisation)) form.set(`organisation.${k}`, String(v));
    for (const [k, v] of Object.entries(exampleFull.contact)) form.set(`contact.${k}`, String(v));
    exampleFull.partners.forEach((partner, i) => Object.entries(partner).forEach(([k, v]) => form.set(`partners.${i}.${k}`, v)));
    for (const [k, v] of Object.entries(exampleFull.answers)) {
      if (Array.isArray(v)) v.forEach((x) => form.append(`answers.${k}`, String(x)));
      else form.set(`answers.${k}`, String(v));
    }
    const mailsBefore = (await system.mails()).length;

    // Act
    const response = await system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });

    // Assess: nothing was stored, so no workflow exists that could mail later
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Tack! Ansökan är mottagen');
    expect(await applicationsOf(org.organisationNumber)).toBe(0);
    expect((await system.mails()).length).toBe(mailsBefore);
  });
});

const today = stockholmDate(new Date());

describe('validity never stacks', () => {
  it('refuses a revision before the window opens, naming the date', async () => {
    // Prepare: a certificate that has years to run
    const org = await member();
    const { id } = (await (await postJson(exampleFor(org.organisationNumber))).json()) as { id: string };
    await certify(id);

    // Act
    const revision = JSON.parse(readExample('revision')) as { organisation: { organisationNumber: string } };
    revision.organisation.organisationNumber = org.organisationNumber;
    const response = await postJson(revision);

    // Assess
    expect(response.status).toBe(403);
    const problem = (await response.json()) as { detail: string };
    expect(problem.detail).toMatch(/för tidigt/);
    expect(problem.detail).toContain('från och med');
    expect(await applicationsOf(org.organisationNumber)).toBe(1);
  });

  it('a revision certified while the certificate runs starts the day after it; the register never lists the town twice', async () => {
    // Prepare: a certificate with 100 days left (inside the revision window)
    const org = await member({ name: 'Förnyelsestad City' });
    const validUntil = addDays(today, 100);
    const old = {
      certificateId: `QM-2020-${org.organisationNumber.slice(-4)}`,
      applicationId: `A-20200101-${org.organisationNumber.slice(0, 6)}`,
      organisationNumber: org.organisationNumber,
      organisationName: org.name,
      town: org.town,
      municipality: 'Exempelstads kommun',
      validFrom: addYears(validUntil, -3),
      validUntil,
      issuedAt: '2020-01-01T10:00:00.000Z',
      decidedBy: reviewer,
      contact: { name: exampleFull.contact.name, email: exampleFull.contact.email },
    };
    await new CertificateRepository(system.documentClient, system.tableName, [180, 90, 30]).create(old);
    const revision = JSON.parse(readExample('revision')) as { organisation: { organisationNumber: string } };
    revision.organisation.organisationNumber = org.organisationNumber;

    // Act
    const response = await postJson(revision);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const newId = await certify(id);

    // Assess
    const stored = await application(id);
    expect(stored!.validFrom).toBe(addDays(validUntil, 1));
    expect(stored!.validUntil).toBe(addYears(addDays(validUntil, 1), 3));
    for (const date of [today, validUntil, addDays(validUntil, 1), addYears(addDays(validUntil, 1), 3)]) {
      const listed = await registerFor(date, org.organisationNumber);
      expect(listed, date).toHaveLength(1);
    }
    expect((await registerFor(validUntil, org.organisationNumber))[0]!.certificateId).toBe(old.certificateId);
    expect((await registerFor(addDays(validUntil, 1), org.organisationNumber))[0]!.certificateId).toBe(newId);
  });

  it('a restart certified while a certificate runs starts on the decision day and supersedes the old one', async () => {
    // Prepare: a certified organisation
    const org = await member();
    const first = (await (await postJson(exampleFor(org.organisationNumber))).json()) as { id: string };
    const oldId = await certify(first.id);

    // Act: a full application (a restart) is certified the same day
    const second = await postJson(exampleFor(org.organisationNumber));
    expect(second.status).toBe(201);
    const newId = await certify(((await second.json()) as { id: string }).id);

    // Assess
    const oldCertificate = (await (await system.fetchApp(paths.certificate(oldId), { headers: { accept: 'application/json' } })).json()) as Record<string, string>;
    const newCertificate = (await (await system.fetchApp(paths.certificate(newId), { headers: { accept: 'application/json' } })).json()) as Record<string, string>;
    expect(newCertificate.validFrom).toBe(today);
    expect(oldCertificate.validUntil).toBe(addDays(today, -1));
    expect(oldCertificate.supersededBy).toBe(newId);
    expect(await (await system.fetchApp(paths.certificate(oldId))).text()).toContain(`ersatt av ${newId}`);
    for (const date of [today, addYears(today, 1), addYears(today, 3)]) {
      const listed = await registerFor(date, org.organisationNumber);
      expect(listed.map((c) => c.certificateId), date).toEqual([newId]);
    }
    expect(await registerFor(addDays(addYears(today, 3), 1), org.organisationNumber)).toEqual([]);
  });
});

describe('the public record uses the member register', () => {
  it('the register, the certificate page and the certification mail carry the register’s name, not the typed one', async () => {
    // Prepare
    const org = await member({ name: 'Registerstads Centrumförening', town: 'Registerstad' });
    const typed = { ...exampleFor(org.organisationNumber), organisation: { ...exampleFor(org.organisationNumber).organisation, name: 'REGISTERSTAD 🎉 bästa city', town: 'Registerstad' } };
    const { id } = (await (await postJson(typed)).json()) as { id: string };

    // Act
    const reviewLink = await reviewerLinkFor(system, id, reviewer);
    const reviewPage = await (await system.fetchApp(pathOf(reviewLink))).text();
    const certificateId = await certify(id);

    // Assess
    expect(reviewPage).toContain('Namnet skiljer sig från medlemsregistret');
    expect(reviewPage).toContain('Registerstads Centrumförening');
    const listed = await registerFor(today, org.organisationNumber);
    expect(listed.map((c) => c.organisationName)).toEqual(['Registerstads Centrumförening']);
    expect(await (await system.fetchApp(paths.certificate(certificateId))).text()).toContain('Registerstads Centrumförening');
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(certificateId));
    expect(mail.body.text).toContain('Registerstads Centrumförening');
    expect(mail.body.text).not.toContain('🎉');
  });
});

describe('who gets mail', () => {
  it('every mail of the flows above went only to registered, confirmed, staff or operator addresses', async () => {
    // Act
    const mails: CapturedMail[] = await system.mails();

    // Assess
    expect(mails.length).toBeGreaterThan(10);
    const untrusted = mails.flatMap((m) => m.destination.to.filter((to) => !trusted.has(to)).map((to) => `${to}: ${m.subject}`));
    expect(untrusted).toEqual([]);
  });
});

function readExample(kind: 'revision'): string {
  return readFileSync(`examples/application-${kind}.json`, 'utf8');
}

async function registerFor(date: string, organisationNumber: string) {
  const body = (await (await system.fetchApp(paths.api.registerOn(date))).json()) as { certificates: { certificateId: string; organisationNumber: string; organisationName: string }[] };
  return body.certificates.filter((c) => c.organisationNumber === organisationNumber);
}
