import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LifecycleState } from '../../workflows/application-lifecycle.workflow.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import {
  answerAsPartner,
  assessEvery,
  confirmPartners,
  decide,
  exampleFull,
  isTo,
  linkIn,
  partnerMailFor,
  pathOf,
  reviewerLinkFor,
  submitExample,
} from '../helpers/application-flow.js';
import type { StoredHistoryEntry } from '../../functions/domain/application-record.js';
import { historyText } from '../../functions/templates/history-messages.js';
import { paths } from '../../functions/http/paths.js';

// Assessment by criteria and the partners' confirmations (issue 12), on the local system: the
// synthesised state machine runs the review beside a Map of partner callbacks. The partners' wait
// is shortened by state name so that reminders come within the test.
const reviewer = 'granskare@stadskarnor.example';
const [municipality, propertyOwners] = exampleFull.partners as [(typeof exampleFull.partners)[number], (typeof exampleFull.partners)[number]];
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem({
    env: { REVIEWER_EMAILS: reviewer },
    timeOverrides: { taskTimeoutSeconds: { [LifecycleState.AwaitPartnerConfirmation]: 2 }, retryIntervalSeconds: 0.05 },
  });
});
afterAll(async () => {
  await system?.stop();
});

interface StoredApplication {
  status: string;
  history: StoredHistoryEntry[];
  certificateId?: string;
}

async function application(id: string): Promise<StoredApplication> {
  const { Item } = await system.documentClient.send(new GetCommand({ TableName: system.tableName, Key: { pk: `APP#${id}`, sk: 'APP' } }));
  return Item as StoredApplication;
}

const reviewPage = async (link: string) => (await system.fetchApp(pathOf(link))).text();
const partnerLink = async (id: string, email: string) => linkIn(await partnerMailFor(system, id, email), 'partner');

describe('the criteria catalogue', () => {
  it('is published at /api/criteria in Swedish, and in English with ?lang=en', async () => {
    // Act
    const sv = await system.fetchApp(paths.api.criteria);
    const en = await system.fetchApp('/api/criteria?lang=en');

    // Assess
    expect(sv.status).toBe(200);
    const criteria = (await sv.json()) as { id: string; title: string; questionIds: string[] }[];
    expect(criteria.map((c) => c.id)).toEqual(['keyActors', 'organisationAndBoard', 'financingByAgreement', 'visionAndGoals', 'actionPlan', 'followUp', 'changesAndResults']);
    expect(criteria[0]).toMatchObject({ title: 'Alla nyckelaktörer deltar', questionIds: ['partnershipActors'] });
    expect(criteria.at(-1)!.title).toBe('Förändringar och resultat');
    expect(((await en.json()) as { title: string }[])[0]!.title).toBe('All key actors take part');
  });
});

