import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import {
  assessEvery,
  confirmAndApprove,
  confirmPartners,
  decide,
  exampleFor,
  exampleFull,
  isTo,
  linkIn,
  pathOf,
  registerFreshMember,
  reviewerLinkFor,
  submitExample,
  type CapturedMail,
} from '../helpers/application-flow.js';
import type { StoredHistoryEntry } from '../../functions/domain/application-record.js';
import { absoluteUrl, paths } from '../../functions/http/paths.js';

// The review lifecycle on the local system: the synthesised state machine, real callbacks through
// the Step Functions API, reviewer links from captured mail.
const reviewers = ['granskare.ett@stadskarnor.example', 'granskare.tva@stadskarnor.example'];
let system: TestSystem;

beforeAll(async () => {
  // Retries shortened: the workflow's own intervals (seconds, with jitter) would only slow the test.
  system = await startTestSystem({ env: { REVIEWER_EMAILS: reviewers.join(',') }, timeOverrides: { retryIntervalSeconds: 0.05 } });
});
afterAll(async () => {
  await system?.stop();
});

async function application(id: string) {
  const { Item } = await system.documentClient.send(new GetCommand({ TableName: system.env.TABLE_NAME, Key: { pk: `APP#${id}`, sk: 'APP' } }));
  return Item as { status: string; history: StoredHistoryEntry[]; certificateId?: string; validFrom?: string; validUntil?: string };
}

describe('certify', () => {
  it('emails each reviewer their own link; approving issues a certificate and tells the applicant', async () => {
    // Prepare
    const { id, statusUrl } = await submitExample(system, { name: 'Certstad City' });
    const links = await Promise.all(reviewers.map((r) => reviewerLinkFor(system, id, r)));
    expect(new Set(links).size).toBe(2);
    const invitation = (await system.mails()).find((m) => isTo(reviewers[0]!)(m) && m.subject.includes(id))!;
    expect(invitation.subject).toContain('Certstad City');
    expect(invitation.subject).toContain(exampleFull.organisation.town);

    // Act
    const page = await system.fetchApp(pathOf(links[0]!));
    const response = await confirmAndApprove(system, id, links[0]!);

    // Assess
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/name="decision"/);
    expect(response.status).toBe(200);
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('QM-'));
    const certificateId = /QM-\d{4}-\d{4}/.exec(mail.subject)![0];
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    const stored = await application(id);
    expect(stored.status).toBe('certified');
    expect(stored.certificateId).toBe(certificateId);
    expect(stored.history.filter((h) => h.from !== h.to).map((h) => h.to)).toEqual(['submitted', 'acknowledged', 'in_review', 'certified']);
    expect(stored.history.filter((h) => h.from === h.to).map((h) => h.event)).toEqual(['partner_confirmed', 'partner_confirmed', 'assessment']);
    expect(stored.history.filter((h) => h.from !== h.to).at(-1)?.actor).toBe(reviewers[0]);
    // three years, from the decision date
    const [y, m, d] = stored.validFrom!.split('-');
    expect(stored.validUntil).toBe(`${Number(y) + 3}-${m}-${d}`);
    // the status page shows the certificate
    const status = await (await system.fetchApp(pathOf(statusUrl))).text();
    expect(status).toContain(certificateId);
    expect(status).toMatch(/Godkänd/);
  });
});

