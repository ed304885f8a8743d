import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/api/types';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot, waitForLive } from './support/browser';
import { requireServer } from './support/server';

// A picture of every page in every language, saved under MARKAZ_ARTIFACTS for people to look
// at (the "screenshots looked at and found right").

const kLanguages: Language[] = ['en', 'fa', 'ar'];
const kUsers = ['supervisor', 'a1001'];

let browser: Browser | undefined;
const sessions = new Map<string, ApiSession>();
const originals = new Map<string, Language>();

beforeAll(async () => {
  await requireServer();
  for (const username of kUsers) {
    const session = await ApiSession.login(username);
    sessions.set(username, session);
    originals.set(username, (await session.me()).language);
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const [username, language] of originals) {
    await sessions.get(username)!.setLanguage(language).catch(() => undefined);
  }
  await browser?.close();
});

async function loggedIn(username: string, language: Language): Promise<Page> {
  await sessions.get(username)!.setLanguage(language);
  const page = await newPage(browser!);
  await logInThroughForm(page, username);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
  return page;
}

describe.each(kLanguages)('screenshots in %s', (language) => {
  it('login', async () => {
    const page = await newPage(browser!);
    await page.goto('/login');
    await page.selectOption('[data-testid="language-select"]', language);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
    await saveScreenshot(page, `login-${language}`);
    await page.context().close();
  });

  it('wallboard and supervisor console', async () => {
    const page = await loggedIn('supervisor', language);
    await page.goto('/wallboard');
    await waitForLive(page);
    await page.locator('[data-queue]').first().waitFor();
    await saveScreenshot(page, `wallboard-${language}`);
    await page.goto('/console');
    await waitForLive(page);
    await page.locator('[data-testid="agents-grid"] tr').first().waitFor();
    await page.locator('[data-testid="interval-chart"] canvas').waitFor();
    await saveScreenshot(page, `console-${language}`);
    await page.context().close();
  });

  it('agent desk, and the console refused', async () => {
    const page = await loggedIn('a1001', language);
    await page.goto('/desk');
    await waitForLive(page);
    await page.locator('[data-testid="my-state"][data-state]').waitFor();
    await saveScreenshot(page, `desk-${language}`);
    await page.goto('/console');
    await page.locator('[data-testid="not-allowed"]').waitFor();
    await saveScreenshot(page, `not-allowed-${language}`);
    await page.context().close();
  });
});
