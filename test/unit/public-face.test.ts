import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { deadlineDate, deadlineWithinDays, endOfStockholmDay } from '../../functions/domain/deadline.js';
import type { ApplicationRecord } from '../../functions/domain/application-record.js';
import { handler as sitePages } from '../../functions/handlers/site-pages.handler.js';
import { clearedReceivedCookie, hasReceivedCookie, receivedCookie } from '../../functions/http/received-notice.js';
import { acknowledgementEmail } from '../../functions/templates/acknowledgement.template.js';
import { renderApplyForm } from '../../functions/templates/apply-form.template.js';
import { renderDecisionMade, renderReviewPage } from '../../functions/templates/review-page.template.js';
import { reviewInvitationEmail } from '../../functions/templates/review-emails.template.js';
import { historyRows, renderStatusPage } from '../../functions/templates/status-page.template.js';
import { genitive } from '../../functions/templates/swedish-genitive.js';
import { exampleFull } from '../helpers/application-flow.js';
import { lambdaContext, type Answer } from '../helpers/http-events.js';
import { siteStyles } from '../../functions/templates/site-styles.js';

function application(overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id: 'A-20261125-7KQ3ZP',
    applicationType: 'full',
    status: 'in_review',
    organisation: { municipality: 'Exempelstads kommun', ...exampleFull.organisation },
    contact: { role: 'Centrumchef', ...exampleFull.contact },
    answers: exampleFull.answers,
    locale: 'sv',
    submittedAt: '2026-11-25T13:05:00.000Z',
    updatedAt: '2026-11-25T13:05:02.000Z',
    version: 3,
    history: [
      { at: '2026-11-25T13:05:00.000Z', actor: exampleFull.contact.email, from: null, to: 'submitted', event: 'submitted', params: {} },
      { at: '2026-11-25T13:05:01.000Z', actor: 'system', from: 'submitted', to: 'acknowledged', event: 'acknowledged', params: {} },
      { at: '2026-11-25T13:05:02.000Z', actor: 'system', from: 'acknowledged', to: 'in_review', event: 'review_started', params: {} },
    ],
    ...overrides,
  };
}