describe('reject', () => {
  it("records the rejection and sends the applicant the reviewer's reason", async () => {
    const { id } = await submitExample(system, { name: 'Avslagstad City' });
    const link = await reviewerLinkFor(system, id, reviewers[1]!);
    const response = await decide(system, link, 'reject', 'Finansieringen saknar avtal med fastighetsägarna.');
    expect(response.status).toBe(200);
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id) && m.subject.includes('avslag'));
    expect(mail.body.text).toContain('Finansieringen saknar avtal med fastighetsägarna.');
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    const stored = await application(id);
    expect(stored.status).toBe('rejected');
    expect(stored.history.filter((h) => h.from !== h.to).at(-1)).toMatchObject({ from: 'in_review', to: 'rejected', actor: reviewers[1], event: 'rejected', params: { comment: 'Finansieringen saknar avtal med fastighetsägarna.' } });
  });

  it('needs a comment to reject, and decides nothing without one', async () => {
    const { id } = await submitExample(system, { name: 'Kommentarstad City' });
    const link = await reviewerLinkFor(system, id, reviewers[0]!);
    const missing = await decide(system, link, 'reject');
    const invalid = await decide(system, link, 'maybe', 'x');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/Skriv en motivering/);
    expect(invalid.status).toBe(400);
    expect((await application(id)).status).toBe('in_review');
    expect(await confirmAndApprove(system, id, link)).toHaveProperty('status', 200);
  });
});

describe('completion (komplettering)', () => {
  it('round trip: the applicant completes a prefilled form, reviewers get new links, then certify', async () => {
    // Prepare
    const { id, organisationNumber } = await submitExample(system, { name: 'Kompletteringsstad City' });
    const firstLink = await reviewerLinkFor(system, id, reviewers[0]!);
    // Act 1: ask for completion
    expect((await decide(system, firstLink, 'request_completion', 'Bifoga verksamhetsplanen.')).status).toBe(200);
    const request = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('Komplettering') && m.subject.includes(id));
    expect(request.body.text).toContain('Bifoga verksamhetsplanen.');
    const completeLink = linkIn(request, 'complete');
    const form = await system.fetchApp(pathOf(completeLink));
    const formHtml = await form.text();
    expect(form.status).toBe(200);
    expect(formHtml).toContain('Kompletteringsstad City'); // prefilled
    expect((await application(id)).status).toBe('completion_requested');

    // Act 2: resubmit (validated like a new submission)
    const invalid = await system.fetchApp(pathOf(completeLink), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...exampleFull, contact: { ...exampleFull.contact, email: 'fel' } }) });
    expect(invalid.status).toBe(400);
    const completed = { ...exampleFull, organisation: { ...exampleFull.organisation, organisationNumber, name: 'Kompletteringsstad City', website: 'https://kompletteringsstad.example/verksamhetsplan' } };
    const resubmitted = await system.fetchApp(pathOf(completeLink), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completed) });
    expect(resubmitted.status).toBe(200);
    const again = await system.fetchApp(pathOf(completeLink), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completed) });
    expect(again.status).toBe(409);

    // Assess: back in review, with new reviewer mails; the old link shows the earlier decision
    const secondLink = await reviewerLinkFor(system, id, reviewers[1]!, 'Komplettering inkommen');
    expect(secondLink).not.toBe(firstLink);
    const old = await system.fetchApp(pathOf(firstLink));
    expect(await old.text()).toMatch(/begärde komplettering/);
    expect((await confirmAndApprove(system, id, secondLink)).status).toBe(200);
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    const stored = await application(id);
    expect(stored.status).toBe('certified');
    expect(stored.history.filter((h) => h.from !== h.to).map((h) => h.to)).toEqual(['submitted', 'acknowledged', 'in_review', 'completion_requested', 'in_review', 'certified']);
  });
});

