import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, Language } from '../../src/api/types';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot, waitForLive } from './support/browser';
import { ConnectedCall, finishedCall, until } from './support/connected_call';
import { kLiveTimeoutMs } from './support/env';
import { requireServer } from './support/server';

// An attended (consultative) transfer from the agent desk: on a connected call the agent goes
// to the list of colleagues with C (typed on a Persian keyboard layout), picks a free one and
// presses Consult. The caller holds while the colleague's phone (SIPp, answering at once) rings
// and answers; the desk says whom the agent consults, offers Complete transfer, Conference and
// Cancel, and leaves Hold and Transfer off. K completes: the colleague has the caller (their
// own desk shows the call), the agent is in wrap-up, and the call's record lists an attended
// transfer. On a second call, J makes it a conference and X drops the colleague:
// the caller is back with the agent alone. Screenshots of the consult in English and Persian.
// Meanwhile the supervisor console's live calls say whom the agent consults, and how.

/** desk_transfer.test.ts's agent and colleague: that file runs after this one, and each
 *  ConnectedCall ends with its agents as they were (wrap-ups ended). */
const kAgent = 'a1002';
const kAgentPhone = '1002';
const kColleague = 'a1003';
const kColleaguePhone = '1003';
const kCallerPhone = '1005';

let browser: Browser | undefined;
let desk: Page;
let colleagueDesk: Page;
let consolePage: Page;
let supervisor: ApiSession;
const languages = new Map<ApiSession, Language>();
let phones: AnsweringPhones | undefined;
let call: ConnectedCall | undefined;

beforeAll(async () => {
  await requireServer();
  supervisor = await ApiSession.login('supervisor');
  const [agent, colleague] = await Promise.all([ApiSession.login(kAgent), ApiSession.login(kColleague)]);
  for (const session of [agent, colleague]) {
    languages.set(session, (await session.me()).language);
    await session.setLanguage('en');
  }
  phones = await AnsweringPhones.start([kAgentPhone, kColleaguePhone]);
  browser = await launchBrowser();
  [desk, colleagueDesk, consolePage] = await Promise.all([newPage(browser), newPage(browser), newPage(browser)]);
  await Promise.all([logInThroughForm(desk, kAgent), logInThroughForm(colleagueDesk, kColleague), logInThroughForm(consolePage, 'supervisor')]);
  await Promise.all([desk.goto('/desk'), colleagueDesk.goto('/desk'), consolePage.goto('/console')]);
  await Promise.all([waitForLive(desk), waitForLive(colleagueDesk), waitForLive(consolePage)]);
}, 40_000);

afterAll(async () => {
  await call?.end();
  await phones?.stop().catch(() => undefined);
  await browser?.close();
  for (const [session, language] of languages) {
    await session.setLanguage(language).catch(() => undefined);
  }
});

/** The live call as the supervisor's API reads it. */
const liveCall = async (id: string): Promise<Call | undefined> => (await supervisor.calls()).find((c) => c.id === id);
/** An element's text without the Unicode isolates the desk puts around a name in a sentence. */
const plainText = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').replace(/[\u2066-\u2069]/g, '');
const stage = (page: Page) => page.locator('[data-testid="consult"]').getAttribute('data-stage');
/** The console's word on the consult of call `id` (empty and hidden without one), without the
 *  isolates around the colleague's name. */
const consoleConsult = async (id: string) => {
  const note = consolePage.locator(`tr[data-call="${id}"] [data-testid="call-consult"]`);
  return { text: await plainText(consolePage, `tr[data-call="${id}"] [data-testid="call-consult"]`), hidden: await note.isHidden(), stage: await note.getAttribute('data-consult') };
};
/** The consult's buttons shown now, in order, by their data-action. */
const shownSteps = () =>
  desk.locator('[data-testid="consult"] button[data-action^="consult-"]').evaluateAll((buttons) =>
    buttons.filter((b) => !(b as HTMLButtonElement).hidden).map((b) => (b as HTMLButtonElement).dataset.action),
  );

/** A key pressed by position, made in the page: on a Persian layout C types ز (and K ن, J ت,
 *  X ط), which Chromium's own key presses cannot give (as desk_transfer.test.ts). */
