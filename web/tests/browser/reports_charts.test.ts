import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kpis, Language, PeriodReport } from '../../src/api/types';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot } from './support/browser';
import { paintedPixels } from './support/canvas';
import { ConnectedCall } from './support/connected_call';
import { reportAfter } from './support/report_page';
import { requireServer } from './support/server';

// Issue 16, the managers' charts on the Reports page: beside the calls by period, the ASA and
// AHT by period, the waits before an answer or an abandon (cumulative) and a heatmap of the
// week by hour whose cells count offered or answered calls or show the service level; the
// utilisation and calls per agent-hour columns; and a supervisor's team as a scope. A real
// call (a SIPp caller through the switch to a sales agent's SIPp phone) makes sure the range
// has an answered call. In Persian the charts are drawn right to left under Persian titles
// (screenshot: reports-charts-fa.png); a manager opens the demo supervisor's team (queues
// sales and support) and finds its queues ranked; a supervisor is offered only their own
// team, QA analysts and agents none.

/** The agent and phones reports.test.ts uses: free again when this file runs. */
const kAgent = 'a1005';
const kAgentPhone = '1005';
const kCallerPhone = '1004';
const kTalkMs = 1_500;
/** The store writes the quarter hour in progress every 5 s. */
const kRollupMs = 20_000;
/** The demo's supervisor (config/demo.yaml): their team is queues sales and support. */
const kTeam = 'supervisor';
const kTeamName = 'Supervisor';
const kTeamQueues = ['sales', 'support'];

let browser: Browser | undefined;
let manager: ApiSession;
let managerLanguage: Language | undefined;
let phones: AnsweringPhones | undefined;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The centre's calls answered so far in the report's default range (the last 7 days), as the
 *  wait curve counts them. */
async function answeredWaits(): Promise<number> {
  const report = await manager.call<PeriodReport>('GET', '/api/v1/reports');
  return sum(report.wait_curve.answered);
}

beforeAll(async () => {
  await requireServer();
  let supervisor: ApiSession;
  [supervisor, manager] = await Promise.all([ApiSession.login('supervisor'), ApiSession.login('manager')]);
  managerLanguage = (await manager.me()).language;
  [phones, browser] = await Promise.all([AnsweringPhones.start([kAgentPhone]), launchBrowser()]);
  const before = await answeredWaits();
  const connected = await ConnectedCall.start(supervisor, kAgent, kCallerPhone);
  try {
    await new Promise((resolve) => setTimeout(resolve, kTalkMs));
  } finally {
    await connected.end();
  }
  for (const deadline = Date.now() + kRollupMs; (await answeredWaits()) <= before; ) {
    if (Date.now() > deadline) {
      throw new Error(`the call ${connected.id} never reached the centre's wait curve`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}, 45_000);

afterAll(async () => {
  await phones?.stop().catch(() => undefined);
  await browser?.close();
  if (managerLanguage) {
    await manager.setLanguage(managerLanguage).catch(() => undefined);
  }
});

/** English text in Persian digits, decimal and thousands separators and percent sign. */
function persian(text: string): string {
  return text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!).replace(/\./g, '٫').replace(/,/g, '٬').replace(/%/g, '٪');
}

/** Utilisation and calls per agent-hour as the page writes them in English. */
function staffFigures(kpis: Kpis): string[] {
  const percent = (value: number | null) => (value === null ? '–' : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(value));
  const rate = (value: number | null) => (value === null ? '–' : new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value));
  return [percent(kpis.utilisation), rate(kpis.calls_per_agent_hour)];
}

/** A name inside a sentence of the page, isolated in its own direction. */
function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}

/** What a chart's canvases show (ECharts draws the heatmap's colour scale on layers of its
 *  own), to tell a drawing from the one before. */
function canvasImage(page: Page, chart: string): Promise<string> {
  return page.locator(`[data-testid="${chart}"] canvas`).evaluateAll((canvases) => canvases.map((canvas) => (canvas as HTMLCanvasElement).toDataURL()).join());
}

async function chartDrawn(page: Page, chart: string): Promise<void> {
  await page.locator(`[data-testid="${chart}"] canvas`).first().waitFor();
  expect(await paintedPixels(page, `[data-testid="${chart}"] canvas`), chart).toBeGreaterThan(1_000);
}

/** The values of the scope choices for teams, once the form lists the queues (the teams come
 *  with them or before). */
