import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessEvery, confirmPartners, exampleFull, isTo, linkIn, partnerMailFor, pathOf } from '../helpers/application-flow.js';
import { haveBrowser, launchBrowser } from '../helpers/browser.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { registerFreshMember } from '../helpers/members.js';
import { paths } from '../../functions/http/paths.js';

// Every page, as a phone shows it: at 320 and 390 CSS pixels, with the longest data people
// realistically type (long names without spaces, long addresses, 150-character web addresses),
// nothing may scroll sideways (WCAG 1.4.10 Reflow), and axe-core finds no violations. The 390 px
// screenshots of the review, status and register pages are kept in test-results/ to be looked at.

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const widths = [320, 390] as const;
const screenshotsOf = new Set(['review', 'status-certified', 'register']);

const longName = 'Stadskärnesamverkansorganisationenförplatsutvecklingisamverkan';
const longTown = 'Övreandrasidanafjärdenochbortomkvarnbäcken';
const longEmail = 'centrumutvecklingsansvarigkontaktperson@stadskarnesamverkansorganisationen.example';
const longUrl = `https://www.stadskarnesamverkan.example/${'dokument/styrdokument-och-handlingsplaner-'.repeat(3)}2025-2027.pdf`.slice(0, 150);
const longAnswer = `Se ${longUrl} och Stadskärnesamverkansorganisationensverksamhetsplaneringsdokumentation för detaljer. ${'Styrelsen följer upp målen varje kvartal. '.repeat(20)}`;

let system: TestSystem;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  if (!haveBrowser) return;
  system = await startTestSystem();
  browser = await launchBrowser();
  // Our pages forbid inline scripts (CSP); axe is injected into them, so this context bypasses CSP.
  context = await browser.newContext({ bypassCSP: true, viewport: { width: 390, height: 844 } });
  mkdirSync('test-results', { recursive: true });
}, 60_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await system?.stop();
});

interface Finding {
  page: string;
  width: number;
  problem: string;
}

/** Both widths, on the page as it is now (a POST answer is kept: resizing reflows it, no reload). */
async function check(page: Page, name: string, findings: Finding[]): Promise<void> {
  for (const width of widths) {
    await page.setViewportSize({ width, height: 800 });
    // Browser-side code as strings: this project type-checks for Node, without the DOM's types.
    const { scrollWidth, clientWidth } = (await page.evaluate(
      '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
    )) as { scrollWidth: number; clientWidth: number };
    if (scrollWidth > clientWidth) findings.push({ page: name, width, problem: `scrolls sideways: ${scrollWidth} px wide in ${clientWidth} px` });
    await page.addScriptTag({ path: axeSource });
    const violations = (await page.evaluate(
      "axe.run(document).then((r) => r.violations.map((v) => v.id + ' (' + v.nodes.map((n) => n.target.join(' ')).join(', ') + ')'))",
    )) as string[];
    for (const violation of violations) findings.push({ page: name, width, problem: `axe: ${violation}` });
    if (width === 390 && screenshotsOf.has(name)) await page.screenshot({ path: `test-results/${name}-390.png`, fullPage: true });
  }
}

async function visit(page: Page, path: string, name: string, findings: Finding[], expectedStatus = 200): Promise<void> {
  const response = await page.goto(`${system.baseUrl}${path}`);
  expect(response?.status(), `${name}: ${path}`).toBe(expectedStatus);
  await check(page, name, findings);
}

/** Sends a form as the browser would (a real POST navigation) and checks the answer page. */
async function post(page: Page, path: string, fields: Record<string, string>, name: string, findings: Finding[], expectedStatus: number): Promise<void> {
  const answer = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(path));
  await page.evaluate(`(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = ${JSON.stringify(path)};
    for (const [name, value] of ${JSON.stringify(Object.entries(fields))}) {
      form.append(Object.assign(document.createElement('input'), { type: 'hidden', name, value }));
    }
    document.body.append(form);
    form.submit();
  })()`);
  expect((await answer).status(), name).toBe(expectedStatus);
  await page.waitForLoadState('load');
  await check(page, name, findings);
}

function applicationWithLongData(organisationNumber: string) {
  return {
    ...exampleFull,
    organisation: { ...exampleFull.organisation, organisationNumber, name: longName, town: longTown, municipality: `${longTown}s kommun`, website: longUrl },
    contact: { ...exampleFull.contact, name: 'Maximiliana Alexandrovna Exempelsson-Långnamnsdotter', email: longEmail },
    answers: { ...exampleFull.answers, visionAndGoals: longAnswer, statutesUrl: longUrl, businessPlanUrl: longUrl },
  };
}

