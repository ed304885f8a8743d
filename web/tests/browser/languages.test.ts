import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/api/types';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, waitForLive } from './support/browser';
import { requireServer } from './support/server';

// Switching the language on the page: right to left, the language's digits, the Jalali date in
// Persian, and the choice kept on the server for the user.

const kPersianMonths = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];

let browser: Browser | undefined;
let page: Page;
let supervisor: ApiSession;
let original: Language = 'en';

beforeAll(async () => {
  await requireServer();
  supervisor = await ApiSession.login('supervisor');
  original = (await supervisor.me()).language;
  await supervisor.setLanguage('en');
  browser = await launchBrowser();
  page = await newPage(browser);
  await logInThroughForm(page, 'supervisor');
  await page.goto('/wallboard');
  await waitForLive(page);
});

afterAll(async () => {
  await supervisor?.setLanguage(original).catch(() => undefined);
  await browser?.close();
});

async function switchTo(language: Language): Promise<void> {
  await page.selectOption('[data-testid="language-select"]', language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

const html = (name: string) => page.evaluate((attribute) => document.documentElement.getAttribute(attribute), name);

describe('languages', () => {
  it('starts in English, left to right', async () => {
    expect(await html('lang')).toBe('en');
    expect(await html('dir')).toBe('ltr');
  });

  it('switches to Persian: right to left, Persian digits, a Jalali date, kept for the user', async () => {
    await switchTo('fa');
    expect(await html('dir')).toBe('rtl');
    const waiting = await page.locator('[data-queue="sales"] [data-kpi="waiting"] .kpi-value').textContent();
    expect(waiting).toMatch(/^[۰-۹٬]+$/);
    const date = (await page.locator('[data-testid="today-date"]').textContent()) ?? '';
    expect(kPersianMonths.some((month) => date.includes(month))).toBe(true);
    expect(date).toMatch(/۱۴[۰-۹]{2}/);
    expect(date).not.toMatch(/[0-9]/);
    expect((await supervisor.me()).language).toBe('fa');
  });

  it('keeps Persian after a reload, from the server', async () => {
    await page.reload();
    await waitForLive(page);
    expect(await html('lang')).toBe('fa');
    expect(await page.locator('h1.page-title').textContent()).toBe('تابلوی زنده');
  });

  it('switches to Arabic: right to left, Arabic-Indic digits', async () => {
    await switchTo('ar');
    expect(await html('dir')).toBe('rtl');
    const waiting = await page.locator('[data-queue="sales"] [data-kpi="waiting"] .kpi-value').textContent();
    expect(waiting).toMatch(/^[٠-٩٬]+$/);
  });

  it('switches back to English, left to right', async () => {
    await switchTo('en');
    expect(await html('dir')).toBe('ltr');
    expect(await page.locator('[data-queue="sales"] [data-kpi="waiting"] .kpi-value').textContent()).toMatch(/^[0-9,]+$/);
  });
});
