import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../functions/domain/criteria.js';
import { summariseSelfEvaluation } from '../../functions/domain/self-evaluation.js';
import { handler as applyFormHandler } from '../../functions/handlers/apply-form.handler.js';
import { handler as selfEvaluationHandler } from '../../functions/handlers/self-evaluation.handler.js';
import { selfEvaluationView } from '../../functions/templates/self-evaluation.template.js';
import { getEvent, lambdaContext, postEvent, type Answer } from '../helpers/http-events.js';
import { pdfText } from '../helpers/pdf-tools.js';

// The self-evaluation as API Gateway calls it. No table, no mail: the function has neither.
const formType = { 'content-type': 'application/x-www-form-urlencoded' };

/** What a board might fill in: some sections, with åäö and an en dash, others left open. */
const answers = new URLSearchParams([
  ['type', 'full'],
  ['locale', 'sv'],
  ['organisation.name', 'Ölandsstaden Centrumförening'],
  ['organisation.town', 'Ölandsstaden'],
  ['answers.partnershipActors', 'municipality'],
  ['answers.partnershipActors', 'propertyOwners'],
  ['answers.legalForm', 'nonProfitAssociation'],
  ['answers.annualBudget', '1 200 000'],
  ['answers.planPeriod', '2025–2027'],
  ['answers.agreementsWithAllParties', 'true'],
  ['answers.followUpReporting', 'Besöksräkning varje månad; årlig enkät om trygghet & trivsel.'],
  ['answers.notAQuestion', 'skräp'],
  ['idempotencyKey', 'should-not-travel'],
]);

/** The page as a browser reads its attributes (the template escapes `/` in interpolated values). */
const decoded = (answer: Answer): Answer => ({ ...answer, body: answer.body.replaceAll('&#x2F;', '/') });
const post = async (handler: typeof selfEvaluationHandler, route: `POST /${string}`, body: URLSearchParams | string, headers = formType) =>
  decoded((await handler(postEvent(route, route.slice(5), body.toString(), headers), lambdaContext)) as Answer) as Answer & { isBase64Encoded?: boolean };

const hiddenValues = (page: string, name: string) =>
  [...page.matchAll(new RegExp(`<input type="hidden" name="${name.replace('.', '\\.')}" value="([^"]*)">`, 'g'))].map((m) => m[1]);

describe('GET /self-evaluation', () => {
  it("shows the application's questions as a form that says nothing is sent, posting to the summary without JavaScript", async () => {
    // Act
    const answer = decoded((await selfEvaluationHandler(getEvent('GET /self-evaluation', '/self-evaluation'), lambdaContext)) as Answer);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('<html lang="sv">');
    expect(answer.body).toContain('Ingenting skickas till Svenska Stadskärnor och ingenting sparas');
    expect(answer.body).toContain('<form method="post" action="/self-evaluation/summary"');
    expect(answer.body).toContain('formaction="/self-evaluation/summary.pdf"');
    expect(answer.body).toContain('name="answers.visionAndGoals"');
    expect(answer.body).toContain('name="organisation.name"');
    expect(answer.body).not.toContain('name="idempotencyKey"');
    expect(answer.body).not.toContain('<script');
  });

  it('offers the revision questions and English', async () => {
    // Act
    const revision = (await selfEvaluationHandler(getEvent('GET /self-evaluation', '/self-evaluation', { query: { type: 'revision', lang: 'en' } }), lambdaContext)) as Answer;

    // Assess
    expect(revision.body).toContain('<html lang="en">');
    expect(revision.body).toContain('Nothing is sent to Svenska Stadskärnor');
    expect(revision.body).toContain('name="answers.changesSinceLastCertificate"');
    expect(revision.body).not.toContain('name="answers.visionAndGoals"');
  });
});

