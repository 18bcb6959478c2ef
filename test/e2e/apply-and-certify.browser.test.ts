import { mkdirSync } from 'node:fs';
import { haveBrowser, launchBrowser } from '../helpers/browser.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criteriaFor } from '../../functions/domain/criteria-catalogue.js';
import { questionsFor } from '../../functions/domain/question-catalogue.js';
import { uiMessages } from '../../functions/templates/messages.js';
import { exampleFull, linkIn } from '../helpers/application-flow.js';
import { startTestSystem, type TestSystem } from '../helpers/local-system.js';

// A person's path through the system in real headless Chromium (Debian's package, driven by
// playwright-core): fill in the form, find the reviewer's mail in the local mailbox, certify, and
// see the certificate on the applicant's status page.

let system: TestSystem;
let browser: Browser;

beforeAll(async () => {
  if (!haveBrowser) return;
  system = await startTestSystem();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

const text = uiMessages.sv;

/** A field by its visible label, as a person finds it (the label may end with "(obligatoriskt)"). */
function field(scope: Page | ReturnType<Page['getByRole']>, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}(\\s*\\((${text.required}|${text.optional})\\))?$`));
}

async function fillApplication(page: Page, overrides: { organisation?: Record<string, string>; contact?: Record<string, string> } = {}) {
  const example = exampleFull as unknown as { organisation: Record<string, string>; contact: Record<string, string> };
  const org = { ...example.organisation, ...overrides.organisation };
  const contact = { ...example.contact, ...overrides.contact };
  for (const [key, value] of Object.entries(org)) await field(page, text.organisation[key as keyof typeof text.organisation].label).fill(value);
  for (const [key, value] of Object.entries(contact)) await field(page, text.contact[key as keyof typeof text.contact].label).fill(value);
  for (const [i, partner] of exampleFull.partners.entries()) {
    const row = page.getByRole('group', { name: text.partners.row(i + 1), exact: true });
    await field(row, text.partners.role).selectOption({ label: text.partners.roles[partner.role as keyof typeof text.partners.roles] });
    await field(row, text.partners.organisation).fill(partner.organisation);
    await field(row, text.partners.name).fill(partner.name);
    await field(row, text.partners.email).fill(partner.email);
  }
  for (const question of questionsFor('full')) {
    const value = exampleFull.answers[question.id];
    if (value === undefined) continue;
    const label = question.label.sv;
    if (question.kind === 'multiselect') {
      const group = page.getByRole('group', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
      for (const option of question.options.filter((o) => (value as string[]).includes(o.value))) await group.getByLabel(option.label.sv, { exact: true }).check();
    } else if (question.kind === 'select') {
      const option = question.options.find((o) => o.value === value)!;
      await field(page, label).selectOption({ label: option.label.sv });
    } else if (question.kind === 'boolean') {
      if (value) await field(page, label).check();
    } else {
      await field(page, label).fill(String(value));
    }
  }
}

/** Opens the newest mail in the local mailbox whose card shows `subject`, and returns the href of its button. */
describe.skipIf(!haveBrowser)('in a browser', () => {
  it('applies through the form; two partners confirm from the mailbox; the reviewer assesses every criterion and certifies', async () => {
    const page = await browser.newPage();
    mkdirSync('test-results', { recursive: true });

    // 1. The applicant fills in the form as a person would, by its labels.
    await page.goto(`${system.baseUrl}/apply`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Ansök om kvalitetsmärkning');
    await fillApplication(page);
    await page.getByRole('button', { name: text.submit }).click();
    await page.waitForURL(/\/status\//);
    await expect(page.getByText('Tack! Er ansökan har tagits emot.').isVisible()).resolves.toBe(true);
    const statusPage = page.url().replace(/\?.*$/, '');

    // 2. The reviewer opens the mail in the local mailbox.
    await system.waitForMail((m) => m.subject.startsWith('Ny ansökan att granska') && m.subject.includes(exampleFull.organisation.name));
    await page.goto(system.urls.mail);
    const card = page.locator('.email', { hasText: 'Ny ansökan att granska' }).first();
    // The text view shows the link as a link, too.
    await expect(card.locator('pre').getByRole('link', { name: /\/review\// }).count()).resolves.toBe(1);
    await card.getByText('HTML', { exact: true }).click();
    const reviewLink = card.frameLocator('iframe').getByRole('link', { name: 'Granska ansökan' });
    expect(await reviewLink.getAttribute('href')).toMatch(/\/review\/[A-Za-z0-9_-]{43}$/);

    // 3. … follows the link (it opens in a new tab) and sees the application.
    const reviewHref = (await reviewLink.getAttribute('href'))!;
    const [reviewPage] = await Promise.all([page.context().waitForEvent('page'), reviewLink.click()]);
    await reviewPage.waitForLoadState('load');
    await expect(reviewPage.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(exampleFull.organisation.name);
    await reviewPage.close();

    // 4. Each partner opens their mail in the local mailbox, follows the link and confirms.
    for (const partner of exampleFull.partners) {
      await system.waitForMail((m) => m.destination.to.includes(partner.email) && m.subject.startsWith('Bekräfta samverkan'));
      await page.goto(system.urls.mail);
      const partnerCard = page.locator('.email', { hasText: 'Bekräfta samverkan' }).filter({ hasText: partner.email }).first();
      const href = (await partnerCard.locator('pre').getByRole('link', { name: /\/partner\// }).getAttribute('href'))!;
      expect(href).toMatch(/\/partner\/[A-Za-z0-9_-]{43}$/);
      await page.goto(href);
      await expect(page.getByText(partner.organisation).first().isVisible()).resolves.toBe(true);
      await page.getByLabel(/^Bekräfta – Vi deltar i samverkan/).check();
      await page.getByRole('button', { name: 'Skicka svar' }).click();
      const thanks = page.getByRole('heading', { name: 'Tack – ni har bekräftat samverkan' });
      await thanks.waitFor();
      await expect(thanks.isVisible()).resolves.toBe(true);
    }

    // 5. The reviewer comes back, assesses every criterion as met, and certifies.
    await page.goto(reviewHref);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(exampleFull.organisation.name);
    await expect(page.getByText('2 av 2 har bekräftat').isVisible()).resolves.toBe(true);
    for (const criterion of criteriaFor('full')) {
      await page.getByRole('group', { name: `Bedömning av ”${criterion.title.sv}”` }).getByLabel('Uppfyllt', { exact: true }).check();
    }
    await page.getByLabel('Godkänn – certifiera').check();
    await page.getByRole('button', { name: 'Skicka beslut' }).click();
    await page.getByText('Beslutet är registrerat').waitFor();
    await expect(page.getByText('Beslutet är registrerat').isVisible()).resolves.toBe(true);

    // 6. The applicant's status page shows the certificate and the assessment by criterion.
    await system.waitForMail((m) => m.subject.startsWith('Grattis!'));
    await page.goto(statusPage);
    const certificate = page.getByRole('heading', { name: /Certifikat QM-\d{4}-\d{4}/ });
    await expect(certificate.isVisible()).resolves.toBe(true);
    await expect(page.getByText(/giltigt från .* till och med/).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('heading', { name: 'Granskarens bedömning per kriterium' }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: 'test-results/status-certified.png', fullPage: true });
  });

  it('applies with an address the member has not registered; the member confirms from the mailbox, then review starts', async () => {
    const page = await browser.newPage();
    const applicant = 'ny.centrumchef@provby.example';

    // 1. Someone applies for Provby (a demo member) from an address Provby has not registered.
    await page.goto(`${system.baseUrl}/apply`);
    await fillApplication(page, {
      organisation: { organisationNumber: '769999-2009', name: 'Provby Centrumförening', town: 'Provby', municipality: 'Provby kommun', website: 'https://provby.example' },
      contact: { email: applicant },
    });
    await page.getByRole('button', { name: text.submit }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('väntar på bekräftelse från medlemmen');
    await page.screenshot({ path: 'test-results/awaiting-confirmation.png', fullPage: true });

    // 2. The member's registered address has the request in the local mailbox.
    // (The mailbox viewer itself is exercised by the first test; its iframe toggle is slow under load.)
    const request = await system.waitForMail((m) => m.destination.to.includes('kontakt@provby-centrum.example') && m.subject.startsWith('Bekräfta ansökan'));
    const confirmHref = linkIn(request, 'confirm');
    expect(confirmHref).toMatch(/\/confirm\/[A-Za-z0-9_-]{43}$/);

    // 3. … follows the link, sees who applied, and confirms.
    await page.goto(confirmHref!);
    await expect(page.getByText(applicant).first().isVisible()).resolves.toBe(true);
    await page.getByLabel(/^Bekräfta/).check();
    await page.getByRole('button', { name: 'Skicka svar' }).click();
    await expect(page.getByRole('heading', { name: 'Tack – ansökan är bekräftad' }).isVisible()).resolves.toBe(true);

    // 4. The confirmed contact gets the receipt, and the reviewer the application.
    await system.waitForMail((m) => m.destination.to.includes(applicant) && m.subject.startsWith('Vi har tagit emot'));
    await system.waitForMail((m) => m.subject.startsWith('Ny ansökan att granska') && m.subject.includes('Provby'));
  });
});
