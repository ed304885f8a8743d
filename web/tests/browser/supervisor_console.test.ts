import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, Call } from '../../src/api/types';
import { ApiSession, restoreAgent } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, waitForLive } from './support/browser';
import { kLiveTimeoutMs } from './support/env';
import { requireServer } from './support/server';
import { WaitingCall } from './support/waiting_call';

// The supervisor console against a running Markaz with the demo configuration: a change made
// through the API appears live, and a waiting call can be moved to a free agent.

let browser: Browser | undefined;
let page: Page;
let supervisor: ApiSession;
const toRestore: Agent[] = [];

beforeAll(async () => {
  await requireServer();
  supervisor = await ApiSession.login('supervisor');
  browser = await launchBrowser();
  page = await newPage(browser);
  await logInThroughForm(page, 'supervisor');
  await page.goto('/console');
  await waitForLive(page);
});

afterAll(async () => {
  for (const agent of toRestore.reverse()) {
    await restoreAgent(supervisor, agent).catch(() => undefined);
  }
  await browser?.close();
});

/** An agent whose state a supervisor can change now (not ringing or on a call). */
async function changeableAgent(): Promise<Agent> {
  const agent = (await supervisor.agents()).find((a) => ['available', 'not-ready', 'paused'].includes(a.state));
  if (!agent) {
    throw new Error('no agent is available, not ready or paused; the demo logs every agent in at start');
  }
  return agent;
}

describe('supervisor console', () => {
  it('shows an agent state change made through the API without a reload', async () => {
    const agent = await changeableAgent();
    toRestore.push(agent);
    const row = page.locator(`tr[data-agent="${agent.id}"]`);
    await expect.poll(() => row.getAttribute('data-state'), { timeout: kLiveTimeoutMs }).toBe(agent.state);
    // A marker a reload would wipe out.
    await page.evaluate(() => ((window as unknown as { markazNoReload: boolean }).markazNoReload = true));

    const reason = agent.state === 'paused' && agent.reason === 'break' ? 'lunch' : 'break';
    await supervisor.setState(agent.id, 'paused', reason);

    await expect.poll(() => row.getAttribute('data-state'), { timeout: kLiveTimeoutMs }).toBe('paused');
    await expect.poll(() => row.locator('.state-badge').textContent()).toContain(reason === 'break' ? 'Break' : 'Lunch');
    expect(await page.evaluate(() => (window as unknown as { markazNoReload?: boolean }).markazNoReload)).toBe(true);
  });

  it('moves a waiting call to a free agent', async () => {
    // Keep every sales agent from taking the call by themselves, so it waits.
    for (const agent of (await supervisor.agents()).filter((a) => a.queues.includes('sales') && a.state === 'available')) {
      toRestore.push(agent);
      await supervisor.setState(agent.id, 'paused', 'meeting');
    }
    const caller = await WaitingCall.start('200');
    let call: Call | undefined;
    try {
      const row = page.locator('tr[data-call][data-state="waiting"][data-queue="sales"]').first();
      await row.waitFor({ timeout: kLiveTimeoutMs * 2 });
      const callId = (await row.getAttribute('data-call'))!;
      call = (await supervisor.calls()).find((c) => c.id === callId);

      const free = (await supervisor.agents()).find((a) => a.state === 'available' && !a.queues.includes('sales'));
      if (!free) {
        throw new Error('no free agent outside sales to move the call to (the demo traffic registers the support phones)');
      }
      const callRow = page.locator(`tr[data-call="${callId}"]`);
      await callRow.locator('[data-testid="move-target"]').selectOption(free.id);
      await callRow.locator('button[data-action="move"]').click();

      await expect.poll(() => callRow.getAttribute('data-agent'), { timeout: kLiveTimeoutMs }).toBe(free.id);
      expect(['ringing', 'on-call', 'on-hold']).toContain(await callRow.getAttribute('data-state'));
      const moved = (await supervisor.calls()).find((c) => c.id === callId);
      expect(moved?.offered_by).toBe('supervisor');
    } finally {
      if (call) {
        await supervisor.hangUp(call.id).catch(() => undefined);
      }
      await caller.stop(2_000);
    }
  });
});
