import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, User } from '../../src/api/types';
import { formatTimeWithSeconds } from '../../src/format/dates';
import { formatDuration } from '../../src/format/numbers';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot, waitForLive } from './support/browser';
import { ConnectedCall, finishedCall } from './support/connected_call';
import { kLiveTimeoutMs } from './support/env';
import { requireServer } from './support/server';

// A supervisor coaching an agent: the console's Whisper rings the supervisor's own phone, which
// answers, and the agent's desk says, live, who is in their call and who hears them. When the
// call has ended, its record keeps each mode the supervisor was in, and the Recordings page
// shows them.

const kAgent = 'a1001';
const kAgentPhone = '1001';
/** The demo's supervisor phone (class supervisors in config/demo.yaml). */
const kSupervisorPhone = '2001';
/** Not 2001: Markaz refuses to ring a supervisor's phone that is the caller's. */
const kCallerPhone = '1005';

let browser: Browser | undefined;
let desk: Page;
let consolePage: Page;
let supervisor: ApiSession;
let manager: ApiSession;
let agent: ApiSession;
let agentLanguage: Language | undefined;
let supervisorLanguage: Language | undefined;
let phones: AnsweringPhones | undefined;
let call: ConnectedCall | undefined;

beforeAll(async () => {
  await requireServer();
  supervisor = await ApiSession.login('supervisor');
  manager = await ApiSession.login('manager');
  agent = await ApiSession.login(kAgent);
  // Monitoring rings the user's own extension (config/demo.yaml gives the supervisor 2001).
  const { user } = await manager.call<{ user: User }>('GET', '/api/v1/users/supervisor');
  expect(user.extension).toBe(kSupervisorPhone);
  // The texts checked here are the English ones.
  [agentLanguage, supervisorLanguage] = await Promise.all([agent.me(), supervisor.me()]).then((users) => users.map((user) => user.language));
  await Promise.all([agent.setLanguage('en'), supervisor.setLanguage('en')]);
  phones = await AnsweringPhones.start([kAgentPhone, kSupervisorPhone]);
  browser = await launchBrowser();
  [desk, consolePage] = await Promise.all([newPage(browser), newPage(browser)]);
  await Promise.all([logInThroughForm(desk, kAgent), logInThroughForm(consolePage, 'supervisor')]);
  await Promise.all([desk.goto('/desk'), consolePage.goto('/console')]);
  await Promise.all([waitForLive(desk), waitForLive(consolePage)]);
});

afterAll(async () => {
  await call?.end();
  await phones?.stop().catch(() => undefined);
  await browser?.close();
  if (agentLanguage) {
    await agent.setLanguage(agentLanguage).catch(() => undefined);
  }
  if (supervisorLanguage) {
    await supervisor.setLanguage(supervisorLanguage).catch(() => undefined);
  }
});

const banner = () => desk.locator('[data-testid="desk-monitor"]');
const callRow = (): Locator => consolePage.locator(`tr[data-call="${call!.id}"]`);

