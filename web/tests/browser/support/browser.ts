import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { demoPassword, kArtifactsDir, kChromiumPath, kMarkazUrl } from './env';

/** Debian's Chromium, headless. Launch failures name the binary so a missing package is
 *  obvious (apt-get install chromium). Audio may play without a click first (the Recordings
 *  page's player is checked playing), and plays muted. */
export async function launchBrowser(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: kChromiumPath,
      headless: true,
      timeout: 20_000,
      args: ['--autoplay-policy=no-user-gesture-required', '--mute-audio'],
    });
  } catch (cause) {
    throw new Error(`cannot start Chromium at ${kChromiumPath} (install Debian's chromium): ${String(cause)}`);
  }
}

/** A fresh browser context (its own cookies) and page, with short timeouts so a missing element
 *  fails the test in seconds. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: kMarkazUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.setDefaultNavigationTimeout(15_000);
  return page;
}

/** Logs in through the login form and waits to land on a page behind it. */
export async function logInThroughForm(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.fill('#username', username);
  await page.fill('#password', demoPassword(username));
  await page.click('form[data-testid="login-form"] button[type="submit"]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Waits until the live feed is open and the first snapshot has been drawn. */
export async function waitForLive(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="link-status"][data-status="open"]');
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(kArtifactsDir, { recursive: true });
  const path = join(kArtifactsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
