import { ApplicationRepository } from '../../functions/adapters/application.repository.js';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../functions/domain/secret-token.js';
import { LifecycleState } from '../../workflows/application-lifecycle.workflow.js';
import { answerAsPartner, confirmAndApprove, decide, exampleFull, freshOrganisationNumber, isTo, linkIn, partnerMailFor, pathOf, reviewerLinkFor, submitExample, type CapturedMail } from '../helpers/application-flow.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import type { StoredHistoryEntry } from '../../functions/domain/application-record.js';
import { historyText } from '../../functions/templates/history-messages.js';
import { paths } from '../../functions/http/paths.js';

// The staff workspace on the local system: sign-in from the mailbox, sessions, CSRF, each action.
const staff = 'qm-ansvarig@stadskarnor.example';
const reviewer = 'granskare@stadskarnor.example';
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({
    env: { STAFF_EMAILS: `${staff},andra.personal@stadskarnor.example`, REVIEWER_EMAILS: reviewer },
    timeOverrides: { retryIntervalSeconds: 0.05, taskTimeoutSeconds: { [LifecycleState.AwaitCompletion]: 600 } },
  });
});
afterAll(async () => {
  await system?.stop();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
const signInMails = async (to: string) => (await system.mails()).filter((m) => isTo(to)(m) && m.subject.includes('Inloggning'));
const signInLink = (mail: CapturedMail) => /\/admin\/sign-in\/[A-Za-z0-9_-]{43}/.exec(mail.body.text ?? '')![0];

/** Signs in as a person would: asks for a link, takes it from the mailbox, presses the button. */
async function signIn(address = staff): Promise<{ cookie: string; csrf: string; setCookie: string }> {
  const before = (await signInMails(address)).length;
  await system.fetchApp(paths.admin.signIn, form({ email: address }));
  const mails = await signInMails(address);
  expect(mails.length).toBe(before + 1);
  const response = await system.fetchApp(signInLink(mails.at(-1)!), { method: 'POST' });
  expect(response.status).toBe(303);
  const setCookie = response.headers.get('set-cookie')!;
  const cookie = setCookie.split(';')[0]!;
  const page = await (await system.fetchApp(paths.admin.home, { headers: { cookie } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
  return { cookie, csrf, setCookie };
}

async function stored(id: string) {
  const { Item } = await system.documentClient.send(new GetCommand({ TableName: system.tableName, Key: { pk: `APP#${id}`, sk: 'APP' } }));
  return Item as { status: string; history: StoredHistoryEntry[] };
}

describe('signing in', () => {
  it('mails staff a link whose page only shows a button; pressing it signs in with the cookie rules', async () => {
    // Prepare
    await system.fetchApp(paths.admin.signIn, form({ email: staff }));
    const link = signInLink((await signInMails(staff)).at(-1)!);

    // Act
    const opened = await system.fetchApp(link);
    const openedAgain = await system.fetchApp(link);
    const stillSignedOut = await system.fetchApp(paths.admin.home, { headers: { cookie: opened.headers.get('set-cookie') ?? '' } });
    const pressed = await system.fetchApp(link, { method: 'POST' });
    const pressedAgain = await system.fetchApp(link, { method: 'POST' });

    // Assess
    expect(opened.status).toBe(200);
    expect(opened.headers.get('set-cookie')).toBeNull();
    expect(await openedAgain.text()).toContain('<button type="submit">Logga in</button>');
    expect(stillSignedOut.status).toBe(303);
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get('location')).toBe('/admin');
    const cookie = pressed.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/); // http://localhost only
    expect(pressedAgain.status).toBe(410);
    const overview = await system.fetchApp(paths.admin.home, { headers: { cookie: cookie.split(';')[0]! } });
    expect(overview.status).toBe(200);
    expect(overview.headers.get('cache-control')).toBe('no-store');
    // the session id is stored only as a hash
    const sessionId = cookie.split(';')[0]!.split('=')[1]!;
    const { Item } = await system.documentClient.send(new GetCommand({ TableName: system.tableName, Key: { pk: `STAFFSESSION#${hashToken(sessionId)}`, sk: 'SESSION' } }));
    expect(Item?.email).toBe(staff);
  });

  it('answers a non-staff address the same neutral page and mails nothing', async () => {
    // Prepare
    const stranger = 'nyfiken@elsewhere.example';

    // Act
    const forStranger = await system.fetchApp(paths.admin.signIn, form({ email: stranger }));
    const forStaff = await system.fetchApp(paths.admin.signIn, form({ email: 'andra.personal@stadskarnor.example' }));

    // Assess: the staff mail is there (the send finished before the answer), the stranger's is not
    const [a, b] = [await forStranger.text(), await forStaff.text()];
    expect(forStranger.status).toBe(forStaff.status);
    expect(a).toContain('Om adressen tillhör personalen har vi skickat en inloggningslänk');
    expect(a).toBe(b);
    expect(await signInMails('andra.personal@stadskarnor.example')).toHaveLength(1);
    expect((await system.mails()).filter(isTo(stranger))).toHaveLength(0);
  });

  it('sends at most five links an hour to an address', async () => {
    // Prepare
    const address = 'andra.personal@stadskarnor.example';
    const before = (await signInMails(address)).length;

    // Act
    const answers = [];
    for (let i = before; i < 7; i++) answers.push((await system.fetchApp(paths.admin.signIn, form({ email: address }))).status);

    // Assess
    expect(new Set(answers)).toEqual(new Set([200]));
    expect(await signInMails(address)).toHaveLength(5);
  });

  it('turns away every /admin page without a session: 303 to sign in, 401 for JSON; non-staff get nothing', async () => {
    for (const path of [paths.admin.home, paths.admin.members, paths.admin.audit, paths.admin.export('certificates.csv'), paths.admin.application('A-20261127-AAAAAA')]) {
      const browser = await system.fetchApp(path);
      expect(browser.status).toBe(303);
      expect(browser.headers.get('location')).toBe('/admin/sign-in');
      expect((await system.fetchApp(path, { headers: { accept: 'application/json' } })).status).toBe(401);
    }
    const forged = await system.fetchApp(paths.admin.home, { headers: { cookie: 'qm-staff=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(303);
  });

  it('ends sessions idle for 8 hours, and on sign-out server-side', async () => {
    // Prepare
    const idle = await signIn();
    const active = await signIn();
    const idleHash = hashToken(idle.cookie.split('=')[1]!);
    await system.documentClient.send(
      new UpdateCommand({
        TableName: system.tableName,
        Key: { pk: `STAFFSESSION#${idleHash}`, sk: 'SESSION' },
        UpdateExpression: 'SET lastSeenAt = :then',
        ExpressionAttributeValues: { ':then': new Date(Date.now() - 8 * 3_600_000 - 1000).toISOString() },
      }),
    );

    // Act
    const idleAnswer = await system.fetchApp(paths.admin.home, { headers: { cookie: idle.cookie } });
    const signOut = await system.fetchApp(paths.admin.signOut, { ...form({ csrf: active.csrf }), headers: { ...form({}).headers, cookie: active.cookie } });
    const afterSignOut = await system.fetchApp(paths.admin.home, { headers: { cookie: active.cookie } });

    // Assess
    expect(idleAnswer.status).toBe(303);
    expect(signOut.status).toBe(303);
    expect(signOut.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect(afterSignOut.status).toBe(303);
  });
});

describe('actions', () => {
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    session = await signIn();
  });
  const post = (path: string, fields: Record<string, string>, csrf: string | null = session.csrf) =>
    system.fetchApp(path, { ...form({ ...fields, ...(csrf === null ? {} : { csrf }) }), headers: { ...form({}).headers, cookie: session.cookie } });
  const audit = async () => (await system.fetchApp(paths.admin.audit, { headers: { cookie: session.cookie } })).text();

  it('refuse a POST without the csrf field or with another session’s, and change nothing', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Csrfby City' });
    await reviewerLinkFor(system, id, reviewer);
    const other = await signIn();

    // Act
    const missing = await post(paths.admin.applicationAction(id, 'withdraw'), { reason: 'Test' }, null);
    const foreign = await post(paths.admin.applicationAction(id, 'withdraw'), { reason: 'Test' }, other.csrf);

    // Assess
    expect(missing.status).toBe(403);
    expect(foreign.status).toBe(403);
    expect((await stored(id)).status).toBe('in_review');
  });

  it('resend the reviewer links: the old link stops working, the new one works; recorded with the staff member', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Länkby City' });
    const oldLink = await reviewerLinkFor(system, id, reviewer);
    const before = (await system.mails()).filter((m) => isTo(reviewer)(m) && m.subject.includes(id)).length;

    // Act
    const response = await post(paths.admin.applicationAction(id, 'resend-review-links'), {});

    // Assess
    expect(response.status).toBe(303);
    const invitations = (await system.mails()).filter((m) => isTo(reviewer)(m) && m.subject.includes(id));
    expect(invitations).toHaveLength(before + 1);
    expect((await system.fetchApp(pathOf(oldLink))).status).toBe(404);
    expect((await system.fetchApp(pathOf(linkIn(invitations.at(-1)!, 'review')))).status).toBe(200);
    expect((await stored(id)).history.at(-1)).toMatchObject({ actor: staff, internal: true });
    expect(await audit()).toContain(id);
  });

  it('withdraw: the application ends, the workflow stops, the applicant is told; the organisation may apply again', async () => {
    // Prepare
    const { id, organisationNumber } = await submitExample(system, { name: 'Dragby City' });
    await reviewerLinkFor(system, id, reviewer);

    // Act
    const response = await post(paths.admin.applicationAction(id, 'withdraw'), { reason: 'Fel organisation' });

    // Assess
    expect(response.status).toBe(303);
    expect((await stored(id)).status).toBe('withdrawn');
    expect((await stored(id)).history.at(-1)).toMatchObject({ actor: staff, to: 'withdrawn' });
    expect((await system.waitForExecution(id)).status).toBe('ABORTED');
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id) && m.subject.includes('dragits tillbaka'));
    expect(mail.body.text).toContain('Fel organisation');
    const again = await submitExample(system, { organisationNumber });
    expect(again.id).not.toBe(id);
    // a reason is required
    const { id: other } = await submitExample(system, { name: 'Utanskälby' });
    expect((await post(paths.admin.applicationAction(other, 'withdraw'), { reason: ' ' })).status).toBe(400);
  });

  it("override the partners' confirmations: the reviewer may approve; the certificate lists only the partners who confirmed", async () => {
    // Prepare: the municipality confirms, the property owners stay silent
    const { id } = await submitExample(system, { name: 'Undantagsby City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    const [municipality, propertyOwners] = exampleFull.partners;
    expect((await answerAsPartner(system, linkIn(await partnerMailFor(system, id, municipality!.email), 'partner'), 'confirm')).status).toBe(200);
    const silentLink = linkIn(await partnerMailFor(system, id, propertyOwners!.email), 'partner');
    expect((await decide(system, link, 'approve')).status).toBe(409);

    // Act
    const withoutReason = await post(paths.admin.applicationAction(id, 'override-partners'), { reason: '' });
    const response = await post(paths.admin.applicationAction(id, 'override-partners'), { reason: 'Avtalet med fastighetsägarna är undertecknat; vi har det på papper' });
    const again = await post(paths.admin.applicationAction(id, 'override-partners'), { reason: 'igen' });
    const approved = await decide(system, link, 'approve');

    // Assess
    expect(withoutReason.status).toBe(400);
    expect(response.status).toBe(303);
    expect(again.status).toBe(409);
    expect(approved.status).toBe(200);
    const certified = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id) && m.subject.startsWith('Grattis!'));
    const certificateId = /QM-\d{4}-\d{4}/.exec(certified.subject)![0];
    const certificate = (await (await system.fetchApp(paths.certificate(certificateId), { headers: { accept: 'application/json' } })).json()) as { partners: { role: string; organisation: string }[] };
    expect(certificate.partners).toEqual([{ role: municipality!.role, organisation: municipality!.organisation }]);
    expect((await stored(id)).history.map((h) => historyText(h, 'sv'))).toContain(
      `Ansökan får godkännas utan bekräftelse från ${propertyOwners!.organisation}: Avtalet med fastighetsägarna är undertecknat; vi har det på papper`,
    );
    expect(await audit()).toContain('Godkände utan samverkanspartnernas bekräftelse');
    // The silent partner's link no longer takes an answer once the application has ended.
    expect((await answerAsPartner(system, silentLink, 'confirm')).status).toBe(410);
  });

  it('give more time for a completion, and add an internal note', async () => {
    // Prepare
    const { id, statusUrl } = await submitExample(system, { name: 'Tidby City' });
    await decide(system, await reviewerLinkFor(system, id, reviewer), 'request_completion', 'Bifoga avtalen');
    await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id) && m.subject.includes('Komplettering'));

    // Act
    const extended = await post(paths.admin.applicationAction(id, 'extend-completion'), { deadline: '2099-01-31', reason: 'Styrelsemöte' });
    const noted = await post(paths.admin.applicationAction(id, 'notes'), { note: 'Hemlig anteckning om samtal' });

    // Assess
    expect(extended.status).toBe(303);
    expect(noted.status).toBe(303);
    await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('Mer tid'));
    const page = await (await system.fetchApp(paths.admin.application(id), { headers: { cookie: session.cookie } })).text();
    expect(page).toContain('31 januari 2099');
    expect(page).toContain('Hemlig anteckning om samtal');
    expect(await (await system.fetchApp(pathOf(statusUrl))).text()).not.toContain('Hemlig anteckning');
  });

  it('restart a failed application from where it stood, in a new execution', async () => {
    // Prepare: an application that a step gave up on, recorded failed
    const { id } = await submitExample(system, { name: 'Omstartby City' });
    await reviewerLinkFor(system, id, reviewer);
    await new ApplicationRepository(system.documentClient, system.tableName).transition(id, { from: 'in_review', to: 'failed', actor: 'system', at: new Date().toISOString(), event: 'restart_failed', params: {} });

    // Act
    const response = await post(paths.admin.applicationAction(id, 'retry'), { reason: 'SES fungerar igen' });

    // Assess
    expect(response.status).toBe(303);
    expect((await stored(id)).history.find((h) => h.from === 'failed')).toMatchObject({ actor: staff, to: 'acknowledged' });
    // The new execution takes it through acknowledgement back into review.
    await system.waitUntil(async () => (await stored(id)).status === 'in_review', `${id} back in review`);
    expect((await system.waitForExecution(`${id}-r1`, (e) => e.status === 'RUNNING')).name).toBe(`${id}-r1`);
  });

  it('revoke a certificate: gone from the register from today, the contact is told, recorded; the exports show it', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Återkallby City' });
    await confirmAndApprove(system, id, await reviewerLinkFor(system, id, reviewer));
    const certified = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id) && m.subject.includes('QM-'));
    const certificateId = /QM-\d{4}-\d{4}/.exec(certified.subject)![0];
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    const listed = async () => ((await (await system.fetchApp(paths.api.register)).json()) as { certificates?: { certificateId: string }[] } & Record<string, unknown>);
    expect(JSON.stringify(await listed())).toContain(certificateId);

    // Act
    const refused = await post(paths.admin.certificateAction(certificateId, 'revoke'), { reason: '' });
    const response = await post(paths.admin.certificateAction(certificateId, 'revoke'), { reason: 'Beviljat av misstag' });

    // Assess
    expect(refused.status).toBe(400);
    expect(response.status).toBe(303);
    expect(JSON.stringify(await listed())).not.toContain(certificateId);
    expect(await (await system.fetchApp(paths.register)).text()).not.toContain(certificateId);
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('återkallats'));
    expect(mail.body.text).toContain('Beviljat av misstag');
    expect(await audit()).toContain(certificateId);
    const csv = await system.fetchApp(paths.admin.export('certificates.csv'), { headers: { cookie: session.cookie } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(Buffer.from(await csv.arrayBuffer()).toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(rows.find((r) => r[0] === certificateId)).toEqual(expect.arrayContaining(['återkallat', 'Beviljat av misstag']));
    const xlsx = await system.fetchApp(paths.admin.export('applications.xlsx'), { headers: { cookie: session.cookie } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const ids = workbook.getWorksheet('Ansökningar')!.getColumn(1).values;
    expect(ids).toContain(id);
  });

  it('members: add, end the membership (no new application), upload a CSV with a report by line', async () => {
    // Prepare
    const organisationNumber = freshOrganisationNumber();
    const csv = 'organisationsnummer,name,town,email\n769999-2009,Provby Centrum,Provby,kontakt@provby-centrum.example\nfel,Trasig,Ort,inte-en-adress\n';
    const upload = new FormData();
    upload.append('csrf', session.csrf);
    upload.append('file', new Blob([csv], { type: 'text/csv' }), 'medlemmar.csv');

    // Act
    const added = await post(paths.admin.members, { organisationNumber, name: 'Nyby Centrum', town: 'Nyby', emails: 'kansli@nyby.example' });
    const ended = await post(paths.admin.memberEnd(organisationNumber), { lastDay: '2020-01-01', reason: 'Utträde' });
    const application = await system.fetchApp(paths.applications, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...exampleFull, organisation: { ...exampleFull.organisation, organisationNumber } }),
    });
    const imported = await system.fetchApp(paths.admin.memberImport, { method: 'POST', body: upload, headers: { cookie: session.cookie } });

    // Assess
    expect(added.status).toBe(303);
    expect(ended.status).toBe(303);
    expect(application.status).toBe(403);
    const report = await imported.text();
    expect(imported.status).toBe(200);
    expect(report).toContain('1 medlemmar inlästa, 1 ogiltiga rader');
    expect(report).toMatch(/<td>3<\/td>/);
    const memberPage = await (await system.fetchApp(paths.admin.member(organisationNumber), { headers: { cookie: session.cookie } })).text();
    expect(memberPage).toContain('Nyby Centrum');
    expect(memberPage).toContain('Avslutade medlemskap');
  });
});
