import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from 'cdk-local-runner';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { confirmPartners, decide, exampleFor, exampleFull, isTo, linkIn, pathOf, registerFreshMember, reviewerLinkFor, submitExample } from '../helpers/application-flow.js';
import { paths } from '../../functions/http/paths.js';

// The foundation, end to end on the local system: real HTTP, dynalite, the synthesised state
// machine and captured mail.
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({ keepData: true });
});
afterAll(async () => {
  await system?.stop();
  if (system) rmSync(system.dataDir, { recursive: true, force: true });
});

/** Applications and idempotency records: what a submission creates (review rounds come later). */
async function itemCount(): Promise<number> {
  const result = await system.documentClient.send(
    new ScanCommand({
      TableName: system.env.TABLE_NAME,
      Select: 'COUNT',
      FilterExpression: 'entity IN (:app, :key, :link)',
      ExpressionAttributeValues: { ':app': 'Application', ':key': 'IdempotencyKey', ':link': 'StatusLink' },
    }),
  );
  return result.Count ?? 0;
}

/** A workflow waits at its callbacks: the member's confirmation, or the review and each partner. */
function parked(execution: Execution): boolean {
  const waiting = system.stepFunctions.pendingTasks(execution.executionArn).map((t) => t.stateName);
  return waiting.includes('AwaitMemberConfirmation') || (waiting.includes('AwaitReviewDecision') && waiting.filter((s) => s === 'AwaitPartnerConfirmation').length >= exampleFull.partners.length);
}

/** Waits until earlier applications' workflows are parked at their callbacks and have sent their mail, so counts are stable. */
const settled = () => system.waitUntilQuiet(parked);

/** The example application for a member of the test's own (one open application per organisation). */
const freshExample = async () => exampleFor((await registerFreshMember(system)).organisationNumber);

