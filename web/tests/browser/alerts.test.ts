import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Language } from '../../src/api/types';
import { formatTime } from '../../src/format/dates';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot, waitForLive } from './support/browser';
import { makeAvailable, until } from './support/connected_call';
import { requireServer } from './support/server';

// KPI alerts for real (docs/alerts.md): the manager makes every support agent not ready, the
// demo's rule support-no-one-free (agents available in support below 1) is raised, and the
// supervisor's console shows it in a banner, acknowledged on the page; the wallboard shows it
// too, without buttons. With the agents back it clears 30 s later and the banner goes. The
// agents are put back whatever happens: the other browser tests need them.

const kRule = 'support-no-one-free';
/** The support agents, whose phones the load generator of scripts/browser-test plays. */
const kSupportAgents = ['a1006', 'a1007', 'a1008', 'a1009', 'a1010'];
/** The server evaluates the rules every 5 s and the page polls every 5 s. */
const kRaiseTimeoutMs = 15_000;
/** clear_after 30s in config/demo.yaml, plus an evaluation and a poll. */
const kClearTimeoutMs = 50_000;

let browser: Browser | undefined;
let page: Page;
let manager: ApiSession;
let supervisor: ApiSession;
let supervisorLanguage: Language | undefined;
let raised: Alert | undefined;

/** Without the invisible Unicode isolates around names. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');
const alertRow = (on: Page): Locator => on.locator(`[data-testid="alerts-list"] li[data-rule="${kRule}"]`);

async function supportAgentsAvailable(): Promise<string[]> {
  return (await manager.agents()).filter((a) => kSupportAgents.includes(a.id) && a.state === 'available').map((a) => a.id);
}

/** Every support agent available again (a call's pending not-ready waited out first). */
async function restoreSupportAgents(): Promise<void> {
  await Promise.all(kSupportAgents.map((agent) => makeAvailable(manager, agent, 30_000)));
}

