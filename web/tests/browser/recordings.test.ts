import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, Language } from '../../src/api/types';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot } from './support/browser';
import { recordedCall } from './support/connected_call';
import { demoPassword } from './support/env';
import { requireServer } from './support/server';

// The Recordings page: a real call is put through to a sales agent (and recorded, as every
// bridged call is), then the QA analyst finds it by the caller's number, plays it in the
// browser's audio element (streamed from the API with range requests), jumps in it and changes
// speed, in English and in Persian. A supervisor opens the page too; an agent has no way to it.
// A manager puts the call on legal hold and lifts it.

/** Not a1001-a1003, whom the desk tests use: a wrap-up left by one file does not slow another. */
const kAgent = 'a1004';
const kAgentPhone = '1004';
const kCallerPhone = '1005';
/** How long the call talks: enough recording to play, seek and see time move. */
const kTalkMs = 3_000;

let browser: Browser | undefined;
let supervisor: ApiSession;
let qa: ApiSession;
let qaLanguage: Language | undefined;
let manager: ApiSession;
let managerLanguage: Language | undefined;
let phones: AnsweringPhones | undefined;
let recorded: CallRecord;

beforeAll(async () => {
  await requireServer();
  [supervisor, qa, manager] = await Promise.all([ApiSession.login('supervisor'), ApiSession.login('qa'), ApiSession.login('manager')]);
  [qaLanguage, managerLanguage] = await Promise.all([qa.me(), manager.me()]).then((users) => users.map((user) => user.language));
  await Promise.all([qa.setLanguage('en'), manager.setLanguage('en')]);
  [phones, browser] = await Promise.all([AnsweringPhones.start([kAgentPhone]), launchBrowser()]);
  recorded = await recordedCall(supervisor, qa, { agent: kAgent, from: kCallerPhone, talkMs: kTalkMs });
}, 45_000);

afterAll(async () => {
  await phones?.stop().catch(() => undefined);
  await browser?.close();
  if (qaLanguage) {
    await qa.setLanguage(qaLanguage).catch(() => undefined);
  }
  if (managerLanguage) {
    await manager.setLanguage(managerLanguage).catch(() => undefined);
  }
  // A test that failed half-way leaves no hold behind.
  if (recorded) {
    await manager.raw('DELETE', `/api/v1/call-records/${recorded.id}/legal-hold`).catch(() => undefined);
  }
});

/** The player's audio element, read in the page. */
function audioState(page: Page) {
  return page.locator('[data-testid="recording-audio"]').evaluate((element) => {
    const audio = element as HTMLAudioElement;
    return { currentTime: audio.currentTime, duration: audio.duration, paused: audio.paused, rate: audio.playbackRate, src: audio.currentSrc };
  });
}

