import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApplicationRepository } from '../../functions/adapters/application.repository.js';
import { CertificateRepository } from '../../functions/adapters/certificate.repository.js';
import type { ApplicationRecord } from '../../functions/domain/application-record.js';
import { addDays, addYears, stockholmDate, type CalendarDate } from '../../functions/domain/calendar-date.js';
import type { Certificate } from '../../functions/domain/certificate.js';
import { main as renewalsCli } from '../../functions/cli/renewals.cli.js';
import { exampleFull, linkIn, pathOf, reviewerLinkFor, confirmAndApprove, type CapturedMail } from '../helpers/application-flow.js';
import { runCli } from '../helpers/cli.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { paths } from '../../functions/http/paths.js';

// Renewals on the local system, as a user runs them: certificates in its DynamoDB, the sweep run by
// `npm run renewals -- --now <date>` (the real CLI, in process, joining the system through its local-system.json),
// mail in its mailbox, the register and the revision form over HTTP, the review by email link.
let system: TestSystem;
const today = stockholmDate(new Date());
const reviewer = 'granskare@stadskarnor.example';

/** Exempelstad City (a demo member): renews early through the reminder's link (the revision window is open: under 180 days left). */
const renewing = certificateFor('QM-2020-0001', 'A-20200101-RENEW1', '802999-1000', 'Exempelstad City', 'Exempelstad', 'kim.exempelsson@exempelstad.example', addDays(today, 170));
/** Provby (a demo member): lets its certificate lapse. */
const lapsing = certificateFor('QM-2020-0002', 'A-20200101-PRVBY2', '769999-2009', 'Provby Centrumförening', 'Provby', 'ulla.provsson@provby.example', addDays(today, -30));

function certificateFor(
  certificateId: string,
  applicationId: string,
  organisationNumber: string,
  organisationName: string,
  town: string,
  email: string,
  validUntil: CalendarDate,
): Certificate {
  return {
    certificateId,
    applicationId,
    organisationNumber,
    organisationName,
    town,
    municipality: `${town}s kommun`,
    validFrom: addYears(validUntil, -3),
    validUntil,
    issuedAt: '2020-01-01T10:00:00.000Z',
    decidedBy: reviewer,
    contact: { name: 'Kim Exempelsson', email },
  };
}

function approvedApplication(certificate: Certificate): ApplicationRecord {
  return {
    id: certificate.applicationId,
    applicationType: 'full',
    status: 'certified',
    organisation: { ...exampleFull.organisation, organisationNumber: certificate.organisationNumber, name: certificate.organisationName, town: certificate.town, municipality: certificate.municipality },
    contact: { ...exampleFull.contact, role: 'centrumchef', email: certificate.contact.email },
    partners: exampleFull.partners as ApplicationRecord['partners'],
    answers: exampleFull.answers,
    locale: 'sv',
    submittedAt: '2019-11-01T09:00:00.000Z',
    updatedAt: '2020-01-01T10:00:00.000Z',
    version: 4,
    history: [],
    notifications: {},
  };
}

/** `npm run renewals -- --now <date>`, in this process, joining the system as a user's terminal does. */
async function renewals(now: CalendarDate): Promise<string> {
  const { code, stdout, stderr } = await runCli(renewalsCli, ['--now', now], system.dataDir);
  if (code !== 0) throw new Error(`npm run renewals -- --now ${now} ended with ${code}\n${stderr}`);
  return stdout;
}

const mailsTo = async (certificate: Certificate) => (await system.mails()).filter((m) => m.destination.to.includes(certificate.contact.email));
const registerIds = async (date: CalendarDate) =>
  ((await (await system.fetchApp(paths.api.registerOn(date))).json()) as { certificates: { certificateId: string; validFrom: string }[] }).certificates;

/** The fields a browser would submit from a form page (inputs, checked boxes, textareas, selected options). */
function formFields(page: string): URLSearchParams {
  const decode = (s: string) =>
    s.replace(/&(amp|lt|gt|quot|#39|#x2F|#x60|#x3D);/g, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x2F;': '/', '&#x60;': '`', '&#x3D;': '=' })[e] ?? e);
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const form = page.slice(page.indexOf('<form method="post"'), page.indexOf('</form>'));
  const fields = new URLSearchParams();
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name || ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag))) continue;
    fields.append(decode(name), decode(attr(tag, 'value') ?? 'on'));
  }
  for (const [, tag, text] of form.matchAll(/<textarea\b([^>]*)>([^<]*)<\/textarea>/g)) fields.append(decode(attr(tag!, 'name')!), decode(text!));
  for (const [, tag, options] of form.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)"[^>]*\sselected/.exec(options!)?.[1];
    if (selected !== undefined) fields.append(decode(attr(tag!, 'name')!), decode(selected));
  }
  return fields;
}

beforeAll(async () => {
  system = await startTestSystem();
  const applications = new ApplicationRepository(system.documentClient, system.tableName);
  const certificates = new CertificateRepository(system.documentClient, system.tableName, [180, 90, 30]);
  for (const certificate of [renewing, lapsing]) {
    await applications.create(approvedApplication(certificate));
    await certificates.create(certificate);
  }
});