describe('approving', () => {
  it('is refused with 400 while a criterion is not met: the page names it and keeps the input', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Kriteriestad City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    await confirmPartners(system, id);

    // Act
    const response = await decide(system, link, 'approve', undefined, assessEvery('met', { actionPlan: 'partly' }));

    // Assess
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Inte uppfyllt eller inte bedömt: ”Handlingsplan”');
    expect(page).toMatch(/name="criterion\.actionPlan" id="criterion-actionPlan-partly" value="partly" checked/);
    expect(page).toMatch(/id="decision-approve" value="approve" checked/);
    expect((await application(id)).status).toBe('in_review');
  });

  it('is refused with 409 until every partner has confirmed; the certificate then lists the partners', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Partnerstad City' });
    const link = await reviewerLinkFor(system, id, reviewer);

    // Act: nobody has confirmed, then the municipality has
    const before = await decide(system, link, 'approve');
    expect((await answerAsPartner(system, await partnerLink(id, municipality.email), 'confirm')).status).toBe(200);
    const half = await decide(system, link, 'approve');
    const halfPage = await half.text();
    const reviewHalf = await reviewPage(link);
    expect((await answerAsPartner(system, await partnerLink(id, propertyOwners.email), 'confirm')).status).toBe(200);
    const after = await decide(system, link, 'approve');

    // Assess
    expect(before.status).toBe(409);
    expect(await before.text()).toContain('Väntar på: Kommunen (Exempelstads kommun), Fastighetsägarna Exempelstad');
    expect(half.status).toBe(409);
    expect(halfPage).toContain('Väntar på: Fastighetsägarna Exempelstad.');
    expect(reviewHalf).toContain('1 av 2 har bekräftat');
    expect(reviewHalf).toMatch(/Kommunen \(Exempelstads kommun\)<\/td><td[^>]*>[^<]*<\/td><td[^>]*><strong class="answer-yes">Har bekräftat/);
    expect(reviewHalf).toMatch(/Fastighetsägarna Exempelstad<\/td><td[^>]*>[^<]*<\/td><td[^>]*>Har inte svarat/);
    expect(after.status).toBe(200);
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    const { certificateId, history } = await application(id);
    expect(history.filter((h) => h.event === 'partner_confirmed').map((h) => h.actor)).toEqual([municipality.email, propertyOwners.email]);
    const certificatePage = await (await system.fetchApp(paths.certificate(certificateId!))).text();
    expect(certificatePage).toContain('Kommunen (Exempelstads kommun), Fastighetsägarna Exempelstad');
    expect(certificatePage).not.toContain(municipality.name);
    const register = (await (await system.fetchApp(paths.api.register)).json()) as { certificates: { certificateId: string; partners: unknown }[] };
    expect(register.certificates.find((c) => c.certificateId === certificateId)?.partners).toEqual([
      { role: 'municipality', organisation: 'Exempelstads kommun' },
      { role: 'property_owners', organisation: 'Fastighetsägarna Exempelstad' },
    ]);
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(certificateId!));
    expect(mail.body.text).toContain('Handlingsplan: Uppfyllt');
  });
});

describe('a completion', () => {
  it("names its criteria with the reviewer's comments in the mail, the form and the status page", async () => {
    // Prepare
    const { id, statusUrl } = await submitExample(system, { name: 'Bristby City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    const assessment = {
      ...assessEvery('met', { financingByAgreement: 'partly', followUp: 'not_met' }),
      'criterionComment.financingByAgreement': 'Avtalet med handeln saknas.',
      'criterionComment.followUp': 'Ingen mätning av vakanser.',
    };

    // Act
    const none = await decide(system, link, 'request_completion', 'Komplettera enligt nedan.', assessEvery('met'));
    const response = await decide(system, link, 'request_completion', 'Komplettera enligt nedan.', assessment);

    // Assess
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Ange vilka kriterier kompletteringen gäller');
    expect(response.status).toBe(200);
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('Komplettering') && m.subject.includes(id));
    expect(mail.body.text).toContain('Finansiering genom avtal: Delvis uppfyllt – Avtalet med handeln saknas.');
    expect(mail.body.text).toContain('Uppföljning: Inte uppfyllt – Ingen mätning av vakanser.');
    expect(mail.body.text).not.toContain('Handlingsplan:');
    const form = await (await system.fetchApp(pathOf(linkIn(mail, 'complete')))).text();
    expect(form).toMatch(/<div class="notice"><p><strong>Granskaren om ”Finansiering genom avtal” \(delvis uppfyllt\): Avtalet med handeln saknas\.<\/strong><\/p><div class="field[^"]*">\s*<label for="field-answers-annualBudget">/);
    expect(form).toMatch(/Granskaren om ”Uppföljning” \(inte uppfyllt\): Ingen mätning av vakanser\.<\/strong><\/p><div class="field[^"]*">\s*<fieldset[^>]*>\s*<legend class="label">Vilka mått/);
    const status = await (await system.fetchApp(pathOf(statusUrl))).text();
    expect(status).toContain('Granskarens bedömning per kriterium');
    expect(status).toMatch(/<td[^>]*>Uppföljning<\/td><td[^>]*>Inte uppfyllt<\/td><td[^>]*>Ingen mätning av vakanser\.<\/td>/);
  });
});