function press(code: string, key: string, selector = 'body') {
  return desk.locator(selector).evaluate((element, [code, key]) => element.dispatchEvent(new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true })), [code, key] as const);
}

async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.selectOption('[data-testid="language-select"]', language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/** A call from kCallerPhone connected to kAgent on the desk, kColleague free again (the call
 *  has paused the other sales agents so that it came to kAgent). */
async function callOnTheDesk(): Promise<ConnectedCall> {
  const connected = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
  await supervisor.setState(kColleague, 'available');
  await desk.locator(`[data-testid="current-call"][data-call="${connected.id}"]`).waitFor({ timeout: kLiveTimeoutMs });
  await expect.poll(() => stage(desk), { timeout: kLiveTimeoutMs }).toBe('none');
  return connected;
}

/** Consults kColleague from the desk: C, the colleague, Consult; waits until they talk. */
async function consultColleague(id: string): Promise<void> {
  const list = desk.locator('[data-testid="consult-target"]');
  await press('KeyC', 'ز');
  expect(await list.evaluate((element) => element === document.activeElement)).toBe(true);
  // Going to the list asks who is free now.
  const colleague = list.locator(`option[value="${kColleague}"]:not([disabled])`);
  await colleague.waitFor({ state: 'attached', timeout: kLiveTimeoutMs });
  await list.selectOption(kColleague);
  await desk.locator('button[data-action="consult"]:enabled').click();
  // The colleague's phone answers at once, so the ringing may be over before the page shows it.
  await expect.poll(() => stage(desk), { timeout: kLiveTimeoutMs }).toBe('talking');
  await until(
    async () => ((await liveCall(id))?.consult?.state === 'talking' ? true : undefined),
    () => `call ${id} consulting ${kColleague}`,
    kLiveTimeoutMs,
  );
}

describe('consulting a colleague from the agent desk', () => {
  it('an agent consults a free colleague, sees the consult on the desk, and completes the transfer', async () => {
    call = await callOnTheDesk();
    const id = call.id;
    const list = desk.locator('[data-testid="consult-target"]');
    expect(await desk.locator('button[data-action="consult"]').textContent()).toBe('Consult (C)');
    // Only colleagues: not the agent themself, and no queues.
    await list.focus();
    await list.locator(`option[value="${kColleague}"]`).waitFor({ state: 'attached', timeout: kLiveTimeoutMs });
    const values = await list.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(values).not.toContain(kAgent);
    expect(values.filter((v) => v.startsWith('queue:'))).toEqual([]);
    await list.evaluate((element) => (element as HTMLSelectElement).blur());

    await consultColleague(id);

    // The caller holds; the call says whom the agent consults.
    const live = (await liveCall(id))!;
    expect(live.state).toBe('on-hold');
    expect(live.agent).toBe(kAgent);
    expect(live.consult).toMatchObject({ agent: kColleague, state: 'talking' });
    expect(await plainText(desk, '[data-testid="consult-status"]')).toBe('Consulting Agent 1003 — caller on hold');
    expect(await shownSteps()).toEqual(['consult-complete', 'consult-conference', 'consult-cancel']);
    expect(await desk.locator('button[data-action="consult-complete"]').textContent()).toBe('Complete transfer (K)');
    expect(await desk.locator('button[data-action="consult-conference"]').textContent()).toBe('Conference (J)');
    expect(await desk.locator('button[data-action="consult-cancel"]').textContent()).toBe('Cancel: back to the caller (X)');
    expect(await desk.locator('button[data-action="consult"]').isHidden()).toBe(true);
    // The colleague's desk shows the call they are consulted on, without the agent's controls.
    await expect.poll(() => stage(colleagueDesk), { timeout: kLiveTimeoutMs }).toBe('consulted');
    expect(await colleagueDesk.locator(`[data-testid="current-call"][data-call="${id}"]`).count()).toBe(1);
    // Hold and blind transfer wait for the consult (the server would refuse them), H too.
    expect(await desk.locator('button[data-action="hold"]').isDisabled()).toBe(true);
    expect(await desk.locator('button[data-action="transfer"]').isDisabled()).toBe(true);
    expect(await desk.locator('[data-testid="transfer-target"]').isDisabled()).toBe(true);
    await press('KeyH', 'ا');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await liveCall(id))?.consult?.state).toBe('talking');
    // And a number cannot be typed to transfer to, nor N go to its field.
    expect(await desk.locator('[data-testid="transfer-number"]').isDisabled()).toBe(true);
    expect(await desk.locator('button[data-action="transfer-number"]').isDisabled()).toBe(true);
    await press('KeyN', 'د');
    expect(await desk.locator('[data-testid="transfer-number"]').evaluate((element) => element === document.activeElement)).toBe(false);
    await saveScreenshot(desk, 'desk-consult-en');

    // The supervisor console shows whom the agent consults, the caller on hold in the state column.
    await expect.poll(() => consoleConsult(id), { timeout: kLiveTimeoutMs }).toEqual({ text: 'Consulting Agent 1003', hidden: false, stage: 'talking' });
    expect(await consolePage.locator(`tr[data-call="${id}"]`).getAttribute('data-state')).toBe('on-hold');
    expect(await consolePage.locator(`tr[data-call="${id}"] .call-state`).textContent()).toBe('On hold');
    expect(await consolePage.locator(`tr[data-call="${id}"]`).getAttribute('data-agent')).toBe(kAgent);
    await saveScreenshot(consolePage, 'console-consult-en');

    await switchLanguage(desk, 'fa');
    await expect.poll(() => stage(desk), { timeout: kLiveTimeoutMs }).toBe('talking');
    // The page drawn again asks for the colleagues' names: until they come, the id stands in.
    await expect.poll(() => plainText(desk, '[data-testid="consult-status"]'), { timeout: kLiveTimeoutMs }).toBe('در حال مشورت با Agent 1003 — تماس‌گیرنده در انتظار');
    expect(await desk.locator('button[data-action="consult-complete"]').textContent()).toBe('تکمیل انتقال (K)');
    expect(await desk.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await saveScreenshot(desk, 'desk-consult-fa');
    await switchLanguage(desk, 'en');
    await expect.poll(() => stage(desk), { timeout: kLiveTimeoutMs }).toBe('talking');
    // The name known again, for the notice K gives.
    await expect.poll(() => plainText(desk, '[data-testid="consult-status"]'), { timeout: kLiveTimeoutMs }).toBe('Consulting Agent 1003 — caller on hold');

    // K hands the caller over: the colleague has the call at once, the agent is in wrap-up.
    await press('KeyK', 'ن');

    await expect.poll(() => desk.locator('.notice').textContent(), { timeout: kLiveTimeoutMs }).toBe('Call handed to Agent 1003');
    let seen: Call | undefined;
    const taken = await until(
      async () => {
        seen = await liveCall(id);
        return seen?.agent === kColleague && seen.state === 'on-call' ? seen : undefined;
      },
      () => `call ${id} with ${kColleague} (last seen: ${JSON.stringify(seen ?? null)})`,
      kLiveTimeoutMs,
    );
    expect(taken.consult).toBeNull();
    expect(taken.queue).toBe('sales');
    await expect.poll(() => desk.locator('[data-testid="my-state"]').getAttribute('data-state'), { timeout: kLiveTimeoutMs }).toBe('wrap-up');
    await expect.poll(() => desk.locator('[data-testid="current-call"]').getAttribute('data-call'), { timeout: kLiveTimeoutMs }).toBe('');
    // The colleague's desk has the call as their own now: the Consult control, no consult.
    await expect.poll(() => stage(colleagueDesk), { timeout: kLiveTimeoutMs }).toBe('none');
    expect(await colleagueDesk.locator('button[data-action="hold"]').isEnabled()).toBe(true);
  });

  it("the call's record lists the attended transfer to the colleague", async () => {
    expect(call?.id, 'the call of the test before').toBeTruthy();
    const id = call!.id;
    await call!.end();
    call = undefined;
    const record = await finishedCall(supervisor, id);
    expect(record.transfers.map(({ agent, queue, to_queue, to_agent, attended }) => ({ agent, queue, to_queue, to_agent, attended }))).toEqual([
      { agent: kAgent, queue: 'sales', to_queue: 'sales', to_agent: kColleague, attended: true },
    ]);
    expect(record.agent).toBe(kColleague);
    expect(record.agents).toEqual([kAgent, kColleague]);
  });

  it('J makes it a conference, X drops the colleague: the caller is back with the agent alone', async () => {
    call = await callOnTheDesk();
    const id = call.id;
    await consultColleague(id);

    await press('KeyJ', 'ت');

    await expect.poll(() => stage(desk), { timeout: kLiveTimeoutMs }).toBe('conference');
    const live = (await liveCall(id))!;
    expect(live.consult).toMatchObject({ agent: kColleague, state: 'conference' });
    expect(live.state).toBe('on-call'); // the caller is off hold: all three hear each other
    expect(await plainText(desk, '[data-testid="consult-status"]')).toBe('Conference with Agent 1003');
    expect(await shownSteps()).toEqual(['consult-complete', 'consult-cancel']);
    expect(await desk.locator('button[data-action="consult-complete"]').textContent()).toBe('Leave (K)');
    expect(await plainText(desk, 'button[data-action="consult-cancel"]')).toBe('Drop Agent 1003 (X)');
    expect(await desk.locator('button[data-action="hold"]').isDisabled()).toBe(true);
    await expect.poll(() => consoleConsult(id), { timeout: kLiveTimeoutMs }).toEqual({ text: 'Conference with Agent 1003', hidden: false, stage: 'conference' });
    // Nor may a number be consulted meanwhile.
    expect(await desk.locator('button[data-action="consult-number"]').isDisabled()).toBe(true);
    // A second J is not sent: the conference has no Conference button.
    await press('KeyJ', 'ت');

    await press('KeyX', 'ط');

    await expect.poll(() => stage(desk), { timeout: kLiveTimeoutMs }).toBe('none');
    let seen: Call | undefined;
    const back = await until(
      async () => {
        seen = await liveCall(id);
        return seen?.consult === null && seen.agent === kAgent && seen.state === 'on-call' ? seen : undefined;
      },
      () => `call ${id} with ${kAgent} alone (last seen: ${JSON.stringify(seen ?? null)})`,
      kLiveTimeoutMs,
    );
    expect(back.agent).toBe(kAgent);
    expect(await desk.locator('[data-testid="consult-status"]').isHidden()).toBe(true);
    await expect.poll(() => consoleConsult(id), { timeout: kLiveTimeoutMs }).toEqual({ text: '', hidden: true, stage: '' });
    expect(await desk.locator('button[data-action="hold"]').isEnabled()).toBe(true);
    expect(await desk.locator('button[data-action="hold"]').textContent()).toBe('Hold (H)');
    // The colleague is free again and their desk has no call.
    await expect.poll(() => colleagueDesk.locator('[data-testid="current-call"]').getAttribute('data-call'), { timeout: kLiveTimeoutMs }).toBe('');
    await until(
      async () => ((await supervisor.agents()).find((a) => a.id === kColleague)?.state === 'available' ? true : undefined),
      () => `${kColleague} free again`,
      kLiveTimeoutMs,
    );
  });

  it("consulting a number beyond the agent's class of service shows the server's refusal and changes nothing", async () => {
    expect(call?.id, 'the call of the test before').toBeTruthy();
    const id = call!.id;
    const field = desk.locator('[data-testid="transfer-number"]');
    const consultNumber = desk.locator('button[data-action="consult-number"]');
    await expect.poll(() => consultNumber.isEnabled(), { timeout: kLiveTimeoutMs }).toBe(true);
    expect(await consultNumber.textContent()).toBe('Consult number');
    // International (00882…, through the demo's trunk with prefix 9): class agents may not dial it.
    await field.fill('900882123456789');
    await consultNumber.click();
    await expect.poll(() => desk.locator('.notice').textContent(), { timeout: kLiveTimeoutMs }).toBe(
      'The request was not accepted. (number: 1002 (class agents) may not dial 00882123456789)',
    );
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe('900882123456789');
    expect(await stage(desk)).toBe('none');
    expect(await liveCall(id)).toMatchObject({ agent: kAgent, state: 'on-call', consult: null });
  });
});
