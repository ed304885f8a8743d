import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, Figures, Language, PeriodReport, ReportPeriod } from '../../src/api/types';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot } from './support/browser';
import { paintedPixels } from './support/canvas';
import { ConnectedCall, finishedCall } from './support/connected_call';
import { reportAfter } from './support/report_page';
import { requireServer } from './support/server';
import { readWorkbook } from './support/workbook';

// Issue 16, the managers' Reports page: a real call (a SIPp caller through the switch to a
// sales agent's SIPp phone) ends, and the manager finds it in today's period of the centre's
// report (the store writes the quarter hour in progress every 5 s), filters to the sales
// queue, drills from the centre's Queues table into sales and from its Agents table into the
// agent, follows a period to the agent's calls on the Recordings page, and downloads the
// report as CSV and as an Excel workbook whose cells are the page's figures, and in Hijri
// months; the QA score of the call's evaluation stands beside the figures. In English and in Persian (right to left, Persian digits, the Jalali day, and the
// PDF the server prints in Persian, read back with poppler's pdftotext), with screenshots of
// the charts. The browser runs in the machine's zone, the demo centre in Tehran's: the days
// asked for begin at Tehran's midnights. An agent sees only their own figures, and is refused
// another team's queue.

/** The agent and phones quality_reports.test.ts uses: free again when this file runs. */
const kAgent = 'a1005';
const kAgentName = 'Agent 1005';
const kAgentPhone = '1005';
const kCallerPhone = '1004';
/** Number 200 is the sales queue (support/connected_call.ts). */
const kQueue = 'sales';
const kTalkMs = 1_500;
/** How long the page may take to show a call in today's period: the store writes the quarter
 *  hour in progress every 5 s. */
const kRollupMs = 20_000;
/** This run's own scorecard (ids are never reused), for one evaluation of the call. */
const kScorecard = `rp-${Date.now().toString(36)}`;
const kCsvHeader =
  'period,from,offered,answered,answered_within_threshold,abandoned,short_abandoned,blocked,timed_out,callbacks_requested,' +
  'callbacks_answered,transferred,service_level,asa_s,aht_s,abandon_rate,avg_abandon_s,longest_wait_s,occupancy,utilisation,' +
  'calls_per_agent_hour,talk_s,hold_s,wrap_s';

let browser: Browser | undefined;
let supervisor: ApiSession;
let manager: ApiSession;
let managerLanguage: Language | undefined;
let phones: AnsweringPhones | undefined;
let call: CallRecord;
/** When the call was answered: its period holds the answer. */
let answeredAt: number;

