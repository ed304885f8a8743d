import { readFileSync } from 'node:fs';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, AttendanceDay, AttendanceReport, CorrectionBody, Language, SavedCorrection } from '../../src/api/types';
import { ApiSession, restoreAgent } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot } from './support/browser';
import { requireServer } from './support/server';
import { readWorkbook } from './support/workbook';

// The Attendance page (docs/api.md "Attendance"): a sales agent logs in during the test (as
// a supervisor logs them in from the console: POST /api/v1/agents/{id}/login); the supervisor,
// reading Persian, finds the agent's day right to left, labelled with its Jalali date, with
// Persian digits and the agent still logged in; corrects the day with the form — a logout
// before the login is refused beside the logout, then a correction with a reason is saved with
// the CSRF header and shown on the reloaded row (who, when, why) — and downloads the same days
// as an Excel workbook holding the correction. An agent sees only their own days and cannot
// correct them.

/** A sales agent without a phone in scripts/browser-test (their desk waits, not ready), whom
 *  desk_transfer.test.ts uses with its own phone: put back as found. */
const kAgent = 'a1002';
const kAgentName = 'Agent 1002';
const kReason = 'تلفن کار نمی‌کرد';
const kHeader = 'agent,day,sessions,first_login,last_logout,logged_in_s,available_s,on_call_s,wrap_up_s,paused_s,not_ready_s,late_s,left_early_s,absent,corrected,correction_reason';

let browser: Browser | undefined;
let supervisor: ApiSession;
let supervisorLanguage: Language | undefined;
let agentBefore: Agent | undefined;
/** When the agent logged in, as the server says. */
let loggedInAt: number;

beforeAll(async () => {
  await requireServer();
  supervisor = await ApiSession.login('supervisor');
  supervisorLanguage = (await supervisor.me()).language;
  await supervisor.setLanguage('fa');
  agentBefore = (await supervisor.agents()).find((a) => a.id === kAgent);
  if (agentBefore && agentBefore.state !== 'logged-out') {
    await supervisor.call('POST', `/api/v1/agents/${kAgent}/state`, { state: 'logged-out' });
  }
  // Not ready: no call is offered to a desk without a phone meanwhile.
  const login = await supervisor.call<{ at_ms: number }>('POST', `/api/v1/agents/${kAgent}/login`, { state: 'not-ready' });
  loggedInAt = login.at_ms;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (agentBefore) {
    await restoreAgent(supervisor, agentBefore).catch(() => undefined);
  }
  if (supervisorLanguage) {
    await supervisor.setLanguage(supervisorLanguage).catch(() => undefined);
  }
});

/** English text in Persian digits. */
function persian(text: string): string {
  return text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
}

/** Text without the invisible Unicode isolates that keep names and times whole. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');

/** The Jalali date of an instant in a zone, as the server labels a day: 1405-09-15. */
function jalaliDay(atMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(atMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "08:05": the time of an instant on the centre's clock. */
function clockIn(atMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(atMs);
}

/** Does `action` and answers with the days the page asked for and drew. */
async function daysAfter(page: Page, action: () => Promise<unknown>): Promise<AttendanceReport> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'GET' && r.url().includes('/api/v1/attendance?') && !r.url().includes('format=')),
    action(),
  ]);
  expect(response.status()).toBe(200);
  const report = (await response.json()) as AttendanceReport;
  await page.locator('[data-testid="attendance-report"]:not([aria-busy])').waitFor();
  return report;
}

/** The answer to the correction the form posts when `action` is done. */
async function correctionAfter(page: Page, action: () => Promise<unknown>): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/attendance/corrections'),
    action(),
  ]);
  return response;
}

