import { mkdirSync } from 'node:fs';
import { haveBrowser, launchBrowser } from '../helpers/browser.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmAndApprove, exampleFull, isTo, reviewerLinkFor, submitExample } from '../helpers/application-flow.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';

// The QM officer on a phone (390 px wide): signs in from the local mailbox, finds an application
// by search, revokes its certificate with a reason, and sees the public register change.

const officer = 'qm-ansvarig@stadskarnor.example';
const reviewer = 'granskare@stadskarnor.example';
let system: TestSystem;
let browser: Browser;

beforeAll(async () => {
  if (!haveBrowser) return;
  system = await startTestSystem({ env: { REVIEWER_EMAILS: reviewer } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe.skipIf(!haveBrowser)('the workspace in a browser, on a phone', () => {
  it('signs in from the mailbox, finds an application by search and revokes its certificate', async () => {
    // Prepare: a certified application of an organisation with a name to search for
    const { id } = await submitExample(system, { name: 'Mobilby Stadskärna' });
    await confirmAndApprove(system, id, await reviewerLinkFor(system, id, reviewer));
    const certified = await system.waitForMail((m) => isTo(exampleFull.contact.email)(m) && m.subject.includes(id) && m.subject.includes('QM-'));
    const certificateId = /QM-\d{4}-\d{4}/.exec(certified.subject)![0];
    await system.waitForExecution(id, (e) => e.status === 'SUCCEEDED');
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    mkdirSync('test-results', { recursive: true });
    const noSideways = async () => expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);

    // Act 1: ask for a link and take it from the local mailbox
    await page.goto(`${system.baseUrl}/admin`);
    await page.waitForURL(/\/admin\/sign-in$/);
    await page.getByLabel('E-postadress').fill(officer);
    await page.getByRole('button', { name: 'Skicka inloggningslänk' }).click();
    // The answer is a new page: wait for it rather than check the one being left.
    await page.waitForLoadState('domcontentloaded');
    await page.getByText('Om adressen tillhör personalen har vi skickat en inloggningslänk').waitFor();
    await expect(page.getByText('Om adressen tillhör personalen har vi skickat en inloggningslänk').isVisible()).resolves.toBe(true);
    await system.waitForMail((m) => isTo(officer)(m) && m.subject.includes('Inloggning'));
    await page.goto(system.urls.mail);
    const card = page.locator('.email', { hasText: 'Inloggning till QM-arbetsytan' }).first();
    const href = await card.locator('pre').getByRole('link', { name: /\/admin\/sign-in\// }).getAttribute('href');
    expect(href).toMatch(/\/admin\/sign-in\/[A-Za-z0-9_-]{43}$/);
    await page.goto(href!);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(/\/admin$/);
    await noSideways();

    // Act 2: search, open the application, then its certificate, and revoke it
    await page.getByLabel('Sök ansökan').fill('Mobilby');
    await page.getByRole('button', { name: 'Sök' }).click();
    await page.getByRole('link', { name: 'Mobilby Stadskärna' }).first().click();
    await page.waitForURL(new RegExp(`/admin/applications/${id}$`));
    await noSideways();
    await page.getByRole('link', { name: certificateId }).first().click();
    await page.waitForURL(new RegExp(`/admin/certificates/${certificateId}$`));
    await page.getByLabel(/^Skäl \(skickas till organisationens kontaktperson\)/).fill('Certifikatet utfärdades av misstag');
    await page.getByRole('button', { name: 'Återkalla från i dag' }).click();
    await page.waitForURL(new RegExp(`/admin/certificates/${certificateId}$`));
    await noSideways();
    await page.screenshot({ path: 'test-results/admin-revoked-390.png', fullPage: true });

    // Assess: the page says revoked, the public register no longer lists it
    await expect(page.getByText('Återkallat', { exact: true }).first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('Certifikatet utfärdades av misstag').first().isVisible()).resolves.toBe(true);
    await page.goto(`${system.baseUrl}/register`);
    expect(await page.content()).not.toContain(certificateId);
    await context.close();
  });
});