async function teamChoices(page: Page): Promise<{ value: string | null; text: string | null }[]> {
  await page.locator('[data-testid="reports-scope"] option[value^="queue:"], [data-testid="reports-scope"] option[value^="agent:"]').first().waitFor({ state: 'attached' });
  return page
    .locator('[data-testid="reports-scope"] option[value^="team:"]')
    .evaluateAll((options) => options.map((option) => ({ value: option.getAttribute('value'), text: option.textContent })));
}

describe('the charts of the Reports page', () => {
  it('in Persian: ASA and AHT by period, the waits and the week by hour, under Persian titles', async () => {
    await manager.setLanguage('fa');
    const page = await newPage(browser!);
    await logInThroughForm(page, 'manager');
    const report = await reportAfter(page, () => page.goto('/reports'));
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    // The new members, in their shape: the waits of the total's calls in 10 buckets, the
    // week from Saturday (Jalali) by the centre's 24 hours, summed over the range.
    expect(report.calendar).toBe('jalali');
    expect(report.wait_curve.edges_s).toEqual([10, 20, 30, 45, 60, 90, 120, 180, 300]);
    expect(report.wait_curve.answered).toHaveLength(10);
    expect(report.wait_curve.abandoned).toHaveLength(10);
    expect(sum(report.wait_curve.answered)).toBe(report.total.counters.answered);
    expect(sum(report.wait_curve.abandoned)).toBe(report.total.counters.abandoned);
    expect(report.week_hours.first_day).toBe('sat');
    for (const grid of [report.week_hours.offered, report.week_hours.answered, report.week_hours.abandoned, report.week_hours.service_level]) {
      expect(grid.map((row) => row.length)).toEqual([24, 24, 24, 24, 24, 24, 24]);
    }
    expect(sum(report.week_hours.offered.flat())).toBe(report.total.counters.offered);
    expect(sum(report.week_hours.answered.flat())).toBe(report.total.counters.answered);

    // Each chart drawn under its Persian title.
    const titles = {
      'report-handle-times-part': 'میانگین زمان پاسخ و میانگین زمان رسیدگی در هر بازه',
      'report-wait-curve-part': 'مدت انتظار تا پاسخ یا رهاشدن (تجمعی)',
      'report-heatmap-part': 'تماس‌ها بر حسب روز هفته و ساعت',
    };
    for (const [part, title] of Object.entries(titles)) {
      expect(await page.locator(`[data-testid="${part}"] h3`).textContent()).toBe(title);
    }
    for (const chart of ['reports-volume-chart', 'reports-handle-times-chart', 'reports-wait-curve-chart', 'reports-heatmap-chart']) {
      await chartDrawn(page, chart);
    }
    expect(await page.locator('[data-testid="reports-handle-times-chart"]').getAttribute('data-keys')).toBe(String(report.periods.length));
    expect(await page.locator('[data-testid="reports-wait-curve-chart"]').getAttribute('data-keys')).toBe('10');
    expect(await page.locator('[data-testid="reports-heatmap-chart"]').getAttribute('data-keys')).toBe('7');

    // The heatmap's figure, chosen beside it: answered calls (drawn alike when every call
    // offered was answered), then the service level, in colours of its own.
    const measure = page.locator('[data-testid="reports-heatmap-measure"]');
    const heatmap = page.locator('[data-testid="reports-heatmap-chart"]');
    expect(await measure.locator('option').allTextContents()).toEqual(['ورودی', 'پاسخ‌داده', 'رهاشده', 'سطح خدمت']);
    expect(await heatmap.getAttribute('data-measure')).toBe('offered');
    await saveScreenshot(page, 'reports-charts-fa');
    await measure.selectOption('answered');
    await expect.poll(() => heatmap.getAttribute('data-measure')).toBe('answered');
    const answered = await canvasImage(page, 'reports-heatmap-chart');
    await measure.selectOption('service_level');
    await expect.poll(() => heatmap.getAttribute('data-measure')).toBe('service_level');
    await expect.poll(() => canvasImage(page, 'reports-heatmap-chart')).not.toBe(answered);
    await chartDrawn(page, 'reports-heatmap-chart');
    await saveScreenshot(page, 'reports-charts-sl-fa');

    // Utilisation and calls per agent-hour beside occupancy, in Persian.
    const headers = await page.locator('[data-testid="report-periods"] thead th').allTextContents();
    expect(headers.slice(8, 11)).toEqual(['اشغال', 'بهره‌وری', 'تماس در هر ساعت کارشناس']);
    const total = await page.locator('[data-testid="report-periods"] tfoot td').allTextContents();
    expect(total.slice(8, 10)).toEqual(staffFigures(report.total.kpis).map(persian));
    const agentCells = await page.locator(`[data-testid="report-agents-rows"] tr[data-key="${kAgent}"] td`).allTextContents();
    expect(agentCells.slice(8, 10)).toEqual(staffFigures(report.agents!.find((a) => a.id === kAgent)!.kpis).map(persian));
    await page.context().close();
  });

  it("a manager opens the supervisor's team: its queues ranked, its agents, kept in the address", async () => {
    await manager.setLanguage('en');
    const page = await newPage(browser!);
    await logInThroughForm(page, 'manager');
    await reportAfter(page, () => page.goto('/reports'));
    // The supervisors listed by the users API, each named as people know them.
    const choices = await teamChoices(page);
    expect(choices).toContainEqual({ value: `team:${kTeam}`, text: kTeamName });
    expect(await page.locator(`[data-testid="reports-scope"] optgroup[label="Teams"] option[value="team:${kTeam}"]`).count()).toBe(1);

    await page.selectOption('[data-testid="reports-scope"]', `team:${kTeam}`);
    const team = await reportAfter(page, () => page.click('button[data-action="show-report"]'));
    expect(team.scope).toEqual({ kind: 'team', id: kTeam });
    expect(new URL(page.url()).searchParams.get('team')).toBe(kTeam);
    expect(await page.locator('[data-testid="reports-title"]').textContent()).toBe(`Team: ${isolated(kTeamName)}`);

    // The team's queues, most answered first, each opening its own report.
    expect(team.queues!.map((q) => q.id).sort()).toEqual(kTeamQueues);
    const answered = team.queues!.map((q) => q.counters.answered);
    expect(answered).toEqual([...answered].sort((a, b) => b - a));
    const rows = page.locator('[data-testid="report-queues-rows"] tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')))).toEqual(team.queues!.map((q) => q.id));
    expect(await rows.locator('td:nth-child(3)').allTextContents()).toEqual(answered.map((count) => new Intl.NumberFormat('en-US').format(count)));
    expect(await page.locator('[data-testid="report-queues-part"] h3').textContent()).toBe('Queues');
    // Its agents, the sales agent among them; no link to a team's calls (the Recordings page
    // finds calls by queue or by agent).
    expect(await page.locator('[data-testid="report-agents-rows"] tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key')))).toEqual(
      team.agents!.map((a) => a.id),
    );
    expect(team.agents!.map((a) => a.id)).toContain(kAgent);
    expect(await page.locator('a[data-action="open-calls"]').count()).toBe(0);
    await chartDrawn(page, 'reports-volume-chart');
    await saveScreenshot(page, 'reports-team-en');

    // A reload shows the same team.
    const again = await reportAfter(page, () => page.reload());
    expect(again.scope).toEqual({ kind: 'team', id: kTeam });
    expect(await page.locator('[data-testid="reports-scope"]').inputValue()).toBe(`team:${kTeam}`);

    // Down to one of its queues, and Back to the team.
    const queue = await reportAfter(page, () => page.click(`[data-testid="report-queues-rows"] tr[data-key="${kTeamQueues[0]}"] a[data-action="drill-queue"]`));
    expect(queue.scope).toEqual({ kind: 'queue', id: kTeamQueues[0] });
    expect(new URL(page.url()).searchParams.has('team')).toBe(false);
    const back = await reportAfter(page, () => page.goBack());
    expect(back.scope).toEqual({ kind: 'team', id: kTeam });
    await page.context().close();
  });

  it('a supervisor is offered only their own team; QA analysts and agents no team', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, kTeam);
    await reportAfter(page, () => page.goto('/reports'));
    expect(await teamChoices(page)).toEqual([{ value: `team:${kTeam}`, text: 'My team' }]);
    await page.selectOption('[data-testid="reports-scope"]', `team:${kTeam}`);
    const own = await reportAfter(page, () => page.click('button[data-action="show-report"]'));
    expect(own.scope).toEqual({ kind: 'team', id: kTeam });
    expect(await page.locator('[data-testid="reports-title"]').textContent()).toBe(`Team: ${isolated(kTeamName)}`);
    await page.context().close();

    for (const username of ['qa', kAgent]) {
      const other = await newPage(browser!);
      await logInThroughForm(other, username);
      await reportAfter(other, () => other.goto('/reports'));
      expect(await teamChoices(other), username).toEqual([]);
      await other.context().close();
    }
  });
});