/** The templates escape "/" and "=" in text; compare with what a browser reads. */
const decoded = (markup: string) => markup.replace(/&#x2F;/g, '/').replace(/&#x3D;/g, '=');

function siteEvent(routeKey: string, path: string, method: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return { version: '2.0', routeKey, rawPath: path, rawQueryString: '', headers, isBase64Encoded: false, requestContext: { http: { method, path }, routeKey } } as unknown as APIGatewayProxyEventV2;
}

describe('Swedish genitive', () => {
  it.each([
    ['Växjö City', 'Växjö Citys'],
    ['Testköping Stadskärna AB', 'Testköping Stadskärna AB:s'],
    ['Provby Centrumförening ek. för.', 'Provby Centrumförening ek. för.:s'],
    ['Centrumföreningen i Borås', 'Centrumföreningen i Borås'],
    ['Handelsföreningen Lax', 'Handelsföreningen Lax'],
    ['Stadskärnan Berz', 'Stadskärnan Berz'],
    ['Kvarter 3', 'Kvarter 3:s'],
    ['Exempelstad City i Exempelstad', 'Exempelstad City i Exempelstads'],
  ])('%s → %s', (name, expected) => {
    // Act / Assess
    expect(genitive(name)).toBe(expected);
  });
});

describe('deadlines as whole days', () => {
  it('states the last whole day before the timer, ending at Stockholm midnight, in winter and in summer', () => {
    // Act
    const winter = deadlineWithinDays('2026-11-27T09:00:00.000Z', 60);
    const summer = deadlineWithinDays('2027-05-02T06:00:00.000Z', 60);
    // Assess
    expect(winter).toEqual({ date: '2027-01-25', endsAt: '2027-01-25T23:00:00.000Z' });
    expect(summer).toEqual({ date: '2027-06-30', endsAt: '2027-06-30T22:00:00.000Z' });
    expect(deadlineDate(winter.endsAt)).toBe('2027-01-25');
  });

  it('ends before the timer fires, even for an event just after midnight and across the autumn clock change', () => {
    // Prepare: 00:10 Stockholm time, 26 October 2026 (the day after the clocks went back)
    const event = '2026-10-25T23:10:00.000Z';
    // Act
    const deadline = deadlineWithinDays(event, 14);
    // Assess
    expect(Date.parse(deadline.endsAt)).toBeLessThanOrEqual(Date.parse(event) + 14 * 86_400_000);
    expect(endOfStockholmDay('2026-10-25')).toBe('2026-10-25T23:00:00.000Z');
    expect(endOfStockholmDay('2027-03-28')).toBe('2027-03-28T22:00:00.000Z');
  });
});

describe('the status page', () => {
  it('merges the system’s immediate follow-up steps into the applicant’s event, and shows the applicant’s address in full', () => {
    // Act
    const rows = historyRows(application(), 'sv');
    // Assess
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ at: '2026-11-25T13:05:00.000Z', status: 'in_review', actor: exampleFull.contact.email });
    expect(rows[0]!.comments).toEqual(['Mottagningsbekräftelse skickad till den sökande', 'Granskning påbörjad']);
  });

  it('names the reviewer by role, and keeps a later event on its own row', () => {
    // Prepare
    const decided = application({
      status: 'certified',
      history: [...application().history, { at: '2026-11-27T09:15:00.000Z', actor: 'granskare@stadskarnor.example', from: 'in_review', to: 'certified', event: 'certified', params: { certificateId: 'QM-2026-0001' } }],
    });
    // Act
    const rows = historyRows(decided, 'sv');
    // Assess
    expect(rows.map((r) => r.actor)).toEqual([exampleFull.contact.email, 'Granskaren']);
  });

  it("names a partner's answer by the partner and an override by the association, never as the reviewer", () => {
    // Prepare
    const withPartners = application({
      history: [
        ...application().history,
        { at: '2026-11-26T09:00:00.000Z', actor: 'naringsliv@exempelstads-kommun.example', from: 'in_review', to: 'in_review', event: 'partner_confirmed', params: { partner: { role: 'municipality', organisation: 'Exempelstads kommun' } } },
        { at: '2026-11-27T09:00:00.000Z', actor: 'qm-ansvarig@stadskarnor.example', from: 'in_review', to: 'in_review', event: 'partner_overridden', params: { partner: { role: 'property_owners', organisation: 'Fastighetsägarna' }, reason: 'Undantagen' } },
      ],
    });
    // Act
    const swedish = historyRows(withPartners, 'sv');
    const english = historyRows(withPartners, 'en');
    // Assess
    expect(swedish.map((r) => r.actor).slice(1)).toEqual(['Samverkanspartnern', 'Svenska Stadskärnor']);
    expect(english.map((r) => r.actor).slice(1)).toEqual(['The partner', 'Svenska Stadskärnor']);
  });

  it('carries a collapsed copy of the answers, says the link is personal, and says "Typ av ansökan"', () => {
    // Act
    const page = renderStatusPage({ application: application() });
    // Assess
    expect(page).toMatch(/<details class="answers-copy">\s*<summary><h2>Era svar, som de skickades in<\/h2><\/summary>/);
    expect(page).toContain(String(exampleFull.answers.visionAndGoals));
    expect(page).toContain('Adressen till den här sidan är personlig');
    expect(page).toContain('<dt>Typ av ansökan</dt>');
    expect(page).toContain(`${exampleFull.contact.name}, ${exampleFull.contact.email}`);
    expect(page).not.toContain('@…');
    expect(page).not.toContain('Tack! Er ansökan har tagits emot.');
    expect(page).toContain('<title>Status för ansökan A-20261125-7KQ3ZP – Svenska Stadskärnor</title>');
  });

  it('recognises the one-time "received" cookie only for its own application', () => {
    // Prepare
    const set = receivedCookie('A-20261125-7KQ3ZP');
    const sent = set.split(';')[0]!;
    // Act / Assess
    expect(set).toMatch(/^qm-mottagen=A-20261125-7KQ3ZP; Max-Age=60; Path=\/status\/; HttpOnly; SameSite=Lax; Secure$/);
    expect(hasReceivedCookie([sent], 'A-20261125-7KQ3ZP')).toBe(true);
    expect(hasReceivedCookie([sent], 'A-20261125-OTHER1')).toBe(false);
    expect(hasReceivedCookie(undefined, 'A-20261125-7KQ3ZP')).toBe(false);
    expect(clearedReceivedCookie()).toContain('Max-Age=0');
  });
});