describe('the English status page', () => {
  /** Words of our Swedish tables (history, statuses, labels, dates) that must not reach an English page. */
  const swedishMarkers = [
    'Ansökan', 'ansökan', 'Granskning', 'granskning', 'Granskaren', 'komplettering', 'Komplettering', 'Kompletteringen', 'Certifierad', 'certifierad',
    'Mottagningsbekräftelse', 'omgång', 'Bedömning', 'Uppfyllt', 'Händelser', 'Kommentar', 'Inskickad', 'Systemet', 'Samverkanspartnern', 'bekräftade',
    'påbörjad', 'Godkänd', 'Kriterium', 'januari', 'februari', 'mars', 'maj', 'juni', 'juli', 'augusti', 'oktober',
  ];

  /**
   * What the applicant typed (answers, names, partners): data shown as typed, not our words. Codes
   * (one ASCII word: a role, an option, the locale) are left in: they are never shown as such.
   */
  const typedStrings = (value: unknown): string[] =>
    typeof value === 'string'
      ? /\s|[^\x20-\x7e]/.test(value) ? [value] : []
      : Array.isArray(value) ? value.flatMap(typedStrings) : value && typeof value === 'object' ? Object.values(value).flatMap(typedStrings) : [];

  it('after a completion and a certification has no Swedish sentence, only proper names and what the applicant typed', async () => {
    // Prepare: an application made in English, through a completion round, then certified
    const { organisationNumber } = await registerFreshMember(system, { name: 'Englishtown Centre' });
    const body = { ...exampleFor(organisationNumber, 'Englishtown Centre'), locale: 'en' };
    const submitted = await system.fetchApp(paths.applications, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(submitted.status).toBe(201);
    const { id, statusUrl } = (await submitted.json()) as { id: string; statusUrl: string };
    const firstLink = await reviewerLinkFor(system, id, reviewers[0]!);
    expect((await decide(system, firstLink, 'request_completion', 'Please attach the business plan.')).status).toBe(200);
    const request = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject === `Completion needed: application ${id}`);
    const completed = await system.fetchApp(pathOf(linkIn(request, 'complete')), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(completed.status).toBe(200);
    const secondLink = await reviewerLinkFor(system, id, reviewers[1]!, 'Komplettering inkommen');
    expect((await confirmAndApprove(system, id, secondLink)).status).toBe(200);
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');

    // Act
    const page = await (await system.fetchApp(pathOf(statusUrl))).text();

    // Assess: the text a reader sees, without proper names and the applicant's own words
    // The English legal forms name the Swedish one beside them on purpose, e.g. "Non-profit association (ideell förening)".
    const legalForms = ['(ekonomisk förening)', '(ideell förening)', '(aktiebolag)'];
    const properNames = ['Svenska Stadskärnor', 'Årets Stadskärna', exampleFull.organisation.town, ...legalForms, ...typedStrings(body)].sort((a, b) => b.length - a.length);
    const text = properNames.reduce(
      (rest, name) => rest.replaceAll(name, ' '),
      page.replace(/<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ').replaceAll('&amp;', '&').replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '='),
    );
    expect(page).toContain('<html lang="en">');
    expect(text).toContain('Acknowledgement sent to the applicant');
    expect(text).toContain('The completion has arrived and is being reviewed');
    expect(text).toMatch(/Certified: QM-\d{4}-\d{4}/);
    expect(text.match(/[^\s]*[åäöÅÄÖ][^\s]*/g) ?? []).toEqual([]);
    expect(swedishMarkers.filter((word) => new RegExp(`\\b${word}\\b`, 'u').test(text))).toEqual([]);
  });
});

describe('reviewer links', () => {
  it('GET and HEAD change nothing, however often a mail scanner opens them', async () => {
    const { id } = await submitExample(system, { name: 'Skannerstad City' });
    const link = await reviewerLinkFor(system, id, reviewers[0]!);
    for (let i = 0; i < 3; i++) {
      expect((await system.fetchApp(pathOf(link))).status).toBe(200);
      const head = await system.fetchApp(pathOf(link), { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    }
    expect((await application(id)).status).toBe('in_review');
    expect((await confirmAndApprove(system, id, link)).status).toBe(200);
  });

  it('twenty simultaneous POSTs make exactly one decision and one applicant email', async () => {
    const { id } = await submitExample(system, { name: 'Rusningsstad City' });
    const links = await Promise.all(reviewers.map((r) => reviewerLinkFor(system, id, r)));
    await confirmPartners(system, id);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => decide(system, links[i % 2]!, i % 3 === 0 ? 'approve' : 'reject', `Beslut nummer ${i}`)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    // The workflow has ended (after the decision mail): nothing is left to send for it.
    const isDecisionMail = (m: CapturedMail) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id) && !m.subject.includes('tagit emot');
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    await system.waitForMail(isDecisionMail);
    expect((await system.mails()).filter(isDecisionMail)).toHaveLength(1);
    expect((await application(id)).history.filter((h) => h.from === 'in_review' && h.to !== 'in_review')).toHaveLength(1);
  });

  it('a used link shows who decided what and when, without a form; a second decision gets 409', async () => {
    const { id } = await submitExample(system, { name: 'Beslutstad City' });
    const links = await Promise.all(reviewers.map((r) => reviewerLinkFor(system, id, r)));
    await confirmAndApprove(system, id, links[0]!);
    const page = await system.fetchApp(pathOf(links[1]!));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(reviewers[0]);
    expect(html).toMatch(/godkände ansökan/);
    expect(html).not.toMatch(/name="decision"/);
    const second = await decide(system, links[1]!, 'reject', 'För sent');
    expect(second.status).toBe(409);
    expect(await second.text()).toContain(reviewers[0]);
  });

  it('unknown and malformed tokens get 404, never a 5xx', async () => {
    expect((await system.fetchApp(paths.review('A'.repeat(43)))).status).toBe(404);
    expect((await system.fetchApp('/review/kort')).status).toBe(404);
    expect((await decide(system, absoluteUrl(system.baseUrl, paths.review('B'.repeat(43))), 'approve')).status).toBe(404);
    expect((await system.fetchApp('/review/%E2%80%AE')).status).toBe(404);
  });

  it('records the decider from the link, not from the form', async () => {
    const { id } = await submitExample(system, { name: 'Identitetsstad City' });
    const link = await reviewerLinkFor(system, id, reviewers[1]!);
    await confirmPartners(system, id);
    const form = new URLSearchParams({ decision: 'approve', decidedBy: 'mallory@evil.example', reviewer: 'mallory@evil.example', ...assessEvery('met') });
    await system.fetchApp(pathOf(link), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    expect((await application(id)).history.filter((h) => h.from !== h.to).at(-1)?.actor).toBe(reviewers[1]);
  });
});

describe('failures', () => {
  it('a failing email send is retried by the workflow and then succeeds, once', async () => {
    // Prepare: more failures than the SDK's own three attempts, so the workflow's Retry is needed
    system.mail.failNextSends(4);
    // Act
    const { id } = await submitExample(system, { name: 'Felstad City' });
    // Assess
    await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id));
    await reviewerLinkFor(system, id, reviewers[0]!);
    const acks = (await system.mails()).filter((m) => m.subject.includes(id) && m.subject.includes('tagit emot'));
    expect(acks).toHaveLength(1);
    expect((await application(id)).status).toBe('in_review');
  });
});

describe('an execution that ends outside the workflow', () => {
  it('is recorded through the execution-status rule: aborted → on hold, operator alerted; resumed, a decision made meanwhile counts', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Avbrytarstad City' });
    const link = await reviewerLinkFor(system, id, reviewers[0]!);
    await confirmPartners(system, id);
    const running = await system.waitForExecution(id, (e) => e.status === 'RUNNING');
    // Act: an operator stops the execution
    system.stepFunctions.stopExecution({ executionArn: running.executionArn, error: 'Operator', cause: 'Stopped by hand' });
    // Assess
    const alert = await system.waitForMail((m) => isTo('drift@stadskarnor.example')(m) && m.subject.includes(id));
    expect(alert.body.text).toContain('Operator');
    expect((await application(id)).status).toBe('on_hold');
    // Act: the reviewer decides while it is on hold; then the operator resumes it
    expect((await decide(system, link, 'approve')).status).toBe(200);
    const resumed = system.stepFunctions.startExecution({ stateMachineArn: running.stateMachineArn, name: `${id}-resume-1`, input: JSON.stringify({ applicationId: id, resume: true }) });
    // Assess: the decision taken meanwhile is carried out
    const ended = await system.waitForExecution(resumed.executionArn);
    expect(ended.status).toBe('SUCCEEDED');
    expect((await application(id)).status).toBe('certified');
  });
});
