import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language, ReportSchedule, ReportSend } from '../../src/api/types';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot } from './support/browser';
import { requireServer } from './support/server';

// Scheduled reports on the Reports page (docs/api.md /api/v1/report-schedules and
// /api/v1/report-sends): a manager reading Persian makes a schedule of the sales queue's report
// with the form (an address the form refuses first, said beside the recipients), sees it in
// the list right to left with Persian digits and the Jalali date of its next send, changes it,
// sends it now and sees the send in its history with a status (the demo has no mail server:
// the send fails its tries with the reason, which is what is checked, not a delivery), and
// deletes it. QA analysts and agents get no such section, and the API refuses them.

/** This run's own schedule: names need not be unique, but a leftover from an earlier run is
 *  then easy to tell apart. */
const kName = `فروش روزانه ${Date.now().toString(36)}`;
const kQueue = 'sales';
/** How long a send may take to be tried: made and mailed "within seconds", and the page reads
 *  a pending history every 5 s. */
const kTriedMs = 25_000;
const kStatuses: Record<string, string> = { pending: 'در انتظار ارسال', sent: 'ارسال شد', failed: 'ناموفق' };
const kRetrying = 'ناموفق، دوباره تلاش می‌شود';

let browser: Browser | undefined;
let manager: ApiSession;
let managerLanguage: Language | undefined;

beforeAll(async () => {
  await requireServer();
  manager = await ApiSession.login('manager');
  managerLanguage = (await manager.me()).language;
  await manager.setLanguage('fa');
  browser = await launchBrowser();
});

afterAll(async () => {
  // A schedule left by a failed run would go on mailing nobody: removed by name.
  const left = await manager?.call<{ schedules: ReportSchedule[] }>('GET', '/api/v1/report-schedules').catch(() => ({ schedules: [] }));
  for (const schedule of left?.schedules.filter((s) => s.name === kName) ?? []) {
    await manager.raw('DELETE', `/api/v1/report-schedules/${schedule.id}`).catch(() => undefined);
  }
  await browser?.close();
  if (managerLanguage) {
    await manager.setLanguage(managerLanguage).catch(() => undefined);
  }
});

/** Does `action` and answers with the response to the first request `method path` (exactly
 *  the path, or starting with it for a path ending in "?"). */
async function answerTo(page: Page, method: string, path: string, action: () => Promise<unknown>): Promise<Response> {
  const matches = (url: string) => {
    const { pathname, search } = new URL(url);
    return path.endsWith('?') ? `${pathname}?${search.slice(1)}`.startsWith(path) : pathname === path;
  };
  const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === method && matches(r.url())), action()]);
  return response;
}

/** Text without the invisible Unicode isolates that keep names and times whole. */
const plain = (text: string | null) => (text ?? '').replace(/[\u2066-\u2069]/g, '');
const persianOnly = /^[^0-9]*$/;