describe('save and resume', () => {
  it('decision=save keeps the assessment on the round; the link stays usable and shows it again', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Sparstad City' });
    const link = await reviewerLinkFor(system, id, reviewer);

    // Act
    const saved = await decide(system, link, 'save', undefined, { 'criterion.keyActors': 'met', 'criterion.followUp': 'partly', 'criterionComment.followUp': 'Fråga om enkäten.' });
    const later = await reviewPage(link);

    // Assess
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Bedömningen är sparad');
    expect(later).toMatch(/id="criterion-keyActors-met" value="met" checked/);
    expect(later).toMatch(/id="criterion-followUp-partly" value="partly" checked/);
    expect(later).toContain('>Fråga om enkäten.</textarea>');
    expect(later).not.toMatch(/id="criterion-actionPlan-\w+" value="\w+" checked/);
    const stored = await application(id);
    expect(stored.status).toBe('in_review');
    expect(stored.history.filter((h) => h.event === 'assessment').map((h) => historyText(h, 'sv'))).toEqual([
      'Bedömning sparad (omgång 1): Alla nyckelaktörer deltar: Uppfyllt; Uppföljning: Delvis uppfyllt – Fråga om enkäten.',
    ]);
    expect((await decide(system, link, 'reject', 'Samverkan saknas.')).status).toBe(200);
  });
});

describe('a second round', () => {
  it("shows the previous round's assessment and comments, and each changed answer before and after", async () => {
    // Prepare: a completion is requested and sent with a changed answer
    const { id, organisationNumber } = await submitExample(system, { name: 'Andraby City' });
    const first = await reviewerLinkFor(system, id, reviewer);
    const assessment = { ...assessEvery('met', { financingByAgreement: 'not_met' }), 'criterionComment.financingByAgreement': 'Handeln saknar avtal.' };
    expect((await decide(system, first, 'request_completion', 'Se kriterierna.', assessment)).status).toBe(200);
    const request = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes('Komplettering') && m.subject.includes(id));
    const completed = {
      ...exampleFull,
      organisation: { ...exampleFull.organisation, organisationNumber, name: 'Andraby City' },
      answers: { ...exampleFull.answers, agreements: 'Nya treåriga avtal med kommunen, fastighetsägarna och handeln.' },
    };
    const sent = await system.fetchApp(pathOf(linkIn(request, 'complete')), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completed) });
    expect(sent.status).toBe(200);

    // Act
    const page = await reviewPage(await reviewerLinkFor(system, id, reviewer, 'Komplettering inkommen'));

    // Assess
    expect(page).toContain('Förra granskningsomgången (omgång 1)');
    expect(page).toContain('Kommentar: Se kriterierna.');
    expect(page).toMatch(/<td[^>]*>Finansiering genom avtal<\/td><td[^>]*>Inte uppfyllt<\/td><td[^>]*>Handeln saknar avtal\.<\/td>/);
    expect(page).toContain(`<th scope="row">Vilka avtal finns med respektive part?</th><td data-label="Före"><del>${exampleFull.answers.agreements}</del></td><td data-label="Efter"><ins>Nya treåriga avtal med kommunen, fastighetsägarna och handeln.</ins></td>`);
    expect(page).not.toContain('<th scope="row">Hur finansieras verksamheten?</th>');
  });
});

