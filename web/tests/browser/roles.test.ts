import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/api/types';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage } from './support/browser';
import { requireServer } from './support/server';

// An agent cannot reach the supervisor console: the page says so, and the server refuses the
// console's actions and data on its own. A QA analyst lands on the recordings, their work.

let browser: Browser | undefined;
let page: Page;
let agent: ApiSession;
let original: Language | undefined;

beforeAll(async () => {
  await requireServer();
  // The page speaks the user's language (a1001's is Persian in the demo); the texts checked
  // here are the English ones.
  agent = await ApiSession.login('a1001');
  original = (await agent.me()).language;
  await agent.setLanguage('en');
  browser = await launchBrowser();
  page = await newPage(browser);
});

afterAll(async () => {
  if (original) {
    await agent.setLanguage(original).catch(() => undefined);
  }
  await browser?.close();
});

describe('an agent', () => {
  it('lands on the desk with no link to the console', async () => {
    await logInThroughForm(page, 'a1001');
    expect(new URL(page.url()).pathname).toBe('/desk');
    await page.waitForSelector('[data-testid="my-state"]');
    expect(await page.locator('nav a[data-page="console"]').count()).toBe(0);
    expect(await page.locator('nav a[data-page="desk"]').count()).toBe(1);
  });

  it('opening /console gets a clear "not allowed" and no console', async () => {
    await page.goto('/console');
    const notice = page.locator('[data-testid="not-allowed"]');
    await notice.waitFor();
    expect(await notice.locator('h1').textContent()).toBe('Not allowed');
    expect(await page.locator('[data-testid="agents-grid"]').count()).toBe(0);
    expect(await page.locator('[data-testid="calls-table"]').count()).toBe(0);
  });

  it('is refused by the server too', async () => {
    const agent = await ApiSession.login('a1001');
    for (const [method, path, body] of [
      ['POST', '/api/v1/calls/any-call/move', { agent: 'a1002' }],
      ['GET', '/api/v1/stats/intervals', undefined],
      ['POST', '/api/v1/agents/a1002/state', { state: 'available' }],
      ['GET', '/api/v1/users', undefined],
    ] as const) {
      const answer = await agent.raw(method, path, body);
      expect({ path, status: answer.status, code: answer.body?.error?.code }).toEqual({ path, status: 403, code: 'forbidden' });
    }
  });

  it('sees only themselves among the agents', async () => {
    const agent = await ApiSession.login('a1001');
    expect((await agent.agents()).map((a) => a.id)).toEqual(['a1001']);
  });
});

describe('a QA analyst', () => {
  it('lands on the recordings, and "/" takes them there too, with no console or desk in the nav', async () => {
    const qaPage = await newPage(browser!);
    await logInThroughForm(qaPage, 'qa');
    expect(new URL(qaPage.url()).pathname).toBe('/recordings');
    await qaPage.locator('[data-testid="recordings-search"]').waitFor();
    expect(await qaPage.locator('nav a[data-page="recordings"]').getAttribute('aria-current')).toBe('page');
    expect(await qaPage.locator('nav a[data-page="wallboard"]').count()).toBe(1);
    expect(await qaPage.locator('nav a[data-page="console"]').count()).toBe(0);
    expect(await qaPage.locator('nav a[data-page="desk"]').count()).toBe(0);
    await qaPage.goto('/');
    await qaPage.waitForURL((url) => url.pathname === '/recordings');
    await qaPage.context().close();
  });
});
