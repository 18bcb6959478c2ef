import { ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmAndApprove, exampleFull, isTo, pathOf, reviewerLinkFor, submitExample } from '../helpers/application-flow.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { pdfText } from '../helpers/pdf-tools.js';
import { paths } from '../../functions/http/paths.js';

// What a certified town gets, on the local system: the mail with the PDF, the PDF, the badge and the
// verification page over the local gateway; and the self-evaluation, which stores nothing.
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system?.stop();
});

/** Every item in the table: what a request could have stored. */
async function tableItems(): Promise<number> {
  const result = await system.documentClient.send(new ScanCommand({ TableName: system.tableName, Select: 'COUNT' }));
  return result.Count ?? 0;
}

/** Certifies a fresh member registered under the name: its first certificate, valid today. */
async function certify(name: string): Promise<{ certificateId: string; mail: Awaited<ReturnType<TestSystem['waitForMail']>> }> {
  const { id } = await submitExample(system, { name });
  const link = await reviewerLinkFor(system, id, 'granskare@stadskarnor.example');
  expect((await confirmAndApprove(system, id, link)).status).toBe(200);
  const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.startsWith('Grattis!') && m.subject.includes(id));
  return { certificateId: /QM-\d{4}-\d{4}/.exec(mail.subject)![0], mail };
}

describe('after certification', () => {
  it('the mail carries the PDF and links it and the verification page, and both links work', async () => {
    // Act
    const { certificateId, mail } = await certify('Provby Centrumförening ek. för.');

    // Assess: the attachment
    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ filename: `Certifikat ${certificateId}.pdf`, contentType: 'application/pdf' });
    const attached = Buffer.from(attachment!.content, 'base64');
    const { text } = await pdfText(attached);
    expect(text.replace(/\s+/g, ' ')).toContain('Provby Centrumförening ek. för.');
    expect(text).toContain(certificateId);

    // … and the links
    const pdfLink = new RegExp(`https?://[^\\s]+/certificates/${certificateId}\\.pdf`).exec(mail.body.text ?? '')?.[0];
    const pageLink = new RegExp(`https?://[^\\s]+/certificates/${certificateId}(?=\\s)`).exec(mail.body.text ?? '')?.[0];
    expect(pdfLink).toBeDefined();
    expect(pageLink).toBeDefined();
    const pdf = await system.fetchApp(pathOf(pdfLink!));
    const page = await system.fetchApp(pathOf(pageLink!));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const served = Buffer.from(await pdf.arrayBuffer());
    // Deterministic: the PDF served is the one attached, byte for byte.
    expect(Buffer.compare(served, attached)).toBe(0);
    const etag = pdf.headers.get('etag')!;
    expect((await system.fetchApp(pathOf(pdfLink!), { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<p class="verdict-label"><strong>Giltig</strong></p>');
    expect(html).toContain('id="embed-snippet"');
  });

  it('a revocation changes the badge, the PDF, the JSON and the verification page', async () => {
    // Prepare: the workspace that revokes is not built yet; write its two fields as it will.
    const { certificateId } = await certify('Testköping Stadskärna AB');
    const before = await (await system.fetchApp(paths.certificateBadge(certificateId))).text();
    await system.documentClient.send(
      new UpdateCommand({
        TableName: system.tableName,
        Key: { pk: `CERT#${certificateId}`, sk: 'CERT' },
        UpdateExpression: 'SET revokedAt = :at, revocationReason = :why',
        ExpressionAttributeValues: { ':at': new Date(Date.now() - 60_000).toISOString(), ':why': 'Samverkansavtalet har sagts upp.' },
      }),
    );

    // Act
    const badge = await system.fetchApp(paths.certificateBadge(certificateId));
    const json = await system.fetchApp(paths.certificateJson(certificateId));
    const pdf = await system.fetchApp(paths.certificatePdf(certificateId));
    const page = await system.fetchApp(paths.certificate(certificateId));

    // Assess
    expect(before).toContain('Kvalitetsmärkt stadskärna – QM');
    expect(badge.headers.get('cache-control')).toBe('public, max-age=3600');
    const svg = await badge.text();
    expect(svg).toContain('>Återkallat<');
    expect(svg).not.toContain('Kvalitetsmärkt stadskärna');
    expect(await json.json()).toMatchObject({ certificateId, status: 'revoked' });
    const { text } = await pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(text).toContain('ÅTERKALLAT');
    const html = await page.text();
    expect(html).toContain('<strong>Återkallad</strong>');
    expect(html).toContain('Samverkansavtalet har sagts upp.');
  });
});

describe('the self-evaluation', () => {
  it('goes from the form through the summary to a prefilled application form, storing and sending nothing', async () => {
    // Prepare
    const itemsBefore = await tableItems();
    const mailsBefore = (await system.mails()).length;
    const formPage = await system.fetchApp(paths.selfEvaluation);
    const answers = new URLSearchParams([
      ['type', 'full'],
      ['locale', 'sv'],
      ['organisation.name', 'Självstad Centrumförening'],
      ['organisation.organisationNumber', exampleFull.organisation.organisationNumber],
      ['answers.partnershipActors', 'municipality'],
      ['answers.planPeriod', '2026–2028'],
      ['answers.visionAndGoals', 'Ett levande centrum för alla åldrar.'],
    ]);

    // Act
    const summary = await system.fetchApp(paths.selfEvaluationSummary, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: answers.toString(),
    });
    const summaryHtml = (await summary.text()).replaceAll('&#x2F;', '/');
    const carried = new URLSearchParams();
    for (const [, name, value] of summaryHtml.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) carried.append(name!, value!);
    const apply = await system.fetchApp(paths.apply, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: carried.toString(),
    });
    const applyHtml = (await apply.text()).replaceAll('&#x2F;', '/');

    // Assess
    expect(formPage.status).toBe(200);
    expect(summary.status).toBe(200);
    expect(summaryHtml).toContain('Svaren sparas inte.');
    expect(summaryHtml).toContain('<dd>Ett levande centrum för alla åldrar.</dd>');
    expect(summaryHtml).toContain('formaction="/apply"');
    expect(apply.status).toBe(200);
    expect(applyHtml).toContain('<form method="post" action="/applications"');
    expect(applyHtml).toContain('value="Självstad Centrumförening"');
    expect(applyHtml).toContain('Ett levande centrum för alla åldrar.</textarea>');
    expect(applyHtml).toMatch(/value="municipality" checked/);
    expect(applyHtml).toContain('value="2026–2028"');
    expect(await tableItems()).toBe(itemsBefore);
    expect((await system.mails()).length).toBe(mailsBefore);
  });
});
