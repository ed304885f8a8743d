import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, Language } from '../../src/api/types';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, waitForLive } from './support/browser';
import { ConnectedCall, until } from './support/connected_call';
import { kLiveTimeoutMs } from './support/env';
import { requireServer } from './support/server';

// A blind transfer from the agent desk: the agent picks a queue and lets the caller go; the
// agent goes to wrap-up and the caller joins the other queue, whose agents (the phones the
// loadgen of scripts/browser-test plays) are offered the call.

/** Not a1001, whom desk_monitor.test.ts uses: a wrap-up left by one file does not slow the
 *  other. */
const kAgent = 'a1002';
const kAgentPhone = '1002';
const kCallerPhone = '1005';

let browser: Browser | undefined;
let desk: Page;
let supervisor: ApiSession;
let agent: ApiSession;
let agentLanguage: Language | undefined;
let phones: AnsweringPhones | undefined;
let call: ConnectedCall | undefined;

beforeAll(async () => {
  await requireServer();
  supervisor = await ApiSession.login('supervisor');
  agent = await ApiSession.login(kAgent);
  agentLanguage = (await agent.me()).language;
  await agent.setLanguage('en');
  phones = await AnsweringPhones.start([kAgentPhone]);
  browser = await launchBrowser();
  desk = await newPage(browser);
  await logInThroughForm(desk, kAgent);
  await desk.goto('/desk');
  await waitForLive(desk);
});

afterAll(async () => {
  await call?.end();
  await phones?.stop().catch(() => undefined);
  await browser?.close();
  if (agentLanguage) {
    await agent.setLanguage(agentLanguage).catch(() => undefined);
  }
});

describe('transfer from the agent desk', () => {
  it('an agent transfers a call to a queue from the desk', async () => {
    call = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
    const panel = desk.locator(`[data-testid="current-call"][data-call="${call.id}"]`);
    await panel.waitFor({ timeout: kLiveTimeoutMs });
    const target = desk.locator('[data-testid="transfer-queue"]');
    await target.locator('option[value="support"]').waitFor({ state: 'attached' });
    expect(await target.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'sales', 'support']);

    await target.selectOption('support');
    await desk.locator('button[data-action="transfer"]:enabled').click();

    await expect.poll(() => desk.locator('.notice').textContent(), { timeout: kLiveTimeoutMs }).toBe('Call transferred to support');
    await expect.poll(() => desk.locator('[data-testid="my-state"]').getAttribute('data-state'), { timeout: kLiveTimeoutMs }).toBe('wrap-up');
    // The caller is in support now: waiting there, or offered to or answered by its agents.
    let seen: Call | undefined;
    const moved = await until(
      async () => {
        seen = (await supervisor.calls()).find((c) => c.id === call!.id);
        return seen?.queue === 'support' ? seen : undefined;
      },
      () => `call ${call!.id} in queue support (last seen: ${JSON.stringify(seen ?? null)})`,
      kLiveTimeoutMs,
    );
    expect(['waiting', 'ringing', 'on-call']).toContain(moved.state);
    expect(moved.agent).not.toBe(kAgent);
    // And it has left the agent's desk.
    await expect.poll(() => desk.locator('[data-testid="current-call"]').getAttribute('data-call'), { timeout: kLiveTimeoutMs }).toBe('');
  });
});
