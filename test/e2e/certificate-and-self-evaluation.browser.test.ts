import { mkdirSync, readFileSync } from 'node:fs';
import { haveBrowser, launchBrowser } from '../helpers/browser.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmAndApprove, exampleFull, isTo, reviewerLinkFor, submitExample } from '../helpers/application-flow.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';
import { decodeQr, havePoppler, pdfText, renderFirstPage } from '../helpers/pdf-tools.js';
import { paths } from '../../functions/http/paths.js';

// What a certified town and a board do in a real browser (Debian's Chromium): embed the badge on a
// plain page and follow it, open the page the QR code leads to, and print a self-evaluation.
// (The project's TypeScript has no DOM types: code run in the page names the little it uses.)
type Image = { naturalWidth: number; decode(): Promise<void> };
type Window = { getComputedStyle(element: unknown): { fontSize: string } };

let system: TestSystem;
let browser: Browser;

beforeAll(async () => {
  if (!haveBrowser) return;
  system = await startTestSystem();
  browser = await launchBrowser();
  mkdirSync('test-results', { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe.skipIf(!haveBrowser)('in a browser', () => {
  it('shows the certificate page, and its embed snippet renders the badge on a plain page whose link leads back', async () => {
    // Prepare: a certified member (a fresh one of its own, registered under this name).
    const { id } = await submitExample(system, { name: 'Exempelhamn Citysamverkan' });
    expect((await confirmAndApprove(system, id, await reviewerLinkFor(system, id, 'granskare@stadskarnor.example'))).status).toBe(200);
    const mail = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.startsWith('Grattis!') && m.subject.includes(id));
    const certificateId = /QM-\d{4}-\d{4}/.exec(mail.subject)![0];
    const page = await browser.newPage();

    // Act: the certificate page, as the mail's link opens it.
    await page.goto(`${system.baseUrl}/certificates/${certificateId}`);
    const verdict = page.locator('.verdict-label');
    const snippet = await page.locator('#embed-snippet').textContent();
    const badgePreviewWidth = await page.locator('main img').evaluate((img) => (img as unknown as Image).naturalWidth);
    await page.screenshot({ path: 'test-results/certificate-page.png', fullPage: true });

    // … the snippet pasted into a town's own page, and its link followed.
    const townSite = await browser.newPage();
    await townSite.setContent(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Exempelhamn</title></head><body><h1>Välkommen till Exempelhamn</h1>${snippet}</body></html>`);
    const badge = townSite.locator('img');
    await badge.evaluate((img) => (img as unknown as Image).decode());
    const badgeWidth = await badge.evaluate((img) => (img as unknown as Image).naturalWidth);
    await townSite.screenshot({ path: 'test-results/badge-on-town-site.png' });
    await badge.click();
    await townSite.waitForURL(`**/certificates/${certificateId}`);

    // Assess
    await expect(verdict.textContent()).resolves.toBe('Giltig');
    expect(await verdict.evaluate((el) => parseFloat((globalThis as unknown as Window).getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(40);
    expect(snippet).toContain(`<a href="${system.baseUrl}/certificates/${certificateId}"><img src="${system.baseUrl}/certificates/${certificateId}/badge.svg"`);
    expect(badgePreviewWidth).toBe(344);
    expect(badgeWidth).toBe(344);
    await expect(townSite.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(certificateId);
    await expect(townSite.locator('.verdict-label').textContent()).resolves.toBe('Giltig');
  });

  it.skipIf(!havePoppler)('opens the verification page from the QR code on the PDF', async () => {
    // Prepare
    const register = (await (await system.fetchApp(paths.api.register)).json()) as { certificates: { certificateId: string }[] };
    const certificateId = register.certificates[0]!.certificateId;
    const pdf = Buffer.from(await (await system.fetchApp(paths.certificatePdf(certificateId))).arrayBuffer());

    // Act: render the PDF as paper would show it, scan the code, open what it says.
    const scanned = decodeQr(await renderFirstPage(pdf, 'certificate-from-local-system'));
    const page = await browser.newPage();
    const response = await page.goto(scanned!);

    // Assess
    expect(scanned).toBe(`${system.baseUrl}/certificates/${certificateId}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('.verdict-label').textContent()).resolves.toBe('Giltig');
  });

  it('prints a self-evaluation to a tidy PDF, and takes the answers into the application form', async () => {
    // Prepare
    const page = await browser.newPage();
    await page.goto(`${system.baseUrl}/self-evaluation`);
    await page.getByLabel(/^Organisationens namn/).fill('Exempelhamn Citysamverkan');
    await page.getByLabel(/^Ort/).fill('Exempelhamn');
    await page.getByLabel('Kommunen', { exact: true }).check();
    await page.getByLabel('Fastighetsägare', { exact: true }).check();
    await page.getByLabel(/^Vilken är er gemensamma vision/).fill('Ett levande centrum – för alla åldrar, året runt.');
    await page.getByLabel(/^Vilken period gäller planen för/).fill('2026–2028');

    // Act
    await page.getByRole('button', { name: 'Visa sammanställningen' }).click();
    await page.waitForURL('**/self-evaluation/summary');
    await page.screenshot({ path: 'test-results/self-evaluation-summary.png', fullPage: true });
    const printed = await page.pdf({ format: 'A4', printBackground: true, path: 'test-results/self-evaluation-print.pdf' });
    await page.getByRole('button', { name: 'Använd som ansökan' }).click();
    await page.waitForURL('**/apply');

    // Assess: the printout holds the answers, the open questions and the checklist, not the buttons.
    const { text, size } = await pdfText(new Uint8Array(printed));
    const flat = text.replace(/\s+/g, ' ');
    // A4 as Chromium prints it (8.27 × 11.7 in): within a point of 595 × 842.
    expect(Math.abs(size[0] - 595.28)).toBeLessThan(1);
    expect(Math.abs(size[1] - 841.89)).toBeLessThan(1.5);
    expect(flat).toContain('Sammanställning av självutvärderingen: Exempelhamn Citysamverkan, Exempelhamn');
    expect(flat).toContain('Svaren sparas inte.');
    expect(flat).toContain('Ett levande centrum – för alla åldrar, året runt.');
    expect(flat).toContain('Obesvarade frågor');
    expect(flat).toContain('Checklista för styrelsen');
    expect(flat).not.toContain('Använd som ansökan');
    expect(flat).not.toContain('Svenska Stadskärnor · Kvalitetsmärkning (QM) Sammanställning'); // no site header in print
    if (havePoppler) await renderFirstPage(readFileSync('test-results/self-evaluation-print.pdf'), 'self-evaluation-print');
    // … and the application form is filled in with them, nothing sent yet.
    await expect(page.getByLabel(/^Organisationens namn/).inputValue()).resolves.toBe('Exempelhamn Citysamverkan');
    await expect(page.getByLabel(/^Vilken period gäller planen för/).inputValue()).resolves.toBe('2026–2028');
    await expect(page.getByLabel('Kommunen', { exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Skicka ansökan' }).isVisible()).resolves.toBe(true);
  });
});