beforeAll(async () => {
  await requireServer();
  [supervisor, manager] = await Promise.all([ApiSession.login('supervisor'), ApiSession.login('manager')]);
  managerLanguage = (await manager.me()).language;
  await manager.setLanguage('en');
  [phones, browser] = await Promise.all([AnsweringPhones.start([kAgentPhone]), launchBrowser()]);
  // The agent's calls so far: the report counts this test's call once the store's rollups
  // have it (the quarter hour in progress is written every 5 s), and only then does the test
  // compare the page with its downloads, so nothing lands between the two reads.
  const before = await agentAnswered();
  const connected = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
  try {
    await new Promise((resolve) => setTimeout(resolve, kTalkMs));
  } finally {
    await connected.end();
  }
  call = await finishedCall(manager, connected.id);
  answeredAt = call.started_at_ms + (call.wait_ms ?? 0);
  for (const deadline = Date.now() + kRollupMs; (await agentAnswered()) <= before; ) {
    if (Date.now() > deadline) {
      throw new Error(`the call ${call.id} never reached the agent's report`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // One submitted evaluation of the call (all yes: 100), for the QA score beside the figures.
  const question = { id: 'q1', text: 'Greeted the caller?', kind: 'yes_no', weight: 1, allow_na: false, critical: false };
  await manager.call('POST', '/api/v1/scorecards', { id: kScorecard, name: 'Reports card', pass_mark: 80, sections: [{ title: 'Opening', questions: [question] }] });
  await manager.call('POST', '/api/v1/evaluations', { call: call.id, scorecard: kScorecard, agent: kAgent, answers: { q1: 1 }, submit: true });
}, 45_000);

afterAll(async () => {
  await phones?.stop().catch(() => undefined);
  await browser?.close();
  await manager?.raw('DELETE', `/api/v1/scorecards/${kScorecard}`).catch(() => undefined);
  if (managerLanguage) {
    await manager.setLanguage(managerLanguage).catch(() => undefined);
  }
});

/** m:ss, as the page writes a duration. */
function minutesSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A row's figures as the page writes them in English: counts, the service level, abandon
 *  rate, occupancy and utilisation in percent (at most one decimal), ASA and AHT as m:ss,
 *  calls per agent-hour with one decimal, "–" for no data. */
function englishFigures({ counters, kpis }: Figures): string[] {
  const count = (value: number) => new Intl.NumberFormat('en-US').format(value);
  const percent = (value: number | null) => (value === null ? '–' : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(value));
  const duration = (seconds: number | null) => (seconds === null ? '–' : minutesSeconds(seconds * 1000));
  const rate = (value: number | null) => (value === null ? '–' : new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value));
  return [
    count(counters.offered), count(counters.answered), count(counters.abandoned), percent(kpis.service_level),
    duration(kpis.asa_s), duration(kpis.aht_s), percent(kpis.abandon_rate), percent(kpis.occupancy),
    percent(kpis.utilisation), rate(kpis.calls_per_agent_hour),
  ];
}

/** A QA score (0..100) as the page writes it in English: a percentage, "–" for none. */
function score(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(value / 100);
}

/** A name or a date inside a sentence of the page, isolated from the text around it (so a
 *  date after a Persian word keeps its parts in order): a name in its own direction, a date in
 *  the page's. */
function isolated(text: string, language: Language = 'en'): string {
  const open = /\p{L}/u.test(text) ? '\u2068' : language === 'fa' ? '\u2067' : '\u2066';
  return `${open}${text}\u2069`;
}

/** English text in Persian digits, decimal and thousands separators and percent sign. */
function persian(text: string): string {
  return text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!).replace(/\./g, '٫').replace(/,/g, '٬').replace(/%/g, '٪');
}

/** The agent's answered calls over the report's default range (the last 7 days). */
async function agentAnswered(): Promise<number> {
  const report = await manager.call<PeriodReport>('GET', `/api/v1/reports?agent=${kAgent}`);
  return report.total.counters.answered;
}

/** The period the call was answered in. */
function periodOfCall(report: PeriodReport): ReportPeriod | undefined {
  return report.periods.find((period) => period.from_ms <= answeredAt && answeredAt < period.to_ms);
}

/** The report `open` shows, reloaded until the call's period counts it. */
async function reportWithCall(page: Page, open: () => Promise<unknown>): Promise<{ report: PeriodReport; period: ReportPeriod }> {
  const deadline = Date.now() + kRollupMs;
  let report = await reportAfter(page, open);
  for (;;) {
    const period = periodOfCall(report);
    if (period && period.counters.answered >= 1) {
      return { report, period };
    }
    if (Date.now() > deadline) {
      throw new Error(`the call answered at ${answeredAt} is not in ${JSON.stringify(report.periods.map((p) => [p.label, p.from_ms, p.counters.answered]))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    report = await reportAfter(page, () => page.reload());
  }
}

/** A period row's figure cells (without the link to its calls). */
async function periodCells(page: Page, label: string): Promise<string[]> {
  const cells = await page.locator(`[data-testid="report-periods-rows"] tr[data-key="${label}"] td`).allTextContents();
  return cells.slice(0, 10);
}

/** Downloads a link's file: its path and the name the server gave it. */
async function download(page: Page, testId: string): Promise<{ path: string; name: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="${testId}"]`).click()]);
  return { path: (await file.path())!, name: file.suggestedFilename() };
}

/** The workbook's cell in `column` of the row of period `label`. */
function workbookCell(rows: string[][], label: string, column: string): string | undefined {
  const header = rows[0] ?? [];
  return rows.find((row) => row[0] === label)?.[header.indexOf(column)];
}

/** The words of a PDF as poppler's pdftotext reads them: it wraps each right-to-left run in
 *  bidi marks (U+202A-U+202C) and separates the words, so words are looked for one by one. */
function pdfWords(path: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return text.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/g, '').split(/\s+/).filter(Boolean);
}