afterAll(async () => {
  await system?.stop();
});

describe('npm run renewals -- --now <date> on the local system', () => {
  it('after a long pause sends only the lapse notice, exactly once, and the lapsed organisation drops out of the register', async () => {
    // Prepare: no sweep ran while the reminders were due.
    const dayAfter = addDays(lapsing.validUntil, 1);

    // Act
    const first = await renewals(dayAfter);
    const second = await renewals(dayAfter);

    // Assess
    expect(first).toMatch(/Sent:\n {2}lapsed +QM-2020-0002/);
    expect(first).toMatch(/remind-180 +QM-2020-0002 .*\(a later stage was due\)/);
    expect(first).toMatch(/Expired:\n {2}QM-2020-0002/);
    expect(second).toContain('Examined 0 due certificate(s)');
    const mails = await mailsTo(lapsing);
    expect(mails.map((m) => m.subject)).toEqual(['Er kvalitetsmärkning har gått ut – Provby Centrumförening (QM-2020-0002)']);
    expect((await registerIds(lapsing.validUntil)).map((c) => c.certificateId)).toContain(lapsing.certificateId);
    expect((await registerIds(dayAfter)).map((c) => c.certificateId)).not.toContain(lapsing.certificateId);
  });

  it('sends the reminder once; its link opens a prefilled revision that, once certified, extends validity without a gap', async () => {
    // Prepare
    const reminderDay = addDays(renewing.validUntil, -180);

    // Act: the sweep the day before (it says when the next stage is due), then twice on that day
    const dayBefore = await renewals(addDays(reminderDay, -1));
    await renewals(reminderDay);
    await renewals(reminderDay);

    // Assess: the day before, nothing was due, and the CLI named the date to run it with next
    expect(dayBefore.trimEnd().split('\n').at(-1)).toBe(`next: remind-180 QM-2020-0001 on ${reminderDay}`);

    // Assess: exactly one reminder, in Swedish, with the private link
    const reminders = await mailsTo(renewing);
    expect(reminders).toHaveLength(1);
    const reminder = reminders[0]! as CapturedMail;
    expect(reminder.subject).toContain('Påminnelse om revidering');
    const link = linkIn(reminder, 'apply');
    expect(link).toMatch(/\/apply\?type=revision&token=/);

    // Act: open the link
    const formPage = await system.fetchApp(pathOf(link));
    const page = await formPage.text();

    // Assess: the revision form, prefilled from the last approved application
    expect(formPage.status).toBe(200);
    expect(page).toContain('Revidering av kvalitetsmärkning (QM)');
    const fields = formFields(page);
    expect(fields.get('type')).toBe('revision');
    expect(fields.get('organisation.organisationNumber')).toBe(renewing.organisationNumber);
    expect(fields.get('organisation.name')).toBe(renewing.organisationName);
    expect(fields.get('answers.boardComposition')).toBe(exampleFull.answers.boardComposition);
    expect(fields.get('answers.changesSinceLastCertificate')).toBe('');

    // Act: state what changed, send it, and the reviewer approves
    fields.set('answers.changesSinceLastCertificate', 'Två nya fastighetsägare har anslutit sig och handlingsplanen har ett nytt fokusområde.');
    fields.set('answers.resultsSinceLastCertificate', 'Besökarna har ökat med 8 procent och vakansgraden har sjunkit från 9 till 5 procent.');
    fields.set('answers.updatedDocuments', 'Handlingsplanen och budgeten är uppdaterade.');
    const sent = await system.fetchApp(paths.applications, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: fields.toString(),
    });
    expect(sent.status).toBe(303);
    const invitation = await system.waitForMail((m) => m.destination.to.includes(reviewer) && m.subject.includes(renewing.organisationName));
    const applicationId = /A-\d{8}-[0-9A-Z]{6}/.exec(invitation.subject)![0];
    const approval = await confirmAndApprove(system, applicationId, await reviewerLinkFor(system, applicationId, reviewer));
    expect(approval.status).toBe(200);
    const certified = await system.waitForMail((m) => m.destination.to.includes(renewing.contact.email) && /QM-\d{4}-\d{4}/.test(m.subject) && !m.subject.includes(renewing.certificateId));
    const newCertificateId = /QM-\d{4}-\d{4}/.exec(certified.subject)![0];

    // Assess: the new certificate starts the day after the old one ends
    const lastOldDay = await registerIds(renewing.validUntil);
    const firstNewDay = await registerIds(addDays(renewing.validUntil, 1));
    expect(lastOldDay.map((c) => c.certificateId)).toContain(renewing.certificateId);
    expect(firstNewDay.find((c) => c.certificateId === newCertificateId)?.validFrom).toBe(addDays(renewing.validUntil, 1));
    expect(firstNewDay.map((c) => c.certificateId)).not.toContain(renewing.certificateId);

    // Act: the old certificate's lapse day comes
    const lapse = await renewals(addDays(renewing.validUntil, 1));

    // Assess: no lapse notice to an organisation that has renewed
    expect(lapse).toContain('already renewed');
    expect((await mailsTo(renewing)).filter((m) => m.subject.includes('gått ut'))).toEqual([]);
  });
});