describe('POST /self-evaluation/summary', () => {
  it('renders per section the answers, the questions left unanswered and a checklist, and warns that nothing is stored', async () => {
    // Act
    const answer = await post(selfEvaluationHandler, 'POST /self-evaluation/summary', answers);

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['cache-control']).toBe('no-store');
    const page = answer.body;
    expect(page).toContain('<h1>Sammanställning av självutvärderingen: Ölandsstaden Centrumförening, Ölandsstaden</h1>');
    expect(page).toContain('Svaren sparas inte. De finns bara i den här sidan, i utskriften och i PDF:en');
    expect(page).toContain('<dd>Kommunen, Fastighetsägare</dd>');
    expect(page).toContain('<dd>1 200 000</dd>');
    expect(page).toContain('<dd>2025–2027</dd>');
    expect(page).toContain('<dd>Ja</dd>');
    expect(page).toContain('Besöksräkning varje månad; årlig enkät om trygghet &amp; trivsel.');
    // Unanswered: the action plan section is left empty, so its questions are listed.
    const start = page.indexOf('<h2>Handlingsplan och verksamhet');
    const operations = page.slice(start, page.indexOf('</section>', start));
    expect(operations).toContain('Inga frågor i avsnittet är besvarade.');
    expect(operations).toMatch(/<h3>Obesvarade frågor<\/h3>\n<ul><li>[^<]+<\/li><li>[^<]+<\/li><\/ul>/);
    expect(page).toContain('<h3>Checklista för styrelsen</h3>');
    expect(page).toContain('<ul class="checklist">');
  });

  it('carries the known answers on in hidden fields to the PDF, back to the form and to POST /apply, and nothing else', async () => {
    // Act
    const page = (await post(selfEvaluationHandler, 'POST /self-evaluation/summary', answers)).body;

    // Assess
    expect(page).toContain('formaction="/apply"');
    expect(page).toContain('>Använd som ansökan</button>');
    expect(page).toContain('formaction="/self-evaluation"');
    expect(hiddenValues(page, 'answers.partnershipActors')).toEqual(['municipality', 'propertyOwners']);
    expect(hiddenValues(page, 'answers.planPeriod')).toEqual(['2025–2027']);
    expect(hiddenValues(page, 'answers.notAQuestion')).toEqual([]);
    expect(hiddenValues(page, 'idempotencyKey')).toEqual([]);
  });

  it('gives the same summary as a PDF that extracts with åäö', async () => {
    // Act
    const answer = await post(selfEvaluationHandler, 'POST /self-evaluation/summary.pdf', answers);
    const { text, size } = await pdfText(Buffer.from(answer.body, 'base64'));

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/pdf');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="qm-sjalvutvardering.pdf"');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.isBase64Encoded).toBe(true);
    const flat = text.replace(/\s+/g, ' ');
    expect(size.map(Math.round)).toEqual([595, 842]);
    expect(flat).toContain('Sammanställning av självutvärderingen: Ölandsstaden Centrumförening, Ölandsstaden');
    expect(flat).toContain('Svaren sparas inte.');
    expect(flat).toContain('Kommunen, Fastighetsägare');
    expect(flat).toContain('2025–2027');
    expect(flat).toContain('Obesvarade frågor');
    expect(flat).toContain('Checklista för styrelsen');
  });

  it('answers 415 in Swedish for a body that is not a form', async () => {
    // Act
    const answer = await post(selfEvaluationHandler, 'POST /self-evaluation/summary', '{"answers":{}}', { 'content-type': 'application/json' });

    // Assess
    expect(answer.statusCode).toBe(415);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(answer.body)).toMatchObject({ title: 'Innehållstypen stöds inte' });
  });
});

describe('criteria, once they exist', () => {
  it('make the checklist of the sections whose questions they are judged on; other sections keep their questions', () => {
    // Prepare
    const criteria: Criterion[] = [
      { id: 'financingByAgreement', title: { sv: 'Finansiering genom avtal', en: 'Financing by agreement' }, questionIds: ['agreements', 'agreementsWithAllParties'] },
    ];

    // Act
    const view = selfEvaluationView(summariseSelfEvaluation(Object.fromEntries(answers), criteria), 'sv');

    // Assess
    const financing = view.sections.find((s) => s.title === 'Finansiering och avtal')!;
    const partnership = view.sections.find((s) => s.title === 'Samverkan')!;
    expect(financing.checklist).toEqual(['Finansiering genom avtal']);
    expect(financing.checklistIntro).toBe('Gå igenom kriterierna: uppfyller vi dem?');
    expect(partnership.checklist).toContain('Vilka aktörer ingår i samverkan?');
  });
});

describe('POST /apply', () => {
  it('renders the real application form prefilled with the posted answers, with a fresh idempotency key', async () => {
    // Prepare
    const summary = (await post(selfEvaluationHandler, 'POST /self-evaluation/summary', answers)).body;
    const carried = new URLSearchParams();
    for (const [, name, value] of summary.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) carried.append(name!, value!.replaceAll('&amp;', '&'));

    // Act
    const answer = await post(applyFormHandler, 'POST /apply', carried);

    // Assess
    expect(answer.statusCode).toBe(200);
    const form = answer.body;
    expect(form).toContain('<form method="post" action="/applications"');
    expect(form).toContain('Formuläret är ifyllt med svaren från er självutvärdering.');
    expect(form).toMatch(/name="organisation\.name" value="Ölandsstaden Centrumförening"/);
    expect(form).toMatch(/name="answers\.partnershipActors" value="municipality" checked/);
    expect(form).toMatch(/name="answers\.partnershipActors" value="tradeAndBusiness"(?! checked)/);
    expect(form).toContain('Besöksräkning varje månad; årlig enkät om trygghet &amp; trivsel.</textarea>');
    expect(form).toMatch(/<option value="nonProfitAssociation" selected>/);
    expect(form).toMatch(/name="idempotencyKey" value="[0-9a-f-]{36}"/);
    expect(form).not.toContain('class="error-summary"');
  });
});