const postJson = (body: unknown, headers: Record<string, string> = {}) =>
  system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('submitting an application', () => {
  it('stores a valid JSON application, starts its execution and mails the acknowledgement', async () => {
    // Prepare
    const body = await freshExample();
    // Act
    const response = await postJson(body);
    // Assess: the answer
    expect(response.status).toBe(201);
    const receipt = (await response.json()) as { id: string; status: string; statusUrl: string };
    expect(receipt.status).toBe('submitted');
    expect(response.headers.get('location')).toBe(receipt.statusUrl);
    expect(receipt.statusUrl.startsWith(system.baseUrl)).toBe(true);
    // stored
    const stored = await system.documentClient.send(new GetCommand({ TableName: system.env.TABLE_NAME, Key: { pk: `APP#${receipt.id}`, sk: 'APP' } }));
    expect(stored.Item).toMatchObject({ id: receipt.id, organisation: { organisationNumber: body.organisation.organisationNumber } });
    // one execution, named after the application
    const execution = await system.waitForExecution(receipt.id, () => true);
    expect(execution).toBeTruthy();
    // the acknowledgement, in Swedish, with a private status link on the system's own address
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(receipt.id));
    expect(mail.subject).toMatch(/Vi har tagit emot/);
    expect(mail.body.html).toContain('<html lang="sv">');
    expect(mail.body.text).toContain(exampleFull.organisation.name);
    const statusLink = linkIn(mail, 'status');
    expect(statusLink.startsWith(system.baseUrl)).toBe(true);
    const page = await system.fetchApp(pathOf(statusLink));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(exampleFull.organisation.name);
    expect(html).toContain(receipt.id);
  });

  it('accepts the HTML form and redirects to a receipt page', async () => {
    // Prepare: the form as a browser would send it
    const formPage = await (await system.fetchApp(paths.apply)).text();
    const key = /name="idempotencyKey" value="([^"]+)"/.exec(formPage)?.[1];
    expect(key).toBeTruthy();
    const form = new URLSearchParams({ type: 'full', idempotencyKey: key! });
    for (const [k, v] of Object.entries((await freshExample()).organisation)) form.set(`organisation.${k}`, String(v));
    for (const [k, v] of Object.entries(exampleFull.contact)) form.set(`contact.${k}`, String(v));
    exampleFull.partners.forEach((partner, i) => Object.entries(partner).forEach(([k, v]) => form.set(`partners.${i}.${k}`, v)));
    for (const [k, v] of Object.entries(exampleFull.answers)) {
      if (Array.isArray(v)) v.forEach((x) => form.append(`answers.${k}`, String(x)));
      else form.set(`answers.${k}`, String(v));
    }
    // Act
    const response = await system.fetchApp(paths.applications, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    // Assess
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    expect(location).not.toContain('?');
    // A browser sends the cookie back on the redirect: the notice shows once, and the cookie is expired.
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    const first = await system.fetchApp(pathOf(location), { headers: { cookie } });
    expect(first.status).toBe(200);
    expect(await first.text()).toMatch(/Tack! Er ansökan har tagits emot/);
    expect(first.headers.get('set-cookie')).toMatch(/^qm-mottagen=; Max-Age=0/);
    const later = await system.fetchApp(pathOf(location));
    expect(await later.text()).not.toMatch(/Tack! Er ansökan har tagits emot/);
  });

  it('serves the landing page, the privacy notice, the style sheet and the favicon; an unknown path is a Swedish page for browsers and problem+json for the API', async () => {
    // Act
    const landing = await system.fetchApp(paths.home, { headers: { accept: 'text/html' } });
    const privacy = await system.fetchApp(paths.privacy);
    const icon = await system.fetchApp('/favicon.ico');
    const sheet = await system.fetchApp('/styles.css');
    const browser = await system.fetchApp('/finns/inte', { headers: { accept: 'text/html' } });
    const api = await system.fetchApp('/finns/inte', { method: 'POST', headers: { accept: 'application/json' } });
    const health = await system.fetchApp('/health');
    // Assess
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('<footer class="site-footer">');
    expect(privacy.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(Buffer.from(await icon.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
    expect(browser.status).toBe(404);
    expect(await browser.text()).toContain('<h1>Sidan finns inte</h1>');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect(health.status).toBe(200);
  });

  it('serves the form in Swedish, the revision form and the JSON Schema', async () => {
    const full = await system.fetchApp(paths.apply);
    expect(full.status).toBe(200);
    expect(await full.text()).toMatch(/<html lang="sv"[\s\S]*Ansök om kvalitetsmärkning/);
    const revision = await system.fetchApp(paths.revisionForm);
    expect(await revision.text()).toMatch(/Revidering/);
    const schema = await system.fetchApp(paths.api.applicationSchema);
    expect(schema.status).toBe(200);
    expect(JSON.stringify(await schema.json())).toContain('organisationNumber');
  });
});

describe('bad input is refused with 4xx, storing nothing and sending no mail', () => {
  const cases: [string, () => Promise<Response>, number][] = [
    ['malformed JSON', () => system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' }), 400],
    ['an unsupported content type', () => system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hej' }), 415],
    ['invalid fields', () => postJson({ ...exampleFull, organisation: { ...exampleFull.organisation, organisationNumber: '123456-7890' }, contact: { ...exampleFull.contact, email: 'inte-en-adress' } }), 400],
    ['a body over 1 MB', () => postJson({ ...exampleFull, answers: { ...exampleFull.answers, padding: 'x'.repeat(1_100_000) } }), 413],
    ['JSON null', () => system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' }), 400],
    ['a JSON array', () => postJson([exampleFull]), 400],
    ['an empty object', () => postJson({}), 400],
    ['a wrong application type', () => postJson({ ...exampleFull, type: 'gold' }), 400],
    ['no content type at all', () => system.fetchApp(paths.applications, { method: 'POST', body: JSON.stringify(exampleFull), headers: { 'content-type': '' } }), 415],
    ['an organisation outside the member register', () => postJson({ ...exampleFull, organisation: { ...exampleFull.organisation, organisationNumber: '556677-8899' } }), 403],
  ];

  it.each(cases)('%s', async (_name, send, status) => {
    // Prepare
    await settled();
    const itemsBefore = await itemCount();
    const mailsBefore = (await system.mails()).length;
    const executionsBefore = system.stepFunctions.listExecutions().length;
    // Act
    const response = await send();
    // Assess
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { title: string; status: number; errors?: { path: string; message: string }[]; detail: string };
    expect(problem.status).toBe(status);
    // The refusal is complete once answered: no workflow started that could store or mail later.
    expect(system.stepFunctions.listExecutions()).toHaveLength(executionsBefore);
    await settled();
    expect(await itemCount()).toBe(itemsBefore);
    expect((await system.mails()).length).toBe(mailsBefore);
  });

  it('lists every invalid field with a Swedish message and its code', async () => {
    const response = await postJson({ ...exampleFull, organisation: { ...exampleFull.organisation, organisationNumber: '123456-7890' }, contact: { ...exampleFull.contact, email: 'inte-en-adress' } });
    const problem = (await response.json()) as { errors: { path: string; message: string; code: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['organisation.organisationNumber', 'contact.email']));
    expect(problem.errors.find((e) => e.path === 'organisation.organisationNumber')?.message).toMatch(/kontrollsiffra/);
    expect(problem.errors.find((e) => e.path === 'organisation.organisationNumber')?.code).toBe('organisation_number_invalid');
  });

  it('says the field errors in English when Accept-Language asks for it, with the same codes and data', async () => {
    // Prepare
    const body = { ...exampleFull, organisation: { ...exampleFull.organisation, town: '' }, answers: { ...exampleFull.answers, boardComposition: 'x'.repeat(4001) } };

    // Act
    const response = await postJson(body, { 'accept-language': 'en-GB,en;q=0.9' });

    // Assess
    const problem = (await response.json()) as { errors: { path: string; message: string; code: string; params?: unknown }[] };
    expect(response.status).toBe(400);
    expect(problem.errors).toEqual([
      { path: 'organisation.town', message: 'Enter the town.', code: 'field_required', params: { field: 'organisation.town' } },
      { path: 'answers.boardComposition', message: 'The answer may be at most 4000 characters.', code: 'too_long', params: { max: 4000 } },
    ]);
  });

  it('says in Swedish that only members may apply', async () => {
    const response = await postJson({ ...exampleFull, organisation: { ...exampleFull.organisation, organisationNumber: '556677-8899' } });
    expect(((await response.json()) as { detail: string }).detail).toMatch(/Endast medlemmar i Svenska Stadskärnor/);
  });

  it('shows the form again with the input kept and the errors listed', async () => {
    const form = new URLSearchParams({ type: 'full', idempotencyKey: 'form-key-kept-1', 'organisation.name': 'Hamnstad <City>', 'contact.email': 'fel', 'organisation.organisationNumber': '556677-8899' });
    const response = await system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(response.status).toBe(400);
    const html = await response.text();
    // The same key, so that sending the corrected form twice still makes one application.
    expect(html).toContain('name="idempotencyKey" value="form-key-kept-1"');
    // Not a member: said together with the other field errors, not after they are fixed.
    expect(html).toContain('Endast medlemmar i Svenska Stadskärnor');
    expect(html).toMatch(/role="alert"/);
    expect(html).toContain('Hamnstad &lt;City&gt;');
    expect(html).not.toContain('Hamnstad <City>');
  });
});

describe('idempotency', () => {
  it('returns the first response for a retry with the same key and creates nothing new', async () => {
    const body = await freshExample();
    const first = await postJson(body, { 'idempotency-key': 'retry-test-1' });
    await settled();
    const itemsAfterFirst = await itemCount();
    const second = await postJson(body, { 'idempotency-key': 'retry-test-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    const [a, b] = [(await first.json()) as { id: string; submittedAt: string }, (await second.json()) as { id: string; submittedAt: string }];
    expect(b.id).toBe(a.id);
    expect(b.submittedAt).toBe(a.submittedAt);
    // Only a fresh status link (the stored receipt keeps no token) was added.
    expect(await itemCount()).toBe(itemsAfterFirst + 1);
  });

  it('simultaneous retries with the same key store one application, start one execution and all answer with its receipt', async () => {
    const body = await freshExample();
    await settled();
    const before = await itemCount();
    const responses = await Promise.all(Array.from({ length: 5 }, () => postJson(body, { 'idempotency-key': 'retry-race-1' })));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const receipts = (await Promise.all(responses.map((r) => r.json()))) as Array<{ id: string; statusUrl: string }>;
    const ids = new Set(receipts.map((r) => r.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    // Every receipt's link leads to the same application.
    for (const receipt of receipts) expect((await system.fetchApp(pathOf(receipt.statusUrl))).status).toBe(200);
    const [id] = ids;
    await system.waitForExecution(id!, (e) => e.status === 'RUNNING' || e.status === 'SUCCEEDED');
    expect(system.stepFunctions.listExecutions({}).filter((e) => e.name.startsWith(id!))).toHaveLength(1);
    // One application, one idempotency record, one link per receipt and the acknowledgement mail's
    // link: the losers' transactions left nothing.
    await settled();
    expect(await itemCount()).toBe(before + 2 + receipts.length + 1);
  });

  it('refuses the same key with a different body', async () => {
    const body = await freshExample();
    await postJson(body, { 'idempotency-key': 'retry-test-2' });
    const other = await postJson({ ...body, organisation: { ...body.organisation, name: 'Annat namn' } }, { 'idempotency-key': 'retry-test-2' });
    expect(other.status).toBe(422);
  });
});

describe('restart', () => {
  it('keeps the data: a status link still works after the system restarts', async () => {
    // Prepare
    const receipt = (await (await postJson(await freshExample())).json()) as { statusUrl: string };
    // Act
    const { dataDir } = system;
    await system.stop();
    system = await startTestSystem({ dataDir });
    // Assess
    const page = await system.fetchApp(pathOf(receipt.statusUrl));
    expect(page.status).toBe(200);
  });

  it('resumes an application that was waiting for review: the reviewer link still decides it', async () => {
    // Prepare: an application waiting for its reviewer when the system stops
    const { id } = await submitExample(system, { name: 'Omstartsstad City' });
    const link = await reviewerLinkFor(system, id, 'granskare@stadskarnor.example');
    await confirmPartners(system, id);
    const { dataDir } = system;
    await system.stop();
    // Act
    system = await startTestSystem({ dataDir });
    const response = await decide(system, link, 'approve');
    // Assess
    expect(response.status).toBe(200);
    const execution = await system.waitForExecution(id);
    expect(execution.status).toBe('SUCCEEDED');
    await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.startsWith('Grattis!') && m.subject.includes(id));
  });
});
