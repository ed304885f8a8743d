import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Call, CallRecord, Language } from '../../src/api/types';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot, waitForLive } from './support/browser';
import { ConnectedCall, finishedCall, until } from './support/connected_call';
import { kLiveTimeoutMs } from './support/env';
import { requireServer } from './support/server';

// A blind transfer from the agent desk: the agent picks a queue or a colleague and lets the
// caller go; the agent goes to wrap-up. To a queue, the caller joins it and its agents (the
// phones the loadgen of scripts/browser-test plays) are offered the call; to a free colleague,
// the colleague's phone rings at once. Before the first transfer, the agent holds and resumes
// the call with H and goes to the list with T, typed on a Persian keyboard layout. The finished
// call's record names the colleague, and so does the Recordings page.
// To a number typed (N goes to the field): one that cannot be a number is caught on the desk;
// an international one beyond the agents' class of service in config/demo.yaml is refused by
// the server, whose reason the desk shows while the call stays with the agent (in English and
// in Persian, with a screenshot); a mobile number through the demo's trunk (whose target is the
// loadgen of scripts/browser-test, answering every call) takes the caller out of the queues.

/** Not a1001, whom desk_monitor.test.ts uses: a wrap-up left by one file does not slow the
 *  other. */
const kAgent = 'a1002';
const kAgentPhone = '1002';
/** A sales colleague whose phone SIPp plays too. */
const kColleague = 'a1003';
const kColleaguePhone = '1003';
const kCallerPhone = '1005';
/** 00882…: international (a satellite network's premium range), dialled through the demo's
 *  trunk with its prefix 9. Class agents dials 0[1-8]XXXXXXXXX and 09XXXXXXXXX only. */
const kRefusedNumber = '900882123456789';
const kRefusal = 'number: 1002 (class agents) may not dial 00882123456789';
/** A mobile number (09XXXXXXXXX) through the trunk: within class agents. */
const kOutsideNumber = '909121234567';

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
  phones = await AnsweringPhones.start([kAgentPhone, kColleaguePhone]);
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

/** A key pressed by position, made in the page: on a Persian layout N types د (as H and T
 *  below), which Chromium's own key presses cannot give. */
const press = (selector: string, code: string, key: string) =>
  desk.locator(selector).evaluate((element, [code, key]) => element.dispatchEvent(new KeyboardEvent('keydown', { code, key, bubbles: true, cancelable: true })), [code, key] as const);

async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.selectOption('[data-testid="language-select"]', language);
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

/** The live call as the supervisor's API reads it. */
const liveCall = async (id: string): Promise<Call | undefined> => (await supervisor.calls()).find((c) => c.id === id);