describe('the Recordings page', () => {
  it('the QA analyst finds the call by the caller number, plays it, jumps and changes speed', async () => {
    expect(recorded.agent).toBe(kAgent);
    expect(recorded.talk_ms).toBeGreaterThanOrEqual(kTalkMs - 500);
    const page = await newPage(browser!);
    const ranges: number[] = [];
    page.on('response', (response) => {
      if (response.url().includes(`/call-records/${recorded.id}/recording`)) {
        ranges.push(response.status());
      }
    });
    // The QA analyst's work is the recordings: the login lands them there.
    await logInThroughForm(page, 'qa');
    expect(new URL(page.url()).pathname).toBe('/recordings');

    // Search: the caller's number and the agent (the list is the reader's scope, loaded apart).
    await page.locator(`[data-testid="agent-filter"] option[value="${kAgent}"]`).waitFor({ state: 'attached' });
    await page.fill('[data-testid="caller-filter"]', kCallerPhone);
    await page.selectOption('[data-testid="agent-filter"]', kAgent);
    await page.click('button[data-action="search"]');
    const row = page.locator(`tr[data-call="${recorded.id}"]`);
    await row.waitFor();
    expect(new URL(page.url()).searchParams.get('caller')).toBe(kCallerPhone);
    const cells = await row.locator('td').allTextContents();
    expect(cells[1]).toBe(kCallerPhone);
    expect(cells[2]).toBe('sales');
    expect(cells[3]).toBe('Agent 1004');
    expect(cells[7]).toBe('Answered');
    expect(cells[5]).toMatch(/^0:0[2-9]$/);
    expect(await page.locator('[data-testid="page-range"]').getAttribute('data-total')).toMatch(/^[1-9]\d*$/);

    // Listen: the audio element streams the recording from the API and plays.
    await row.locator('button[data-action="listen"]').click();
    const detail = page.locator(`[data-testid="recording-detail"][data-call="${recorded.id}"]`);
    await detail.waitFor();
    expect((await audioState(page)).src).toMatch(new RegExp(`/api/v1/call-records/${recorded.id}/recording$`));
    await page.waitForFunction(() => (document.querySelector('[data-testid="recording-audio"]') as HTMLAudioElement).currentTime > 1);
    const playing = await audioState(page);
    expect(playing.paused).toBe(false);
    expect(playing.duration).toBeGreaterThan((kTalkMs - 1_000) / 1000);
    expect(playing.duration).toBeLessThan(30);
    // The server answered the element's range requests with parts.
    expect(ranges).toContain(206);
    expect(await page.locator('tr.chosen').getAttribute('data-call')).toBe(recorded.id);
    expect(new URL(page.url()).searchParams.get('call')).toBe(recorded.id);

    // The call's facts beside it; the legal hold is the managers' alone.
    expect(await detail.locator('[data-testid="call-id"]').textContent()).toBe(recorded.id);
    expect(await detail.locator('[data-testid="legal-hold"]').count()).toBe(0);
    expect(await detail.locator('[data-testid="agent-legs"] tbody tr').allTextContents()).toEqual([expect.stringMatching(/^Agent 1004sales0:0[2-9]0:00Finished the call$/)]);

    // K pauses; J jumps back 5 s (to the start of this short call); the +5 s button forward.
    await page.keyboard.press('k');
    await expect.poll(async () => (await audioState(page)).paused).toBe(true);
    const before = (await audioState(page)).currentTime;
    await page.keyboard.press('j');
    await expect.poll(async () => (await audioState(page)).currentTime).toBe(0);
    await detail.locator('button[data-action="forward"]').click();
    await expect.poll(async () => (await audioState(page)).currentTime).toBeGreaterThan(Math.min(before, 2));
    await page.locator('[data-testid="recording-audio"]').evaluate((element) => ((element as HTMLAudioElement).currentTime = 0.5));
    const speed = detail.locator('[data-testid="speed"]');
    await speed.selectOption('1.5');
    expect((await audioState(page)).rate).toBe(1.5);
    // A letter typed in a focused list picks an option there: the player leaves it alone.
    await speed.focus();
    await page.keyboard.press('k');
    expect((await audioState(page)).paused).toBe(true);
    await page.locator('h1.page-title').click();
    await page.keyboard.press('k');
    await page.waitForFunction(() => (document.querySelector('[data-testid="recording-audio"]') as HTMLAudioElement).currentTime > 1);

    // Download: the same recording as an attachment.
    const href = (await detail.locator('[data-testid="download"]').getAttribute('href'))!;
    expect(href).toBe(`/api/v1/call-records/${recorded.id}/recording?download=true`);
    const download = await page.request.get(href, { headers: { Range: 'bytes=0-43' } });
    expect(download.headers()['content-disposition']).toBe(`attachment; filename="${recorded.id}.wav"`);
    expect((await download.body()).subarray(0, 4).toString()).toBe('RIFF');
    // And as Opus, to share: an Ogg stream with an Opus header.
    const opusHref = (await detail.locator('[data-testid="download-opus"]').getAttribute('href'))!;
    expect(opusHref).toBe(`/api/v1/call-records/${recorded.id}/recording?download=true&format=opus`);
    const opus = await page.request.get(opusHref);
    expect(opus.headers()['content-type']).toBe('audio/ogg');
    expect(opus.headers()['content-disposition']).toBe(`attachment; filename="${recorded.id}.opus"`);
    const opusBody = await opus.body();
    expect(opusBody.subarray(0, 4).toString()).toBe('OggS');
    expect(opusBody.includes(Buffer.from('OpusHead'))).toBe(true);
    await saveScreenshot(page, 'recordings-en');

    // In Persian the page keeps the search and the call, right to left, in Jalali dates and
    // Persian digits.
    await page.selectOption('[data-testid="language-select"]', 'fa');
    await page.waitForFunction(() => document.documentElement.lang === 'fa');
    await detail.waitFor();
    const persianRow = page.locator(`tr[data-call="${recorded.id}"]`);
    await persianRow.waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const persianCells = await persianRow.locator('td').allTextContents();
    expect(persianCells[1]).toBe('۱۰۰۵');
    expect(persianCells[0]).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}$/);
    expect(persianCells[7]).toBe('پاسخ‌داده');
    const month = await page.locator('[data-testid="to-date"] select[data-part="month"] option:checked').textContent();
    expect(['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند']).toContain(month);
    expect(await page.locator('[data-testid="caller-filter"]').inputValue()).toBe('۱۰۰۵');
    // Shown again, not played again until asked: K plays it.
    expect((await audioState(page)).paused).toBe(true);
    await page.keyboard.press('k');
    await page.waitForFunction(() => (document.querySelector('[data-testid="recording-audio"]') as HTMLAudioElement).currentTime > 0.5);
    await page.keyboard.press('k');
    await saveScreenshot(page, 'recordings-fa');
    // And in Arabic: right to left, Gregorian dates, Arabic-Indic digits.
    await page.selectOption('[data-testid="language-select"]', 'ar');
    await page.waitForFunction(() => document.documentElement.lang === 'ar');
    const arabicRow = page.locator(`tr[data-call="${recorded.id}"]`);
    await arabicRow.waitFor();
    expect(await arabicRow.locator('td').nth(1).textContent()).toBe('١٠٠٥');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await saveScreenshot(page, 'recordings-ar');
    await page.context().close();

    // Each listening and the download are in the audit log.
    const { entries } = await manager.call<{ entries: { action: string; target: string; username: string }[] }>('GET', '/api/v1/audit?limit=100');
    const mine = entries.filter((entry) => entry.target === recorded.id && entry.username === 'qa').map((entry) => entry.action);
    expect(mine).toContain('recording-play');
    expect(mine).toContain('recording-download');
  });

  it('a supervisor opens a link to their team call, through the login, and has the page in the nav', async () => {
    const page = await newPage(browser!);
    const link = `/recordings?caller=${kCallerPhone}&call=${recorded.id}`;
    await page.goto(link);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.fill('#username', 'supervisor');
    await page.fill('#password', demoPassword('supervisor'));
    await page.click('form[data-testid="login-form"] button[type="submit"]');
    await page.locator(`[data-testid="recording-detail"][data-call="${recorded.id}"]`).waitFor();
    await page.locator(`tr[data-call="${recorded.id}"] button[data-action="listen"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('call')).toBe(recorded.id);
    expect(await page.locator('nav a[data-page="recordings"]').getAttribute('aria-current')).toBe('page');
    expect(await page.locator('[data-testid="legal-hold"]').count()).toBe(0);
    await page.context().close();
  });

  it('a manager puts the call on legal hold and lifts it; the API and the audit log show it', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, 'manager');
    await page.goto(`/recordings?caller=${kCallerPhone}&call=${recorded.id}`);
    const detail = page.locator(`[data-testid="recording-detail"][data-call="${recorded.id}"]`);
    await detail.waitFor();
    const control = detail.locator('[data-testid="legal-hold"]');
    const button = control.locator('button[data-action="legal-hold"]');
    const heldInApi = async () => (await qa.call<{ record: CallRecord }>('GET', `/api/v1/call-records/${recorded.id}`)).record.legal_hold;
    /** The facts panel's "Legal hold" line, or null without one. */
    const holdFact = () =>
      detail.locator('[data-testid="call-facts"]').evaluate((facts) => {
        const term = [...facts.querySelectorAll('dt')].find((dt) => dt.textContent === 'Legal hold');
        return term ? (term.nextElementSibling?.textContent ?? '') : null;
      });

    // Not held: where it stands, what that means, and the button to hold it.
    expect(await heldInApi()).toBe(false);
    await expect.poll(() => control.getAttribute('data-held')).toBe('false');
    expect(await control.locator('[data-testid="legal-hold-state"]').textContent()).toBe('This call is not on legal hold.');
    expect(await control.locator('.hint').textContent()).toMatch(/^Its recording is deleted when its retention period ends\./);
    expect(await button.textContent()).toBe('Put on legal hold');
    expect(await holdFact()).toBeNull();

    // Held: the page shows the server's answer, the facts say the recording is kept.
    await button.click();
    await expect.poll(() => control.getAttribute('data-held')).toBe('true');
    expect(await control.locator('[data-testid="legal-hold-state"]').textContent()).toBe('This call is on legal hold.');
    expect(await button.textContent()).toBe('Lift the legal hold');
    expect(await holdFact()).toBe('The recording is kept until the hold is lifted.');
    expect(await heldInApi()).toBe(true);
    // The row opens the call as it is now.
    await page.locator(`tr[data-call="${recorded.id}"] button[data-action="listen"]`).click();
    expect(await control.getAttribute('data-held')).toBe('true');
    await saveScreenshot(page, 'recordings-legal-hold-en');

    // In Persian the control speaks Persian.
    await page.selectOption('[data-testid="language-select"]', 'fa');
    await page.waitForFunction(() => document.documentElement.lang === 'fa');
    await expect.poll(() => page.locator('[data-testid="legal-hold"] button').textContent()).toBe('برداشتن نگهداری قانونی');
    expect(await page.locator('[data-testid="legal-hold-state"]').textContent()).toBe('این تماس در نگهداری قانونی است.');
    await saveScreenshot(page, 'recordings-legal-hold-fa');
    await page.selectOption('[data-testid="language-select"]', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    // Lifted.
    await page.locator('[data-testid="legal-hold"] button[data-action="legal-hold"]').click();
    await expect.poll(() => page.locator('[data-testid="legal-hold"]').getAttribute('data-held')).toBe('false');
    expect(await page.locator('[data-testid="legal-hold"] button').textContent()).toBe('Put on legal hold');
    expect(await holdFact()).toBeNull();
    expect(await heldInApi()).toBe(false);

    const { entries } = await manager.call<{ entries: { action: string; target: string; username: string }[] }>('GET', '/api/v1/audit?limit=100');
    const actions = entries.filter((entry) => entry.target === recorded.id && entry.username === 'manager').map((entry) => entry.action);
    // Newest first.
    expect(actions.filter((action) => action.startsWith('legal-hold'))).toEqual(['legal-hold-lifted', 'legal-hold-set']);
    await page.context().close();
  });

  it('an agent has no link to it, is turned away from it, and the server refuses them', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, 'a1005');
    await page.locator('nav a[data-page="desk"]').waitFor();
    expect(await page.locator('nav a[data-page="recordings"]').count()).toBe(0);
    await page.goto('/recordings');
    await page.locator('[data-testid="not-allowed"]').waitFor();
    expect(await page.locator('[data-testid="recordings-search"]').count()).toBe(0);
    const agent = await ApiSession.login('a1005');
    for (const path of ['/api/v1/call-records', `/api/v1/call-records/${recorded.id}/recording`]) {
      const answer = await agent.raw('GET', path);
      expect({ path, status: answer.status, code: answer.body?.error?.code }).toEqual({ path, status: 403, code: 'forbidden' });
    }
    await page.context().close();
  });
});
