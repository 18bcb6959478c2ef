import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core (never a downloaded browser). Browser tests skip
 * without it, except in CI (QM_REQUIRE_BROWSER), where a missing browser is an error.
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveBrowser = existsSync(chromiumPath);
if (!haveBrowser && process.env.QM_REQUIRE_BROWSER) throw new Error(`Chromium is required but missing at ${chromiumPath}`);

/** Headless, and without the background connections this machine's closed network refuses. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}