describe('supervisor monitoring, seen on the agent desk', () => {
  it("a supervisor starts whisper from the console and the agent's desk shows they are being coached", async () => {
    call = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
    await desk.locator(`[data-testid="current-call"][data-call="${call.id}"]`).waitFor({ timeout: kLiveTimeoutMs });
    expect(await banner().isHidden()).toBe(true);
    // A marker a reload would wipe out.
    await desk.evaluate(() => ((window as unknown as { markazNoReload: boolean }).markazNoReload = true));

    await callRow().locator('button[data-action="whisper"]:enabled').click();

    // Markaz rings 2001, the phone answers, and the call's monitors reach the desk.
    await expect
      .poll(() => banner().textContent(), { timeout: kLiveTimeoutMs * 2 })
      .toBe('Supervisor supervisor is coaching you: you hear them, the customer does not.');
    expect(await banner().isVisible()).toBe(true);
    expect(await banner().getAttribute('data-mode')).toBe('whisper');
    await saveScreenshot(desk, 'desk-monitor-whisper-en');
    await expect.poll(() => callRow().locator('[data-testid="monitors"]').textContent()).toBe('Supervisor supervisor: Whisper');
    expect(await desk.evaluate(() => (window as unknown as { markazNoReload?: boolean }).markazNoReload)).toBe(true);
  });

  it('follows the supervisor live: barging in is announced, listening is not', async () => {
    expect(call?.id, 'the call of the test before').toBeTruthy();
    await callRow().locator('button[data-action="barge"]').click();
    await expect
      .poll(() => banner().textContent(), { timeout: kLiveTimeoutMs })
      .toBe('Supervisor supervisor has joined the call: you and the customer both hear them.');
    expect(await banner().getAttribute('data-mode')).toBe('barge');

    await callRow().locator('button[data-action="listen"]').click();
    await expect.poll(() => callRow().locator('[data-testid="monitors"]').textContent(), { timeout: kLiveTimeoutMs }).toBe('Supervisor supervisor: Listen');
    await expect.poll(() => banner().isHidden(), { timeout: kLiveTimeoutMs }).toBe(true);
    expect(await banner().textContent()).toBe('');
  });

  it("keeps the supervisor's modes in the call record, oldest first, and the Recordings page shows them", async () => {
    expect(call?.id, 'the call of the tests before').toBeTruthy();
    const id = call!.id;
    await call!.end();
    call = undefined;
    const record = await finishedCall(manager, id);
    const monitors = record.monitors ?? [];
    expect(monitors.map(({ user, extension, mode }) => ({ user, extension, mode }))).toEqual(
      (['whisper', 'barge', 'listen'] as const).map((mode) => ({ user: 'supervisor', extension: kSupervisorPhone, mode })),
    );
    // One period after the other, within the call.
    let previousEnd = record.started_at_ms;
    for (const monitor of monitors) {
      expect(monitor.from_ms, JSON.stringify(monitor)).toBeGreaterThanOrEqual(previousEnd);
      expect(monitor.to_ms, JSON.stringify(monitor)).toBeGreaterThanOrEqual(monitor.from_ms);
      previousEnd = monitor.to_ms;
    }
    expect(previousEnd).toBeLessThanOrEqual(record.ended_at_ms);

    // The supervisor opens the call on the Recordings page: who, which mode, from, until, how long.
    await consolePage.goto(`/recordings?caller=${kCallerPhone}&recorded=false&call=${id}`);
    const detail = consolePage.locator(`[data-testid="recording-detail"][data-call="${id}"]`);
    const rows = detail.locator('[data-testid="call-monitors"] tbody tr');
    await rows.first().waitFor();
    expect(await detail.locator('h3').allTextContents()).toContain('Supervisors in the call');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.mode))).toEqual(['whisper', 'barge', 'listen']);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    // Times of day as the browser (on this machine, in its time zone) writes them.
    const modeNames = { whisper: 'Whisper', barge: 'Barge in', listen: 'Listen' };
    expect(cells).toEqual(
      monitors.map((m) => ['supervisor', modeNames[m.mode], formatTimeWithSeconds(m.from_ms, 'en'), formatTimeWithSeconds(m.to_ms, 'en'), formatDuration(m.to_ms - m.from_ms, 'en')]),
    );
    await saveScreenshot(consolePage, 'recordings-monitors-en');

    // In Persian: the console's names for the modes, Persian digits.
    await consolePage.selectOption('[data-testid="language-select"]', 'fa');
    await consolePage.waitForFunction(() => document.documentElement.lang === 'fa');
    const persianRows = consolePage.locator(`[data-testid="recording-detail"][data-call="${id}"] [data-testid="call-monitors"] tbody tr`);
    await persianRows.first().waitFor();
    const persian = await persianRows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(persian.map((row) => row[1])).toEqual(['نجوا', 'ورود به مکالمه', 'شنود']);
    expect(persian[0]![2]).toBe(formatTimeWithSeconds(monitors[0]!.from_ms, 'fa'));
    expect(persian[0]![2]).toMatch(/^[۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2}$/);
    await saveScreenshot(consolePage, 'recordings-monitors-fa');
    await consolePage.selectOption('[data-testid="language-select"]', 'en');
    await consolePage.waitForFunction(() => document.documentElement.lang === 'en');
  });
});