describe('mails', () => {
  it('the acknowledgement says the link is personal, summarises the answers and ends with the contact and the privacy notice', () => {
    // Act
    const mail = acknowledgementEmail(application(), 'https://qm.example/status/abc');
    // Assess
    expect(mail.text).toContain('Länken är personlig');
    expect(mail.text).toContain(`Kontaktperson: ${exampleFull.contact.name}`);
    expect(mail.text).toContain('Vilken är er gemensamma vision och vilka mål har ni?: Exempelstads centrum');
    expect(mail.text).toMatch(/Frågor\? Skriv till \S+@\S+\nSå behandlar vi personuppgifter: \S*\/integritet$/);
    expect(decoded(mail.html)).toContain('/integritet</a>');
  });

  it('asks a reviewer to review a revision as a revision', () => {
    // Act
    const mail = reviewInvitationEmail(application({ applicationType: 'revision' }), 'granskare@stadskarnor.example', 'https://qm.example/review/x', 1);
    // Assess
    expect(mail.subject).toBe(`Revidering att granska: ${exampleFull.organisation.name} i ${exampleFull.organisation.town} (A-20261125-7KQ3ZP)`);
  });
});

describe('the reviewer’s pages', () => {
  const decision = { decision: 'approve' as const, decidedBy: 'granskare@stadskarnor.example', decidedAt: '2026-11-27T09:15:00.000Z' };

  it('the receipt of an approval gives the certificate number and links to its page and the register', () => {
    // Act
    const page = renderDecisionMade(application({ certificateId: 'QM-2026-0007' }), decision, { justNow: true });
    // Assess
    expect(page).toContain('Certifikatet har nummer <strong>QM-2026-0007</strong>');
    expect(page).toContain('href="/certificates/QM-2026-0007"');
    expect(page).toContain('href="/register"');
  });

  it('a used link shows the application read-only below "Beslut är redan fattat"', () => {
    // Act
    const page = renderDecisionMade(application(), decision, { justNow: false });
    // Assess
    expect(page.indexOf('Beslut är redan fattat')).toBeLessThan(page.indexOf('Ansökan som beslutet gäller'));
    expect(page).toContain(exampleFull.contact.email);
    expect(page).not.toContain('<form');
  });

  it('puts the error summary after the page heading', () => {
    // Act
    const page = renderReviewPage({
      application: application(),
      round: { applicationId: application().id, round: 1, state: 'open', openedAt: '2026-11-20T09:00:00Z', reviewers: ['granskare@stadskarnor.example'] },
      reviewer: 'granskare@stadskarnor.example',
      action: '/review/x',
      context: { record: { certificates: [], applications: [] }, partners: [] },
      errors: [{ path: 'decision', message: 'Välj ett beslut.' }],
    });
    // Assess
    expect(page.indexOf('<h1>')).toBeLessThan(page.indexOf('<div class="error-summary"'));
  });
});