describe('transfer from the agent desk', () => {
  it('an agent transfers a call to a queue from the desk', async () => {
    call = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
    const panel = desk.locator(`[data-testid="current-call"][data-call="${call.id}"]`);
    await panel.waitFor({ timeout: kLiveTimeoutMs });
    const target = desk.locator('[data-testid="transfer-target"]');
    await target.locator('option[value="queue:support"]').waitFor({ state: 'attached' });
    const values = (selector: string) => target.locator(selector).evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(await values('optgroup[data-group="queues"] option')).toEqual(['queue:sales', 'queue:support']);
    // Colleagues too, but not the agent themself.
    expect(await values('optgroup[data-group="colleagues"] option')).toContain(`agent:${kColleague}`);
    expect(await values('optgroup[data-group="colleagues"] option')).not.toContain(`agent:${kAgent}`);

    // H and T by key position: on a Persian (or Arabic) layout those keys type ا and ف, which
    // Chromium's own key presses cannot give, so the presses are made in the page.
    const hold = desk.locator('button[data-action="hold"]');
    const callState = async () => (await supervisor.calls()).find((c) => c.id === call!.id)?.state;
    await press('body', 'KeyH', 'ا');
    await expect.poll(() => hold.getAttribute('data-held'), { timeout: kLiveTimeoutMs }).toBe('true');
    expect(await callState()).toBe('on-hold');
    await press('body', 'KeyH', 'ا');
    await expect.poll(() => hold.getAttribute('data-held'), { timeout: kLiveTimeoutMs }).toBe('false');
    expect(await callState()).toBe('on-call');
    await press('body', 'KeyT', 'ف');
    expect(await target.evaluate((element) => element === document.activeElement)).toBe(true);
    // In the list, a letter is the list's: H does not hold the call.
    await press('[data-testid="transfer-target"]', 'KeyH', 'ا');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await callState()).toBe('on-call');

    await target.selectOption('queue:support');
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

  it('an agent passes a call to a free colleague, whose phone rings at once', async () => {
    // The call of the test before is in support: hang it up, and the sales agents are as they
    // were (the agent's wrap-up ended).
    await call?.end();
    call = undefined;
    call = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
    // ConnectedCall has paused the other sales agents, so the call came to kAgent: the colleague
    // is made free again, and the others stay busy.
    await supervisor.setState(kColleague, 'available');
    await desk.locator(`[data-testid="current-call"][data-call="${call.id}"]`).waitFor({ timeout: kLiveTimeoutMs });
    const target = desk.locator('[data-testid="transfer-target"]');
    // Going to the list asks who is free now.
    await target.focus();
    const colleague = target.locator(`option[value="agent:${kColleague}"]:not([disabled])`);
    await colleague.waitFor({ state: 'attached', timeout: kLiveTimeoutMs });
    expect(await colleague.textContent()).toBe('Agent 1003');
    const busy = target.locator('option[value="agent:a1005"]');
    expect(await busy.getAttribute('disabled')).not.toBeNull();
    expect(await busy.textContent()).toBe('Agent 1005 (busy)');

    await target.selectOption(`agent:${kColleague}`);
    await desk.locator('button[data-action="transfer"]:enabled').click();

    await expect.poll(() => desk.locator('.notice').textContent(), { timeout: kLiveTimeoutMs }).toBe('Call passed to Agent 1003');
    // The colleague has the call, in the queue it came from; the agent is in wrap-up without it.
    let seen: Call | undefined;
    const taken = await until(
      async () => {
        seen = (await supervisor.calls()).find((c) => c.id === call!.id);
        return seen?.agent === kColleague && (seen.state === 'ringing' || seen.state === 'on-call') ? seen : undefined;
      },
      () => `call ${call!.id} with ${kColleague} (last seen: ${JSON.stringify(seen ?? null)})`,
      kLiveTimeoutMs,
    );
    expect(taken.queue).toBe('sales');
    await expect.poll(() => desk.locator('[data-testid="my-state"]').getAttribute('data-state'), { timeout: kLiveTimeoutMs }).toBe('wrap-up');
    await expect.poll(() => desk.locator('[data-testid="current-call"]').getAttribute('data-call'), { timeout: kLiveTimeoutMs }).toBe('');
  });

  it("the call's record names the colleague, and the Recordings page says it was passed to them", async () => {
    expect(call?.id, 'the call of the test before').toBeTruthy();
    const id = call!.id;
    await call!.end();
    call = undefined;
    const record = await finishedCall(supervisor, id);
    expect(record.transfers.map(({ agent, queue, to_queue, to_agent }) => ({ agent, queue, to_queue, to_agent }))).toEqual([
      { agent: kAgent, queue: 'sales', to_queue: 'sales', to_agent: kColleague },
    ]);
    expect(record.agent).toBe(kColleague);

    const page = await newPage(browser!);
    await logInThroughForm(page, 'supervisor');
    await page.goto(`/recordings?caller=${kCallerPhone}&recorded=false&call=${id}`);
    const legs = page.locator(`[data-testid="recording-detail"][data-call="${id}"] [data-testid="agent-legs"] tbody tr`);
    await legs.first().waitFor();
    const outcomes = () => legs.evaluateAll((rows) => rows.map((row) => row.lastElementChild?.textContent));
    await expect.poll(outcomes).toEqual([expect.stringMatching(/^Passed to Agent 1003 \(sales\) at \d\d:\d\d:\d\d$/), 'Finished the call']);
    await page.context().close();
  });

  it('an agent types a number their phone may not call: the desk says why, and the call stays with them', async () => {
    call = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
    const id = call.id;
    await desk.locator(`[data-testid="current-call"][data-call="${id}"]`).waitFor({ timeout: kLiveTimeoutMs });
    const field = desk.locator('[data-testid="transfer-number"]');
    const send = desk.locator('button[data-action="transfer-number"]');
    await expect.poll(() => send.isEnabled(), { timeout: kLiveTimeoutMs }).toBe(true);
    expect(await send.textContent()).toBe('Transfer to number (N)');
    expect(await field.getAttribute('placeholder')).toBe('Number…');

    // N goes to the field (د on a Persian layout); there, letters are the field's.
    await press('body', 'KeyN', 'د');
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);

    // Not a number: said beside the field, nothing sent.
    await field.fill('0912-123-4567');
    await field.press('Enter');
    const problem = desk.locator('[data-testid="transfer-number-problem"]');
    await expect.poll(() => problem.textContent()).toBe('A number has digits, +, * and # only.');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('');
    expect(await problem.textContent()).toBe('');
    await send.click();
    await expect.poll(() => problem.textContent()).toBe('Type the number to transfer the caller to.');
    expect((await liveCall(id))?.agent).toBe(kAgent);

    // International, beyond the agents' class of service: the server refuses, the desk shows
    // its reason, and the caller is still on the line with the agent.
    await field.fill(kRefusedNumber);
    await field.press('Enter');
    await expect.poll(() => desk.locator('.notice').textContent(), { timeout: kLiveTimeoutMs }).toBe(`The request was not accepted. (${kRefusal})`);
    expect(await problem.textContent()).toBe('');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.inputValue()).toBe(kRefusedNumber);
    const live = await liveCall(id);
    expect(live).toMatchObject({ agent: kAgent, state: 'on-call', queue: 'sales' });
    expect(await desk.locator('[data-testid="current-call"]').getAttribute('data-call')).toBe(id);
    expect(await desk.locator('[data-testid="my-state"]').getAttribute('data-state')).toBe('on-call');

    // In Persian: the same, right to left around a number typed and shown left to right, in the
    // Latin digits it is dialled with.
    await switchLanguage(desk, 'fa');
    await desk.locator(`[data-testid="current-call"][data-call="${id}"]`).waitFor({ timeout: kLiveTimeoutMs });
    const persianSend = desk.locator('button[data-action="transfer-number"]');
    await expect.poll(() => persianSend.isEnabled(), { timeout: kLiveTimeoutMs }).toBe(true);
    expect(await persianSend.textContent()).toBe('انتقال به شماره (N)');
    expect(await field.getAttribute('placeholder')).toBe('شماره…');
    expect(await desk.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await press('body', 'KeyN', 'د');
    await field.pressSequentially(kRefusedNumber);
    expect(await field.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
    await field.press('Enter');
    await expect.poll(() => desk.locator('.notice').textContent(), { timeout: kLiveTimeoutMs }).toBe(`درخواست پذیرفته نشد. (${kRefusal})`);
    expect(await field.inputValue()).toBe(kRefusedNumber);
    expect((await liveCall(id))?.agent).toBe(kAgent);
    await saveScreenshot(desk, 'desk-transfer-number-fa');
    await switchLanguage(desk, 'en');
    await desk.locator(`[data-testid="current-call"][data-call="${id}"]`).waitFor({ timeout: kLiveTimeoutMs });
    await call.end();
    call = undefined;
  });

  it('an agent transfers a call to an outside number through the trunk: the caller leaves the queues, the agent wraps up', async () => {
    // The caller would hang up by themselves 20 s after Markaz answered them; the supervisor
    // does it first, from the live calls.
    call = await ConnectedCall.start(supervisor, kAgent, kCallerPhone, undefined, 20_000);
    const id = call.id;
    await desk.locator(`[data-testid="current-call"][data-call="${id}"]`).waitFor({ timeout: kLiveTimeoutMs });
    const field = desk.locator('[data-testid="transfer-number"]');
    await press('body', 'KeyN', 'د');
    await field.fill(kOutsideNumber);
    await desk.locator('button[data-action="transfer-number"]:enabled').click();

    await expect.poll(() => desk.locator('.notice').textContent(), { timeout: kLiveTimeoutMs }).toBe(`Call transferred to \u2066${kOutsideNumber}\u2069`);
    await expect.poll(() => desk.locator('[data-testid="my-state"]').getAttribute('data-state'), { timeout: kLiveTimeoutMs }).toBe('wrap-up');
    await expect.poll(() => desk.locator('[data-testid="current-call"]').getAttribute('data-call'), { timeout: kLiveTimeoutMs }).toBe('');
    // Out of the queues, still on the centre's trunk: the supervisor sees where it went, and may
    // hang it up; then it is gone from the live calls.
    const out = await until(
      async () => {
        const live = await liveCall(id);
        return live?.state === 'transferred-out' ? live : undefined;
      },
      () => `call ${id} transferred out among the live calls`,
      kLiveTimeoutMs,
    );
    expect(out.transferred_to).toBe(kOutsideNumber);
    expect(out.agent).toBeNull();
    const hangUp = await supervisor.raw('POST', `/api/v1/calls/${id}/hangup`);
    expect(hangUp.status).toBe(204);
    await until(async () => ((await liveCall(id)) === undefined ? true : undefined), () => `call ${id} gone from the live calls`, kLiveTimeoutMs);

    // The caller talked with the number until they hung up; the record lists the transfer.
    let answer: { status: number; body: { record?: CallRecord } } | undefined;
    const record = await until(
      async () => {
        answer = await supervisor.raw('GET', `/api/v1/call-records/${id}`);
        return answer.status === 200 ? answer.body.record : undefined;
      },
      () => `the call record ${id} (last answer: ${JSON.stringify(answer ?? null)})`,
      30_000,
    );
    expect(record.transfers.map(({ agent, queue, to_queue, to_agent, to_number }) => ({ agent, queue, to_queue, to_agent, to_number }))).toEqual([
      { agent: kAgent, queue: 'sales', to_queue: '', to_agent: null, to_number: kOutsideNumber },
    ]);
  }, 60_000);
});