/** The time of day of an instant in a zone: "00:00" at its midnight. */
function timeIn(atMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(atMs);
}

/** The Jalali date of an instant in a zone, as the server labels a day: 1405-09-15. */
function jalaliDay(atMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(atMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

async function chartsDrawn(page: Page, agents: boolean): Promise<void> {
  await page.locator('[data-testid="reports-volume-chart"] canvas').waitFor();
  expect(await paintedPixels(page, '[data-testid="reports-volume-chart"] canvas')).toBeGreaterThan(1_000);
  if (agents) {
    await page.locator('[data-testid="reports-agents-chart"] canvas').waitFor();
    expect(await paintedPixels(page, '[data-testid="reports-agents-chart"] canvas')).toBeGreaterThan(1_000);
  }
}

describe('the Reports page', () => {
  it("in English: today's period holds the call; filter, drill down to the queue and the agent, their calls, CSV and Excel", async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, 'manager');

    // The centre's last 7 days by day, the call in today's period (reloaded until the store
    // has written it).
    const { report: centre, period: today } = await reportWithCall(page, () => page.click('nav a[data-page="reports"]'));
    expect(new URL(page.url()).pathname).toBe('/reports');
    // The reader's own calendar is left out of the address (it follows their language).
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ by: 'day' });
    expect(new URL(page.url()).searchParams.has('calendar')).toBe(false);
    expect(centre).toMatchObject({ scope: { kind: 'centre' }, by: 'day', calendar: 'gregorian' });
    expect(today.label).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
    expect(today.label).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: centre.time_zone || 'Asia/Tehran' }).format(answeredAt));
    // The last period is the one in progress: nothing after today.
    expect(centre.periods[centre.periods.length - 1]!.label).toBe(today.label);
    // Asked from the centre's midnight, whatever the browser's zone.
    const asked = new URLSearchParams((await page.locator('[data-testid="reports-csv"]').getAttribute('href'))!.split('?')[1]);
    expect(timeIn(Number(asked.get('from_ms')), centre.time_zone || 'Asia/Tehran')).toBe('00:00');
    expect(Number(asked.get('from_ms'))).toBe(centre.from_ms);
    expect(await page.locator('[data-testid="reports-title"]').textContent()).toBe('The whole centre');
    expect(await page.locator('[data-testid="reports-summary"]').textContent()).toBe(`${isolated(centre.periods[0]!.label)} to ${isolated(today.label)}`);
    expect(await page.locator('[data-testid="report-periods-rows"] tr').count()).toBe(centre.periods.length);
    expect(await periodCells(page, today.label)).toEqual(englishFigures(today));
    expect(await page.locator('[data-testid="report-periods"] thead th').allTextContents()).toEqual([
      'Period', 'Offered', 'Answered', 'Abandoned', 'Service level', 'ASA', 'AHT', 'Abandon rate', 'Occupancy',
      'Utilisation', 'Calls per agent-hour',
    ]);
    expect(await page.locator('[data-testid="report-periods"] tfoot td').allTextContents()).toEqual(englishFigures(centre.total));
    // The queues and agents of the range, each the API's, most answered first.
    const sales = centre.queues!.find((q) => q.id === kQueue)!;
    expect(sales.counters.answered).toBeGreaterThanOrEqual(1);
    expect((await page.locator(`[data-testid="report-queues-rows"] tr[data-key="${kQueue}"] td`).allTextContents())).toEqual(englishFigures(sales));
    expect(await page.locator('[data-testid="report-agents-rows"] tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-key')))).toEqual(
      centre.agents!.map((a) => a.id),
    );
    // The QA score beside the figures: the centre's, and each agent's in the last column ("–"
    // for one without evaluations), the call's evaluation among the agent's.
    const quality = centre.quality!;
    expect(quality.by_agent[kAgent]!.evaluations).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="reports-qa"]').textContent()).toBe(
      `QA score: ${score(quality.average)} (evaluations: ${new Intl.NumberFormat('en-US').format(quality.evaluations)})`,
    );
    expect(await page.locator('[data-testid="report-agents"] thead th').last().textContent()).toBe('QA');
    const qaCells = page.locator('[data-testid="report-agents-rows"] tr td:last-child');
    expect(await qaCells.allTextContents()).toEqual(centre.agents!.map((a) => score(quality.by_agent[a.id]?.average)));
    expect(await qaCells.locator('span').evaluateAll((spans) => spans.map((span) => span.getAttribute('title')))).toEqual(
      centre.agents!.map((a) => `Evaluations: ${quality.by_agent[a.id]?.evaluations ?? 0}`),
    );
    await chartsDrawn(page, true);
    expect(await page.locator('[data-testid="reports-agents-chart"]').getAttribute('data-keys')).toBe(String(centre.agents!.length));
    await saveScreenshot(page, 'reports-en');

    // Filtered to the sales queue with the form.
    await page.locator(`[data-testid="reports-scope"] option[value="queue:${kQueue}"]`).waitFor({ state: 'attached' });
    await page.selectOption('[data-testid="reports-scope"]', `queue:${kQueue}`);
    const filtered = await reportAfter(page, () => page.click('button[data-action="show-report"]'));
    expect(filtered.scope).toEqual({ kind: 'queue', id: kQueue });
    expect(new URL(page.url()).searchParams.get('queue')).toBe(kQueue);
    expect(await page.locator('[data-testid="reports-title"]').textContent()).toBe(`Queue: ${isolated(kQueue)}`);
    expect(periodOfCall(filtered)!.counters.answered).toBeGreaterThanOrEqual(1);
    expect(await periodCells(page, today.label)).toEqual(englishFigures(periodOfCall(filtered)!));
    expect(await page.locator('[data-testid="report-queues-part"]').isHidden()).toBe(true);

    // Back to the centre, then down from its Queues table to sales and from there to the agent.
    await page.selectOption('[data-testid="reports-scope"]', '');
    await reportAfter(page, () => page.click('button[data-action="show-report"]'));
    const queue = await reportAfter(page, () => page.click(`[data-testid="report-queues-rows"] tr[data-key="${kQueue}"] a[data-action="drill-queue"]`));
    expect(queue.scope).toEqual({ kind: 'queue', id: kQueue });
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ queue: kQueue, by: 'day' });
    // The API is asked for it all the same, and so are the downloads.
    const queueXlsx = (await page.locator('[data-testid="reports-xlsx"]').getAttribute('href'))!;
    expect(new URL(queueXlsx, 'http://x').searchParams.get('calendar')).toBe('gregorian');
    expect(await page.locator(`[data-testid="reports-scope"]`).inputValue()).toBe(`queue:${kQueue}`);
    const member = queue.agents!.find((a) => a.id === kAgent)!;
    expect(member.counters.answered).toBeGreaterThanOrEqual(1);
    const memberRow = page.locator(`[data-testid="report-agents-rows"] tr[data-key="${kAgent}"]`);
    expect(await memberRow.locator('th').textContent()).toBe(kAgentName);
    expect(await memberRow.locator('td').allTextContents()).toEqual([...englishFigures(member), score(queue.quality!.by_agent[kAgent]!.average)]);
    await chartsDrawn(page, true);

    const agent = await reportAfter(page, () => memberRow.locator('a[data-action="drill-agent"]').click());
    expect(agent.scope).toEqual({ kind: 'agent', id: kAgent });
    expect(await page.locator('[data-testid="reports-title"]').textContent()).toBe(`Agent: ${isolated(kAgentName)}`);
    const agentToday = periodOfCall(agent)!;
    expect(agentToday.counters.answered).toBeGreaterThanOrEqual(1);
    expect(await periodCells(page, agentToday.label)).toEqual(englishFigures(agentToday));
    expect(await page.locator('[data-testid="report-agents-part"]').isHidden()).toBe(true);
    await chartsDrawn(page, false);
    await saveScreenshot(page, 'reports-agent-en');

    // The downloads: the same query as CSV and as a workbook holding the page's figures.
    const xlsxHref = (await page.locator('[data-testid="reports-xlsx"]').getAttribute('href'))!;
    expect(xlsxHref).toMatch(new RegExp(`^/api/v1/reports\\?.*agent=${kAgent}.*&format=xlsx$`));
    expect(await page.locator('[data-testid="reports-csv"]').getAttribute('href')).toBe(xlsxHref.replace(/xlsx$/, 'csv'));
    expect(await page.locator('[data-testid="reports-pdf"]').getAttribute('href')).toBe(xlsxHref.replace(/xlsx$/, 'pdf'));
    expect(await page.locator('[data-testid="reports-pdf"]').textContent()).toBe('Download PDF');
    const csv = await download(page, 'reports-csv');
    expect(csv.name).toBe(`report-agent-${kAgent}-day.csv`);
    const lines = readFileSync(csv.path, 'utf8').split(/\r?\n/);
    expect(lines[0]).toBe(kCsvHeader);
    expect(lines.filter((line) => line.startsWith(`${agentToday.label},`))).toHaveLength(1);
    const xlsx = await download(page, 'reports-xlsx');
    expect(xlsx.name).toBe(`report-agent-${kAgent}-day.xlsx`);
    expect(readFileSync(xlsx.path).subarray(0, 2).toString()).toBe('PK');
    const workbook = readWorkbook(xlsx.path);
    expect(workbook.rows[0]).toEqual(kCsvHeader.split(','));
    expect(workbook.rows.map((row) => row[0])).toEqual(['period', ...agent.periods.map((p) => p.label)]);
    expect(workbookCell(workbook.rows, agentToday.label, 'answered')).toBe(String(agentToday.counters.answered));
    expect(workbookCell(workbook.rows, agentToday.label, 'offered')).toBe(String(agentToday.counters.offered));
    expect(workbook.rightToLeft).toBe(false);

    // A period's calls: the agent's on that day, on the Recordings page.
    const calls = page.locator(`[data-testid="report-periods-rows"] tr[data-key="${agentToday.label}"] a[data-action="open-calls"]`);
    expect(await calls.textContent()).toBe('Calls');
    await calls.click();
    await page.waitForURL((url) => url.pathname === '/recordings' && url.searchParams.get('agent') === kAgent);
    await page.locator(`[data-testid="records"] tr[data-call="${call.id}"]`).waitFor();

    // Back: the agent's report, the queue's, then the centre's.
    await reportAfter(page, () => page.goBack());
    expect(new URL(page.url()).searchParams.get('agent')).toBe(kAgent);
    await reportAfter(page, () => page.goBack());
    expect(new URL(page.url()).searchParams.get('queue')).toBe(kQueue);
    const back = await reportAfter(page, () => page.goBack());
    expect(back.scope.kind).toBe('centre');

    // Hijri months, asked for: the tabular Islamic calendar's, labelled as the server writes.
    await page.selectOption('[data-testid="reports-calendar"]', 'hijri');
    await page.selectOption('[data-testid="reports-by"]', 'month');
    const hijri = await reportAfter(page, () => page.click('button[data-action="show-report"]'));
    expect(hijri).toMatchObject({ scope: { kind: 'centre' }, by: 'month', calendar: 'hijri' });
    expect(new URL(page.url()).searchParams.get('calendar')).toBe('hijri');
    expect(await page.locator('[data-testid="report-periods-rows"] tr th').first().textContent()).toMatch(/^14\d\d-\d\d$/);
    await page.context().close();
  });

  it('in Persian: right to left, Persian digits, today as its Jalali day, drill-down and a right-to-left workbook', async () => {
    await manager.setLanguage('fa');
    const page = await newPage(browser!);
    await logInThroughForm(page, 'manager');
    const { report: centre, period: today } = await reportWithCall(page, () => page.goto('/reports'));
    expect(await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'fa']);

    // Jalali by default for a Persian reader, the form and the dates in Persian too.
    expect(centre.calendar).toBe('jalali');
    expect(new URL(page.url()).searchParams.has('calendar')).toBe(false);
    expect(await page.locator('[data-testid="reports-calendar"]').inputValue()).toBe('jalali');
    expect(await page.locator('[data-testid="reports-from"] select[data-part="year"] option:checked').textContent()).toMatch(/^۱۴[۰-۹]{2}$/);
    expect(today.label).toBe(jalaliDay(answeredAt, centre.time_zone || 'Asia/Tehran'));
    expect(today.label).toMatch(/^14\d{2}-\d{2}-\d{2}$/);
    const row = page.locator(`[data-testid="report-periods-rows"] tr[data-key="${today.label}"]`);
    expect(await row.locator('th').textContent()).toBe(persian(today.label));
    expect(await periodCells(page, today.label)).toEqual(englishFigures(today).map(persian));
    expect(await page.locator('[data-testid="report-periods"] tfoot td').allTextContents()).toEqual(englishFigures(centre.total).map(persian));
    expect(await page.locator('[data-testid="reports-summary"]').textContent()).toBe(
      `${isolated(persian(centre.periods[0]!.label), 'fa')} تا ${isolated(persian(today.label), 'fa')}`,
    );
    expect(await page.locator('[data-testid="reports-title"]').textContent()).toBe('کل مرکز');
    await chartsDrawn(page, true);
    await saveScreenshot(page, 'reports-fa');

    // The queue's report from the Queues table, and its Jalali workbook, right to left.
    const queue = await reportAfter(page, () => page.click(`[data-testid="report-queues-rows"] tr[data-key="${kQueue}"] a[data-action="drill-queue"]`));
    expect(queue.calendar).toBe('jalali');
    expect(await page.locator('[data-testid="reports-title"]').textContent()).toBe(`صف: ${isolated(kQueue)}`);
    const queueToday = periodOfCall(queue)!;
    expect(queueToday.label).toBe(today.label);
    expect(await periodCells(page, queueToday.label)).toEqual(englishFigures(queueToday).map(persian));
    const memberRow = page.locator(`[data-testid="report-agents-rows"] tr[data-key="${kAgent}"]`);
    expect(await memberRow.locator('td').nth(1).textContent()).toBe(persian(String(queue.agents!.find((a) => a.id === kAgent)!.counters.answered)));
    await chartsDrawn(page, true);
    await saveScreenshot(page, 'reports-queue-fa');
    const xlsx = await download(page, 'reports-xlsx');
    expect(xlsx.name).toBe(`report-queue-${kQueue}-day.xlsx`);
    const workbook = readWorkbook(xlsx.path);
    expect(workbook.rightToLeft).toBe(true);
    expect(workbookCell(workbook.rows, queueToday.label, 'answered')).toBe(String(queueToday.counters.answered));
    // The same report printed by the server in Persian: the title, the queue, today's Jalali
    // day in Persian digits.
    expect(await page.locator('[data-testid="reports-pdf"]').textContent()).toBe('دریافت PDF');
    const pdf = await download(page, 'reports-pdf');
    expect(pdf.name).toBe(`report-queue-${kQueue}-day.pdf`);
    expect(readFileSync(pdf.path).subarray(0, 4).toString()).toBe('%PDF');
    const words = pdfWords(pdf.path);
    for (const word of ['گزارش', kQueue, persian(queueToday.label)]) {
      expect(words, word).toContain(word);
    }

    // And on to the agent, whose periods link to their calls.
    const agent = await reportAfter(page, () => memberRow.locator('a[data-action="drill-agent"]').click());
    expect(agent.scope).toEqual({ kind: 'agent', id: kAgent });
    expect(await page.locator(`[data-testid="report-periods-rows"] tr[data-key="${today.label}"] a[data-action="open-calls"]`).textContent()).toBe('تماس‌ها');

    // By quarter hours from the first of the days to today: the call's interval, labelled
    // with its Jalali day and time.
    for (const part of ['year', 'month', 'day']) {
      const last = await page.locator(`[data-testid="reports-to"] select[data-part="${part}"]`).inputValue();
      await page.selectOption(`[data-testid="reports-from"] select[data-part="${part}"]`, last);
    }
    await page.selectOption('[data-testid="reports-by"]', 'interval-15');
    const intervals = await reportAfter(page, () => page.click('button[data-action="show-report"]'));
    const address = new URL(page.url()).searchParams;
    expect(Object.fromEntries(address)).toMatchObject({ by: 'interval', interval_min: '15', agent: kAgent });
    expect(address.get('from')).toBe(address.get('to'));
    expect(intervals.periods.length).toBeLessThanOrEqual(2 * 96);
    const quarter = periodOfCall(intervals)!;
    expect(quarter.to_ms - quarter.from_ms).toBe(15 * 60_000);
    expect(quarter.label).toMatch(new RegExp(`^${today.label} \\d{2}:\\d{2}$`));
    expect(quarter.counters.answered).toBeGreaterThanOrEqual(1);
    expect(await page.locator(`[data-testid="report-periods-rows"] tr[data-key="${quarter.label}"] th`).textContent()).toBe(persian(quarter.label));
    expect(await periodCells(page, quarter.label)).toEqual(englishFigures(quarter).map(persian));
    await chartsDrawn(page, false);
    await saveScreenshot(page, 'reports-intervals-fa');

    // In English the same report comes back in the Gregorian calendar (not chosen, so the
    // language's), left to right.
    const english = await reportAfter(page, () => page.selectOption('[data-testid="language-select"]', 'en'));
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(english).toMatchObject({ scope: { kind: 'agent', id: kAgent }, by: 'interval', calendar: 'gregorian' });
    expect(periodOfCall(english)!.label).toMatch(/^20\d{2}-\d{2}-\d{2} \d{2}:\d{2}$/);
    await page.context().close();
  });

  it('an agent sees only their own figures, and is refused another team\'s queue', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, kAgent);
    expect(await page.locator('nav a[data-page="reports"]').count()).toBe(1);
    const own = await reportAfter(page, () => page.click('nav a[data-page="reports"]'));
    expect(own.scope).toEqual({ kind: 'agent', id: kAgent });
    expect(new URL(page.url()).searchParams.get('agent')).toBe(kAgent);
    // No centre to choose, and no Recordings page to link periods to.
    await page.locator(`[data-testid="reports-scope"] option[value="agent:${kAgent}"]`).waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid="reports-scope"] option[value=""]').count()).toBe(0);
    expect(await page.locator('a[data-action="open-calls"]').count()).toBe(0);

    // The support queue is not theirs: the server's 403, said on the page.
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/reports?') && r.url().includes('queue=support')),
      page.goto('/reports?queue=support'),
    ]);
    expect(refused.status()).toBe(403);
    await expect.poll(() => page.locator('[data-testid="reports-status"]').textContent()).toBe('You are not allowed to do that.');
    expect(await page.locator('[data-testid="report-periods"]').isHidden()).toBe(true);
    await page.context().close();
  });
});