async function switchTo(on: Page, language: Language): Promise<void> {
  await on.selectOption('[data-testid="language-select"]', language);
  await on.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

beforeAll(async () => {
  await requireServer();
  manager = await ApiSession.login('manager');
  supervisor = await ApiSession.login('supervisor');
  supervisorLanguage = (await supervisor.me()).language;
  await supervisor.setLanguage('en');
  // The test starts from the demo's state: the support agents free, and no such alert up (the
  // one raised while their phones registered at the server's start has cleared), so the alert
  // the test sees is the one it causes.
  await restoreSupportAgents();
  let up: Alert | undefined;
  await until(
    async () => {
      up = (await supervisor.alerts()).find((a) => a.rule === kRule);
      return up ? undefined : true;
    },
    () => `no ${kRule} alert up (last seen: ${JSON.stringify(up)})`,
    kClearTimeoutMs,
  );
  browser = await launchBrowser();
  page = await newPage(browser);
  await logInThroughForm(page, 'supervisor');
  await page.goto('/console');
  await waitForLive(page);
  expect(await alertRow(page).count()).toBe(0);
}, 120_000);

afterAll(async () => {
  try {
    await restoreSupportAgents();
  } finally {
    await browser?.close();
    if (supervisorLanguage) {
      await supervisor.setLanguage(supervisorLanguage).catch(() => undefined);
    }
  }
}, 60_000);

describe('KPI alerts on the console and the wallboard', () => {
  it('no one free in support: the console shows the alert within seconds, and a screen reader is told', async () => {
    const forcedAt = Date.now();
    // Not ready for all of them; one on a call keeps it as pending_state until the call ends.
    await until(
      async () => {
        const free = await supportAgentsAvailable();
        await Promise.all(free.map((agent) => manager.raw('POST', `/api/v1/agents/${agent}/state`, { state: 'not-ready' })));
        return free.length === 0 ? true : undefined;
      },
      () => 'no support agent available',
      20_000,
    );

    const row = alertRow(page);
    await row.waitFor({ timeout: kRaiseTimeoutMs });
    raised = (await supervisor.alerts()).find((a) => a.rule === kRule);
    expect(raised, 'the alert, up on the server').toBeDefined();
    expect(raised).toMatchObject({ measure: 'agents-available', subject: 'support', value: 0, threshold: 1, active: true, acknowledged_by: null });
    // Raised by this test (the server's clock is this machine's).
    expect(raised!.raised_at_ms).toBeGreaterThanOrEqual(forcedAt - 1_000);
    expect(await row.getAttribute('data-alert')).toBe(String(raised!.id));
    const line = `No one free in support: 0 available (below 1) since ${formatTime(raised!.raised_at_ms, 'en')}`;
    expect(plain(await row.locator('.alert-text').textContent())).toBe(line);
    expect(await page.locator('[data-testid="alerts-banner"] h2').textContent()).toBe('Alerts');
    expect(plain(await page.locator('[data-testid="alerts-announcer"][role="alert"]').textContent())).toContain(line);
    expect(await row.locator('button[data-action="acknowledge"]').isVisible()).toBe(true);
    await saveScreenshot(page, 'alerts-console-en');
  }, 60_000);

  it('acknowledged on the page: the banner says by whom, and another acknowledge is refused (409)', async () => {
    expect(raised, 'the alert of the test before').toBeDefined();
    // The manager has the console open in another browser, the button still there.
    const other = await newPage(browser!);
    try {
      await logInThroughForm(other, 'manager');
      await other.goto('/console');
      const otherButton = alertRow(other).locator('button[data-action="acknowledge"]');
      await otherButton.waitFor({ timeout: kRaiseTimeoutMs });
      // From now on its polls fail, so it will not hear of the supervisor's acknowledgement: it
      // says its alerts may be out of date, and keeps them.
      const polls = (url: URL) => url.pathname === '/api/v1/alerts';
      await other.route(polls, (route) => route.abort());
      await other.locator('[data-testid="alerts-problem"]').waitFor({ timeout: 10_000 });

      const row = alertRow(page);
      await row.locator('button[data-action="acknowledge"]').click();
      await expect.poll(() => row.getAttribute('data-acknowledged'), { timeout: 5_000 }).toBe('true');
      expect(plain(await row.locator('[data-testid="alert-acknowledged"]').textContent())).toBe('Acknowledged by supervisor');
      expect(await row.locator('button[data-action="acknowledge"]').isHidden()).toBe(true);
      const onServer = (await supervisor.alerts()).find((a) => a.id === raised!.id);
      expect(onServer).toMatchObject({ acknowledged_by: 'supervisor', active: true });

      // The manager, who has not heard, acknowledges too: the server's 409, which the page shows.
      await otherButton.click();
      await expect.poll(() => other.locator('.notice').textContent(), { timeout: 5_000 }).toContain('acknowledged by supervisor');
      await other.unroute(polls);
      await expect.poll(async () => plain(await alertRow(other).locator('[data-testid="alert-acknowledged"]').textContent()), { timeout: 10_000 }).toBe('Acknowledged by supervisor');
      expect(await otherButton.isHidden()).toBe(true);
      expect(await other.locator('[data-testid="alerts-problem"]').isHidden()).toBe(true);
      const again = await manager.raw('POST', `/api/v1/alerts/${raised!.id}/acknowledge`);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toContain('supervisor');
    } finally {
      await other.context().close();
    }
  }, 60_000);

  it('the wallboard shows it too, without buttons; in Persian with Persian digits', async () => {
    await page.goto('/wallboard');
    await waitForLive(page);
    await page.locator('[data-queue]').first().waitFor();
    const row = alertRow(page);
    await row.waitFor({ timeout: kRaiseTimeoutMs });
    expect(plain(await row.locator('.alert-text').textContent())).toContain('No one free in support: 0 available (below 1)');
    expect(plain(await row.locator('[data-testid="alert-acknowledged"]').textContent())).toBe('Acknowledged by supervisor');
    expect(await page.locator('[data-testid="alerts-banner"] button').count()).toBe(0);
    await saveScreenshot(page, 'alerts-wallboard-en');

    await page.goto('/console');
    await waitForLive(page);
    await switchTo(page, 'fa');
    await alertRow(page).waitFor({ timeout: kRaiseTimeoutMs });
    const persian = plain(await alertRow(page).locator('.alert-text').textContent());
    expect(persian).toBe(`هیچ کارشناس آزادی در support نیست: ۰ آماده (کمتر از ۱) از ${formatTime(raised!.raised_at_ms, 'fa')}`);
    expect(plain(await alertRow(page).locator('[data-testid="alert-acknowledged"]').textContent())).toBe('تأییدشده توسط supervisor');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await saveScreenshot(page, 'alerts-console-fa');
    await page.goto('/wallboard');
    await waitForLive(page);
    await page.locator('[data-queue]').first().waitFor();
    await alertRow(page).waitFor({ timeout: kRaiseTimeoutMs });
    await saveScreenshot(page, 'alerts-wallboard-fa');
    await switchTo(page, 'en');
  }, 60_000);

  it('goes away once the agents are back: cleared 30 s later', async () => {
    await page.goto('/console');
    await waitForLive(page);
    await alertRow(page).waitFor({ timeout: kRaiseTimeoutMs });
    await restoreSupportAgents();
    await expect.poll(() => alertRow(page).count(), { timeout: kClearTimeoutMs, interval: 1_000 }).toBe(0);
    const cleared = (await supervisor.alerts(false)).find((a) => a.id === raised?.id);
    expect(cleared?.active).toBe(false);
    expect(cleared?.cleared_at_ms).toBeGreaterThan(cleared!.raised_at_ms);
    expect((await supervisor.alerts()).some((a) => a.rule === kRule)).toBe(false);
  }, 90_000);
});