describe('the application form', () => {
  it('states every length limit in the hint and lets no browser cut pasted text', () => {
    // Act
    const page = decoded(renderApplyForm({ type: 'full', locale: 'sv', idempotencyKey: 'k' }));
    // Assess
    expect(page).not.toContain('maxlength');
    expect(page).toContain('Högst 4\u00a0000 tecken.');
    expect(page).toContain('Högst 200 tecken.');
    expect(page).toMatch(/<legend>Kontaktperson<\/legend>\s*<p class="hint" id="contact-privacy">[^<]*<a href="\/integritet">Så behandlar vi personuppgifter<\/a>/);
  });
});

describe('the site pages', () => {
  const call = async (event: APIGatewayProxyEventV2) => {
    const answer = (await sitePages(event, lambdaContext)) as Answer & { isBase64Encoded?: boolean };
    return answer.isBase64Encoded ? answer : { ...answer, body: decoded(answer.body) };
  };

  it('serves the landing page and the privacy notice with the footer', async () => {
    // Act
    const landing = await call(siteEvent('GET /', '/', 'GET'));
    const privacy = await call(siteEvent('GET /integritet', '/integritet', 'GET'));
    // Assess
    expect(landing.statusCode).toBe(200);
    expect(landing.body).toContain('href="/apply"');
    expect(landing.body).toContain('href="/register"');
    expect(privacy.statusCode).toBe(200);
    for (const heading of ['Vilka uppgifter vi samlar in', 'Varför, och med vilken rättslig grund', 'Hur länge vi sparar uppgifterna', 'Vem som ser uppgifterna', 'Dina rättigheter']) {
      expect(privacy.body).toContain(`<h2>${heading}</h2>`);
    }
    expect(privacy.body).toMatch(/<footer class="site-footer">[\s\S]*mailto:[^"]+@[\s\S]*href="\/integritet"[\s\S]*href="\/register"/);
  });

  it('serves an ICO favicon', async () => {
    // Act
    const icon = await call(siteEvent('GET /favicon.ico', '/favicon.ico', 'GET'));
    const bytes = Buffer.from(icon.body, 'base64');
    // Assess
    expect(icon.headers['content-type']).toBe('image/x-icon');
    expect(icon.isBase64Encoded).toBe(true);
    expect([...bytes.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
  });

  it('serves the one style sheet every page links to, with a validator for a cheap revisit', async () => {
    // Act
    const sheet = await call(siteEvent('GET /styles.css', '/styles.css', 'GET'));
    const again = await call(siteEvent('GET /styles.css', '/styles.css', 'GET', { 'if-none-match': sheet.headers.etag ?? '' }));
    const page = await call(siteEvent('GET /', '/', 'GET'));
    // Assess
    expect(sheet.statusCode).toBe(200);
    expect(sheet.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(sheet.body).toBe(siteStyles);
    expect(sheet.body).toContain('.site-footer');
    expect(again.statusCode).toBe(304);
    expect(page.body).toContain('<link rel="stylesheet" href="/styles.css">');
    expect(page.headers['content-security-policy']).toContain("style-src 'self'");
  });

  it('answers an unknown path with a Swedish HTML page for browsers and problem+json for the API', async () => {
    // Act
    const browser = await call(siteEvent('$default', '/nagot/annat', 'GET', { accept: 'text/html,application/xhtml+xml' }));
    const client = await call(siteEvent('$default', '/nagot/annat', 'GET', { accept: 'application/json' }));
    const apiFromBrowser = await call(siteEvent('$default', '/api/okand', 'GET', { accept: 'text/html' }));
    // Assess
    expect(browser.statusCode).toBe(404);
    expect(browser.headers['content-type']).toContain('text/html');
    expect(browser.body).toContain('<h1>Sidan finns inte</h1>');
    expect(client.statusCode).toBe(404);
    expect(client.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(client.body)).toMatchObject({ status: 404, type: expect.stringContaining('not-found') });
    expect(apiFromBrowser.headers['content-type']).toContain('application/problem+json');
  });
});