describe('a partner', () => {
  it('declines with a comment, once; the reviewer sees it, approving stays refused, and a rejection ends the workflow', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Avböjarby City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    const municipalityLink = await partnerLink(id, municipality.email);

    // Act
    const withoutComment = await answerAsPartner(system, municipalityLink, 'decline');
    const declined = await answerAsPartner(system, municipalityLink, 'decline', 'Kommunen har inte tecknat något avtal.');
    const again = await answerAsPartner(system, municipalityLink, 'confirm');
    const page = await reviewPage(link);
    const approve = await decide(system, link, 'approve');

    // Assess
    expect(withoutComment.status).toBe(400);
    expect(await withoutComment.text()).toContain('Skriv varför ni avböjer');
    expect(declined.status).toBe(200);
    expect(again.status).toBe(409);
    expect(page).toMatch(/Har avböjt<\/strong> [^<]*: Kommunen har inte tecknat något avtal\./);
    expect(approve.status).toBe(409);
    const stored = await application(id);
    expect(stored.status).toBe('in_review');
    expect(stored.history.filter((h) => h.event === 'partner_declined').map((h) => historyText(h, 'sv'))).toEqual(['Kommunen (Exempelstads kommun) avböjde: Kommunen har inte tecknat något avtal.']);
    // The property owners never answered: the rejection releases their wait, and the execution ends.
    expect((await decide(system, link, 'reject', 'Kommunen står inte bakom ansökan.')).status).toBe(200);
    expect((await system.waitForExecution(id)).status).toBe('SUCCEEDED');
    expect((await system.fetchApp(pathOf(await partnerLink(id, propertyOwners.email)))).status).toBe(410);
  });

  it('who does not answer is reminded twice, in the history and on the review page', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Tystby City' });
    const link = await reviewerLinkFor(system, id, reviewer);
    await answerAsPartner(system, await partnerLink(id, municipality.email), 'confirm');

    // Act: the property owners stay silent
    const second = await partnerMailFor(system, id, propertyOwners.email, 2);

    // Assess
    expect(second.subject).toContain('Påminnelse 2: Bekräfta samverkan');
    expect(linkIn(second, 'partner')).not.toBe(await partnerLink(id, propertyOwners.email));
    expect((await system.mails()).filter((m) => isTo(municipality.email)(m) && m.subject.startsWith('Påminnelse') && m.subject.includes(id))).toEqual([]);
    await expect.poll(async () => (await application(id)).history.filter((h) => h.event === 'partner_reminded').map((h) => historyText(h, 'sv'))).toEqual([
      'Påminnelse 1 till Fastighetsägarna Exempelstad om att bekräfta samverkan',
      'Påminnelse 2 till Fastighetsägarna Exempelstad om att bekräfta samverkan',
    ]);
    expect(await reviewPage(link)).toContain('Har inte svarat (påmind 2 gånger)');
    // An answer after the reminders still counts.
    expect((await answerAsPartner(system, linkIn(second, 'partner'), 'confirm')).status).toBe(200);
    expect((await decide(system, link, 'approve')).status).toBe(200);
    expect((await system.waitForExecution(id)).status).toBe('SUCCEEDED');
  });

  it('link is safe for mail scanners: GET and HEAD change nothing; unknown tokens get 404', async () => {
    // Prepare
    const { id } = await submitExample(system, { name: 'Skannerby City' });
    const link = await partnerLink(id, municipality.email);

    // Act
    const opened = [];
    for (let i = 0; i < 3; i++) {
      opened.push((await system.fetchApp(pathOf(link))).status, (await system.fetchApp(pathOf(link), { method: 'HEAD' })).status);
    }
    const page = await (await system.fetchApp(pathOf(link))).text();

    // Assess: still the form, nothing recorded; the link then takes its one answer
    expect(opened).toEqual([200, 200, 200, 200, 200, 200]);
    expect(page).toContain('name="decision"');
    expect(page).toContain('Vi deltar i samverkan och står bakom ansökan och dess finansieringsavtal');
    expect(page).toContain('Exempelstads kommun');
    expect((await application(id)).history.some((h) => h.event?.startsWith('partner_'))).toBe(false);
    expect((await system.fetchApp(paths.partner('C'.repeat(43)))).status).toBe(404);
    expect((await system.fetchApp('/partner/kort')).status).toBe(404);
    expect((await answerAsPartner(system, link, 'confirm')).status).toBe(200);
  });
});