describe('Scheduled reports', () => {
  it('in Persian: a manager makes one, sees it right to left in Persian digits, sends it now, sees the send, and deletes it', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, 'manager');
    await page.goto('/reports');
    const section = page.locator('[data-testid="report-schedules"]');
    await page.locator('[data-testid="report-schedules"]:not([aria-busy])').waitFor();
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'fa']);
    expect(await section.locator('#schedules-title').textContent()).toBe('گزارش‌های زمان‌بندی‌شده');
    expect(await section.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');

    // The form, filled in Persian: the time typed in Persian digits.
    await page.click('button[data-action="new-schedule"]');
    const form = page.locator('[data-testid="schedule-form"]');
    await form.waitFor();
    await form.locator('[data-testid="schedule-name"]').fill(kName);
    await form.locator(`[data-testid="schedule-scope"] option[value="queue:${kQueue}"]`).waitFor({ state: 'attached' });
    await form.locator('[data-testid="schedule-scope"]').selectOption(`queue:${kQueue}`);
    await form.locator('[data-testid="schedule-frequency"]').selectOption('daily');
    await form.locator('[data-testid="schedule-at"]').fill('۰۷:۳۰');
    expect(await form.locator('[data-testid="schedule-language"]').inputValue()).toBe('fa');

    // An address that is not one: said beside the recipients, by its place, and nothing sent.
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/report-schedules') {
        posted += 1;
      }
    });
    await form.locator('[data-testid="schedule-recipients"]').fill('boss@example.com\nnot-an-address');
    await form.locator('button[data-action="save-schedule"]').click();
    expect(plain(await form.locator('[data-testid="schedule-error-recipients"]').textContent())).toBe('نشانی ۲ پذیرفته نیست: not-an-address');
    expect(await form.locator('[data-testid="schedule-recipients"]').getAttribute('aria-invalid')).toBe('true');
    expect(posted).toBe(0);

    // Saved: the server's schedule, as the form asked for it.
    await form.locator('[data-testid="schedule-recipients"]').fill('boss@example.com, team@example.org');
    const created = await answerTo(page, 'POST', '/api/v1/report-schedules', () => form.locator('button[data-action="save-schedule"]').click());
    expect(created.status()).toBe(201);
    expect(created.request().postDataJSON()).toEqual({
      name: kName, scope: { kind: 'queue', id: kQueue }, frequency: 'daily', at: '07:30', language: 'fa',
      recipients: ['boss@example.com', 'team@example.org'], enabled: true,
    });
    const { schedule } = (await created.json()) as { schedule: ReportSchedule };
    expect(schedule).toMatchObject({ name: kName, owner: 'manager', scope: { kind: 'queue', id: kQueue }, frequency: 'daily', at: '07:30', enabled: true, last_send: null });
    await form.waitFor({ state: 'detached' });

    // Listed right to left, in Persian digits and the Jalali calendar.
    const row = section.locator(`[data-testid="schedules-rows"] tr[data-schedule="${schedule.id}"]`);
    await row.waitFor();
    expect(await row.evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
    expect(plain(await row.locator('[data-testid="schedule-name-cell"]').textContent())).toBe(kName);
    expect(plain(await row.locator('td').nth(1).textContent())).toBe(`صف: ${kQueue}`);
    expect(plain(await row.locator('[data-testid="schedule-when"]').textContent())).toBe('هر روز ساعت ۰۷:۳۰');
    expect(await row.locator('td').nth(3).textContent()).toBe('فارسی');
    const next = await row.locator('[data-testid="schedule-next"]').textContent();
    expect(next).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}$/);
    expect(plain(await row.locator('[data-testid="schedule-last"]').textContent())).toBe('هنوز ارسال نشده');
    await saveScreenshot(page, 'report-schedules-fa');

    // Changed: weekly now; the next send is counted again.
    await row.locator('button[data-action="edit-schedule"]').click();
    await form.waitFor();
    expect(await form.locator('[data-testid="schedule-at"]').inputValue()).toBe('۰۷:۳۰');
    expect(await form.locator('[data-testid="schedule-recipients"]').inputValue()).toBe('boss@example.com\nteam@example.org');
    await form.locator('[data-testid="schedule-frequency"]').selectOption('weekly');
    const updated = await answerTo(page, 'PUT', `/api/v1/report-schedules/${schedule.id}`, () => form.locator('button[data-action="save-schedule"]').click());
    expect(updated.status()).toBe(200);
    expect(((await updated.json()) as { schedule: ReportSchedule }).schedule.frequency).toBe('weekly');
    await expect.poll(async () => plain(await row.locator('[data-testid="schedule-when"]').textContent())).toBe('هفتگی، روز اول هفته ساعت ۰۷:۳۰');

    // Send now: the send in the schedule's history at once, with a status.
    const sent = await answerTo(page, 'POST', `/api/v1/report-schedules/${schedule.id}/send`, () => row.locator('button[data-action="send-schedule"]').click());
    expect(sent.status()).toBe(202);
    const { send } = (await sent.json()) as { send: ReportSend };
    expect(send.schedule_id).toBe(schedule.id);
    const history = section.locator(`[data-testid="schedule-sends-part"][data-schedule="${schedule.id}"]`);
    await history.waitFor();
    expect(plain(await history.locator('[data-testid="schedule-sends-title"]').textContent())).toBe(`ارسال‌های «${kName}»`);
    const sendRow = history.locator(`tr[data-send="${send.id}"]`);
    await sendRow.waitFor();
    const status = (await sendRow.getAttribute('data-status'))!;
    expect(Object.keys(kStatuses)).toContain(status);
    expect([...Object.values(kStatuses), kRetrying]).toContain(await sendRow.locator('[data-testid="send-status"]').textContent());
    expect(await sendRow.locator('[data-testid="send-attempts"]').textContent()).toMatch(/^[۰-۹]+$/);
    // Its due time, range, status, tries, next try and sending time in Persian digits (the
    // last error is the server's English).
    for (const cell of (await sendRow.locator('td').allTextContents()).slice(0, 6)) {
      expect(cell).toMatch(persianOnly);
    }

    // Tried within seconds, the history read again by itself: sent, or the reason it was not.
    await expect
      .poll(async () => (await sendRow.getAttribute('data-status')) !== 'pending' || (await sendRow.getAttribute('data-attempts')) !== '0', { timeout: kTriedMs, interval: 500 })
      .toBe(true);
    if ((await sendRow.getAttribute('data-status')) !== 'sent') {
      expect((await sendRow.locator('[data-testid="send-error"]').textContent())?.trim()).not.toBe('');
      expect(await sendRow.locator('[data-testid="send-error"]').textContent()).not.toBe('–');
      expect(await sendRow.locator('[data-testid="send-attempts"]').textContent()).not.toBe('۰');
    }
    // The list's last send follows: this send's status, and when.
    const listSaysSend = async () =>
      plain(await row.locator('[data-testid="schedule-last"]').textContent()).startsWith(`${await sendRow.locator('[data-testid="send-status"]').textContent()}، `);
    await expect.poll(listSaysSend, { timeout: 10_000 }).toBe(true);
    await saveScreenshot(page, 'report-schedules-sends-fa');

    // Deleted, its history with it.
    page.once('dialog', (dialog) => void dialog.accept());
    const deleted = await answerTo(page, 'DELETE', `/api/v1/report-schedules/${schedule.id}`, () => row.locator('button[data-action="delete-schedule"]').click());
    expect(deleted.status()).toBe(204);
    await row.waitFor({ state: 'detached' });
    expect(await history.isHidden()).toBe(true);
    const { schedules } = await manager.call<{ schedules: ReportSchedule[] }>('GET', '/api/v1/report-schedules');
    expect(schedules.map((s) => s.id)).not.toContain(schedule.id);
    await page.context().close();
  });

  it('is not there for QA analysts and agents, whom the API refuses', async () => {
    for (const username of ['qa', 'a1005']) {
      const page = await newPage(browser!);
      await logInThroughForm(page, username);
      await page.goto('/reports');
      await page.locator('[data-testid="period-report"]:not([aria-busy])').waitFor();
      expect(await page.locator('[data-testid="report-schedules"]').count(), username).toBe(0);
      const api = await ApiSession.login(username);
      expect((await api.raw('GET', '/api/v1/report-schedules')).status, username).toBe(403);
      await page.context().close();
    }
  });
});