async function postJson(body: unknown): Promise<Response> {
  return system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe.skipIf(!haveBrowser)('every page on a phone', () => {
  it('reflows at 320 and 390 px with long data, and axe finds no violations', async () => {
    const findings: Finding[] = [];
    const page = await context.newPage();

    // Prepare: a member with long names, its application, and the mails the system sends.
    const member = await registerFreshMember(system, { name: longName, town: longTown, emails: [longEmail] });
    const submitted = await postJson(applicationWithLongData(member.organisationNumber));
    expect(submitted.status).toBe(201);
    const { id, statusUrl } = (await submitted.json()) as { id: string; statusUrl: string };
    const reviewLink = linkIn(await system.waitForMail((m) => m.subject.includes(id) && m.subject.startsWith('Ny ansökan att granska')), 'review');

    // The public pages and the forms.
    await visit(page, '/', 'landing', findings);
    await visit(page, '/integritet', 'privacy', findings);
    await visit(page, '/finns-inte', 'not-found', findings, 404);
    await visit(page, '/apply', 'apply-full', findings);
    await visit(page, '/apply?type=revision', 'apply-revision', findings);
    await visit(page, '/apply?lang=en', 'apply-english', findings);
    await post(page, '/applications', { type: 'full', locale: 'sv', idempotencyKey: 'reflow-empty', 'organisation.website': longUrl, 'contact.email': longEmail }, 'apply-errors', findings, 400);
    await visit(page, '/self-evaluation', 'self-evaluation', findings);
    await post(page, '/self-evaluation/summary', flatten(applicationWithLongData('802999-1000')), 'self-evaluation-summary', findings, 200);

    // The reviewer: the page, a decision without its comment (error), the decision, the used link.
    await visit(page, pathOf(reviewLink), 'review', findings);
    await post(page, pathOf(reviewLink), { decision: 'reject' }, 'review-error', findings, 400);
    // A partner's page, then every partner confirms: approving needs them all.
    await visit(page, pathOf(linkIn(await partnerMailFor(system, id, exampleFull.partners[0]!.email), 'partner')), 'partner-confirmation', findings);
    await confirmPartners(system, id);
    await post(page, pathOf(reviewLink), { decision: 'approve', ...assessEvery('met') }, 'review-receipt', findings, 200);
    await system.waitForMail((m) => isTo(longEmail)(m) && m.subject.startsWith('Grattis!') && m.subject.includes(id));
    await visit(page, pathOf(reviewLink), 'review-used', findings);
    const certificateId = /Certifikatet har nummer <strong>(QM-\d{4}-\d{4})<\/strong>/.exec(await page.content())?.[1];
    expect(certificateId, 'the used link names the certificate').toBeDefined();
    await visit(page, `/review/${'x'.repeat(43)}`, 'review-unknown', findings, 404);

    // The applicant's status page (certified), the register and the certificate.
    await visit(page, pathOf(statusUrl), 'status-certified', findings);
    await visit(page, `/status/${'x'.repeat(43)}`, 'status-unknown', findings, 404);
    await visit(page, '/register', 'register', findings);
    await visit(page, '/register?date=inte-ett-datum', 'register-error', findings, 400);
    await visit(page, `/certificates/${certificateId}`, 'certificate', findings);
    await visit(page, '/certificates/QM-2099-9999', 'certificate-unknown', findings, 404);

    // A completion: another application, sent back by its reviewer.
    const second = await registerFreshMember(system, { name: `${longName}Två`, town: longTown, emails: [longEmail] });
    const secondAnswer = (await (await postJson(applicationWithLongData(second.organisationNumber))).json()) as { id: string };
    const secondReview = linkIn(await system.waitForMail((m) => m.subject.includes(secondAnswer.id) && m.subject.startsWith('Ny ansökan att granska')), 'review');
    await post(page, pathOf(secondReview), { decision: 'request_completion', comment: `Bifoga budgeten: ${longUrl}`, ...assessEvery('met', { financingByAgreement: 'partly' }) }, 'review-receipt-completion', findings, 200);
    const completionLink = linkIn(await system.waitForMail((m) => m.subject.includes(secondAnswer.id) && m.subject.startsWith('Komplettering behövs')), 'complete');
    await visit(page, pathOf(completionLink), 'completion', findings);

    // An application from an address the member has not registered: the 202 receipt and the member's page.
    const third = await registerFreshMember(system, { name: `${longName}Tre`, town: longTown, emails: ['kansli@langnamn.example'] });
    await page.goto(`${system.baseUrl}/apply`);
    const form = { ...flatten(applicationWithLongData(third.organisationNumber)), 'contact.email': `annan.${longEmail}`, idempotencyKey: 'reflow-unregistered' };
    await post(page, '/applications', form, 'receipt-awaiting-confirmation', findings, 202);
    const confirmLink = linkIn(await system.waitForMail((m) => isTo('kansli@langnamn.example')(m) && m.subject.startsWith('Bekräfta ansökan')), 'confirm');
    await visit(page, pathOf(confirmLink), 'member-confirmation', findings);

    // Assess
    expect(findings.map((f) => `${f.page} at ${f.width} px: ${f.problem}`)).toEqual([]);
  }, 180_000);
});

/** The application as the form's field names. */
function flatten(application: ReturnType<typeof applicationWithLongData>): Record<string, string> {
  const fields: Record<string, string> = { type: application.type, locale: 'sv' };
  for (const [key, value] of Object.entries(application.organisation)) fields[`organisation.${key}`] = String(value);
  for (const [key, value] of Object.entries(application.contact)) fields[`contact.${key}`] = String(value);
  application.partners.forEach((partner, i) => {
    for (const [key, value] of Object.entries(partner)) fields[`partners.${i}.${key}`] = String(value);
  });
  for (const [key, value] of Object.entries(application.answers)) {
    // A form sends a multiselect as repeated fields; one hidden input per value is not possible
    // with a plain record, so the test sends the first value (enough for a valid application).
    fields[`answers.${key}`] = Array.isArray(value) ? String(value[0]) : String(value);
  }
  return fields;
}