describe('the Attendance page', () => {
  it('in Persian: a supervisor finds the day of an agent who logged in, corrects it, sees the correction and downloads it as Excel', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, 'supervisor');
    await daysAfter(page, () => page.click('nav a[data-page="attendance"]'));
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'fa']);
    expect(await page.locator('h1.page-title').textContent()).toBe('حضور و غیاب');
    expect(await page.locator('[data-testid="attendance-from"] select[data-part="year"] option:checked').textContent()).toMatch(/^۱۴[۰-۹]{2}$/);

    // The agent's days, chosen with the form and kept in the address.
    await page.locator(`[data-testid="attendance-scope"] option[value="agent:${kAgent}"]`).waitFor({ state: 'attached' });
    await page.selectOption('[data-testid="attendance-scope"]', `agent:${kAgent}`);
    let report = await daysAfter(page, () => page.click('button[data-action="show-attendance"]'));
    expect(new URL(page.url()).searchParams.get('agent')).toBe(kAgent);
    expect(plain(await page.locator('[data-testid="attendance-title"]').textContent())).toBe(`کارشناس: ${kAgentName}`);
    const zone = report.time_zone || 'Asia/Tehran';
    const label = jalaliDay(loggedInAt, zone);
    const today = report.days.find((d) => d.agent === kAgent && d.day === label);
    expect(today, JSON.stringify(report.days.map((d) => [d.agent, d.day]))).toBeDefined();
    expect(today!.sessions).toBeGreaterThanOrEqual(1);
    expect(today!.first_login_ms).not.toBeNull();
    expect(today!.first_login_ms!).toBeGreaterThanOrEqual(today!.from_ms);
    expect(today!.first_login_ms!).toBeLessThanOrEqual(Date.now());
    expect(today!.last_logout_ms).toBeNull();
    expect(report.days.every((d) => d.agent === kAgent)).toBe(true);

    // Its row: right to left, the Jalali day and every figure in Persian digits, still logged in.
    const row = page.locator(`[data-testid="attendance-days"] tr[data-agent="${kAgent}"][data-key="${label}"]`);
    expect(await row.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    const cell = (column: string) => row.locator(`[data-column="${column}"] .cell-text`);
    expect(await row.locator('th[data-column="agent"]').textContent()).toBe(kAgentName);
    expect(await cell('day').textContent()).toBe(persian(label));
    expect(await cell('sessions').textContent()).toBe(persian(String(today!.sessions)));
    expect(await cell('first_login').textContent()).toBe(persian(clockIn(today!.first_login_ms!, zone)));
    expect(await cell('last_logout').textContent()).toBe('هنوز وارد است');
    for (const text of await row.locator('td').allTextContents()) {
      expect(text).not.toMatch(/[0-9]/);
    }
    expect(await row.getAttribute('data-corrected')).toBe('false');
    await saveScreenshot(page, 'attendance-fa');

    // Correct: the form opens on the day with the times logged; a logout before the login is
    // refused beside the logout, and nothing is sent.
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/attendance/corrections') {
        posted += 1;
      }
    });
    await row.locator('button[data-action="correct-day"]').click();
    const form = page.locator(`[data-testid="correction-form"][data-agent="${kAgent}"][data-day="${label}"]`);
    await form.waitFor();
    expect(plain(await form.locator('h3').textContent())).toBe(`اصلاح روز ${persian(label)} برای ${kAgentName}`);
    expect(await form.locator('[data-testid="correction-login"]').inputValue()).toBe(persian(clockIn(today!.first_login_ms!, zone)));
    await form.locator('[data-testid="correction-login"]').fill('۰۰:۰۱');
    await form.locator('[data-testid="correction-logout"]').fill('۰۰:۰۰');
    await form.locator('[data-testid="correction-reason"]').fill(kReason);
    await form.locator('button[data-action="save-correction"]').click();
    const logoutError = form.locator('[data-testid="correction-error-logout"]');
    expect(await logoutError.textContent()).toBe('ساعت خروج باید بعد از ساعت ورود باشد.');
    expect(await logoutError.getAttribute('data-field')).toBe('logout_ms');
    expect(await form.locator('[data-testid="correction-logout"]').getAttribute('aria-invalid')).toBe('true');
    expect(posted).toBe(0);

    // From midnight to the minute it is now, with the reason: saved with the CSRF header, and
    // the days read again.
    const now = Date.now();
    const logoutAt = clockIn(now, zone) === '00:00' ? now + 60_000 : now;
    await form.locator('[data-testid="correction-login"]').fill('۰۰:۰۰');
    await form.locator('[data-testid="correction-logout"]').fill(persian(clockIn(logoutAt, zone)));
    let saved: Response | undefined;
    report = await daysAfter(page, async () => {
      saved = await correctionAfter(page, () => form.locator('button[data-action="save-correction"]').click());
    });
    expect(saved!.status()).toBe(201);
    expect(saved!.request().headers()['x-csrf-token']).toBeTruthy();
    const body = saved!.request().postDataJSON() as CorrectionBody;
    // Midnight is the day's start; the logout the minute typed (the zone's offset is whole
    // minutes).
    expect(body).toEqual({ agent: kAgent, day_ms: today!.from_ms, login_ms: today!.from_ms, logout_ms: Math.floor(logoutAt / 60_000) * 60_000, reason: kReason });
    const { correction } = (await saved!.json()) as { correction: SavedCorrection };
    expect(correction).toMatchObject({ agent: kAgent, login_ms: body.login_ms, logout_ms: body.logout_ms, reason: kReason, by: 'supervisor' });
    await form.waitFor({ state: 'detached' });
    expect(plain(await page.locator('[data-testid="correction-saved"]').textContent())).toBe(`اصلاح روز ${persian(label)} برای ${kAgentName} ذخیره شد.`);

    // The reloaded row shows the corrected times, and who corrected it, when and why.
    const corrected = report.days.find((d) => d.agent === kAgent && d.day === label) as AttendanceDay;
    expect(corrected.correction).toMatchObject({ login_ms: body.login_ms, logout_ms: body.logout_ms, reason: kReason, by: 'supervisor' });
    expect(await row.getAttribute('data-corrected')).toBe('true');
    expect(await cell('first_login').textContent()).toBe('۰۰:۰۰');
    expect(await cell('last_logout').textContent()).toBe(persian(clockIn(body.logout_ms, zone)));
    expect(await cell('corrected').textContent()).toBe('اصلاح‌شده');
    const note = plain(await row.locator('[data-column="corrected"] .cell-note').textContent());
    expect(note).toMatch(new RegExp(`^توسط supervisor در ۱۴[۰-۹]{2}/[۰-۹]{2}/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}: ${kReason}$`));
    expect(plain(await row.locator('[data-column="corrected"]').getAttribute('title'))).toBe(note);
    await saveScreenshot(page, 'attendance-corrected-fa');

    // The same days as a workbook: the agent's day with the correction.
    const xlsxHref = (await page.locator('[data-testid="attendance-xlsx"]').getAttribute('href'))!;
    expect(xlsxHref).toMatch(new RegExp(`^/api/v1/attendance\\?.*agent=${kAgent}.*&format=xlsx$`));
    expect(await page.locator('[data-testid="attendance-csv"]').getAttribute('href')).toBe(xlsxHref.replace(/xlsx$/, 'csv'));
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="attendance-xlsx"]').click()]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = (await file.path())!;
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    const { rows } = readWorkbook(path);
    expect(rows[0]).toEqual(kHeader.split(','));
    const column = (name: string) => rows[0]!.indexOf(name);
    const dayRows = rows.filter((r) => r[column('agent')] === kAgent && r[column('day')] === label);
    expect(dayRows).toHaveLength(1);
    expect(dayRows[0]![column('correction_reason')]).toBe(kReason);
    expect(dayRows[0]![column('first_login')]).toContain(new Date(body.login_ms).toISOString().slice(0, 19));
    expect(dayRows[0]![column('sessions')]).toBe(String(corrected.sessions));
    await page.context().close();
  });

  it('an agent sees only their own days, with nothing to correct', async () => {
    const agent = await ApiSession.login(kAgent);
    const language = (await agent.me()).language;
    await agent.setLanguage('en');
    try {
      const page = await newPage(browser!);
      await logInThroughForm(page, kAgent);
      const report = await daysAfter(page, () => page.click('nav a[data-page="attendance"]'));
      expect(new URL(page.url()).searchParams.get('agent')).toBe(kAgent);
      expect(report.days.length).toBeGreaterThan(0);
      expect(new Set(report.days.map((d) => d.agent))).toEqual(new Set([kAgent]));
      expect(await page.locator('[data-testid="attendance-scope"]').isHidden()).toBe(true);
      expect(await page.locator('button[data-action="correct-day"]').count()).toBe(0);
      expect(await page.locator(`[data-testid="attendance-days"] tr[data-agent="${kAgent}"][data-corrected="true"] [data-column="corrected"] .cell-text`).first().textContent()).toBe('Corrected');
      // Someone else's days: the server's 403, said on the page.
      expect((await agent.raw('GET', '/api/v1/attendance?agent=a1001')).status).toBe(403);
      expect((await agent.raw('POST', '/api/v1/attendance/corrections', { agent: kAgent, day_ms: loggedInAt, login_ms: loggedInAt, logout_ms: loggedInAt + 60_000, reason: 'x' })).status).toBe(403);
      await page.context().close();
    } finally {
      await agent.setLanguage(language).catch(() => undefined);
    }
  });
});
