import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, EvaluationWithScorecard, Language, QualityReport, QualityReportRow, QualitySample, Waveform } from '../../src/api/types';
import { AnsweringPhones } from './support/answering_phones';
import { ApiSession } from './support/api_session';
import { launchBrowser, logInThroughForm, newPage, saveScreenshot } from './support/browser';
import { paintedPixels } from './support/canvas';
import { recordedCall } from './support/connected_call';
import { requireServer } from './support/server';
import { talkingScenario, toneBursts } from './support/talking_audio';

// Issue 15, QA's analyst and manager: a real call (SIPp phones through the switch, both
// sides sending tone bursts, so the recording has sound on each side) shows up in
// "To evaluate" on the Quality page; its Evaluate link opens it on the Recordings page, where
// the player draws the call's waveform and a click on it seeks the audio. Three analysts score
// it (through the API) and the agent disputes one; the Quality page's table shows the figures
// the API computed, by agent and by call (calibration), the chart is drawn, and the CSV
// downloads. The agent's desk names the scorecard and draws the waveform too. In English and
// Persian, with screenshots.

/** The agent and phones evaluations.test.ts uses: a recorded call with a talking agent. */
const kAgent = 'a1005';
const kAgentPhone = '1005';
const kCallerPhone = '1004';
const kTalkMs = 4_000;
/** This run's own scorecard (ids are never reused): the report filtered by it holds only the
 *  evaluations made here. */
const kScorecard = `qr-${Date.now().toString(36)}`;
const kScorecardName = 'Calibration card';
const kCsvHeader = 'agent,evaluations,average,lowest,highest,spread,passed,pass_rate,critical_failures,disputed';

let browser: Browser | undefined;
let supervisor: ApiSession;
let qa: ApiSession;
let manager: ApiSession;
let agent: ApiSession;
const languages = new Map<ApiSession, Language>();
let phones: AnsweringPhones | undefined;
let recorded: CallRecord;
const evaluations: number[] = [];

const question = (id: string, text: string, critical = false) => ({ id, text, kind: 'yes_no', weight: 1, allow_na: false, critical });

beforeAll(async () => {
  await requireServer();
  [supervisor, qa, manager, agent] = await Promise.all([ApiSession.login('supervisor'), ApiSession.login('qa'), ApiSession.login('manager'), ApiSession.login(kAgent)]);
  for (const session of [qa, manager, agent]) {
    languages.set(session, (await session.me()).language);
    await session.setLanguage('en');
  }
  await qa.call('POST', '/api/v1/scorecards', {
    id: kScorecard,
    name: kScorecardName,
    pass_mark: 80,
    sections: [
      { title: 'Opening', questions: [question('q1', 'Greeted the caller?'), question('q2', 'Said their name?')] },
      { title: 'Identity', questions: [question('q3', "Confirmed the caller's identity?", true)] },
    ],
  });
  // Each side talks in its own rhythm: the caller a second in every two, the agent 0.7 s in
  // every 2.2, so both spoke, now and then at once.
  const agentTalks = talkingScenario('answering_phone.xml', toneBursts(1_500, 700));
  const callerTalks = talkingScenario('waiting_call.xml', toneBursts(1_000, 1_000));
  [phones, browser] = await Promise.all([AnsweringPhones.start([kAgentPhone], agentTalks), launchBrowser()]);
  recorded = await recordedCall(supervisor, qa, { agent: kAgent, from: kCallerPhone, talkMs: kTalkMs, callerScenario: callerTalks });
}, 50_000);

afterAll(async () => {
  await phones?.stop().catch(() => undefined);
  await browser?.close();
  for (const [session, language] of languages) {
    await session.setLanguage(language).catch(() => undefined);
  }
  await qa.raw('DELETE', `/api/v1/scorecards/${kScorecard}`).catch(() => undefined);
});

function audioState(page: Page) {
  return page.locator('[data-testid="recording-audio"]').evaluate((element) => {
    const audio = element as HTMLAudioElement;
    return { currentTime: audio.currentTime, duration: audio.duration, paused: audio.paused };
  });
}

/** m:ss, as the page writes a duration in English. */
function minutesSeconds(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A row's figures as the page writes them in English: counts, scores and rates as percent,
 *  the spread in points, "–" for none. */
function englishFigures(row: QualityReportRow): string[] {
  const percent = (value: number | null) => (value === null ? '–' : `${value}%`);
  return [
    String(row.evaluations), percent(row.average), percent(row.lowest), percent(row.highest),
    row.spread === null ? '–' : String(row.spread), percent(row.pass_rate), String(row.critical_failures), String(row.disputed),
  ];
}

/** English figures in Persian digits, decimal separator and percent sign. */
function persian(text: string): string {
  return text.replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!).replace(/\./g, '٫').replace(/%/g, '٪');
}

/** The report the page asked for, asked again of the API: the CSV link carries its query. */
async function reportBehind(page: Page): Promise<QualityReport> {
  const href = await page.locator('[data-testid="report-csv"]').getAttribute('href');
  const query = new URL(href!, 'http://x').searchParams;
  query.delete('format');
  return qa.call<QualityReport>('GET', `/api/v1/quality/report?${query.toString()}`);
}

async function showReport(page: Page, by: string): Promise<void> {
  await page.locator(`[data-testid="report-scorecard"] option[value="${kScorecard}"]`).waitFor({ state: 'attached' });
  await page.selectOption('[data-testid="report-scorecard"]', kScorecard);
  await page.selectOption('[data-testid="report-by"]', by);
  await page.click('button[data-action="show-report"]');
  await page.locator(`[data-testid="quality-report"][data-by="${by}"]:not([aria-busy])`).waitFor();
}

describe('quality reports, the work list and the waveform', () => {
  it('"To evaluate" lists the new call; Evaluate opens it, the waveform is drawn and a click on it seeks', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, 'qa');
    await page.click('nav a[data-page="quality"]');
    await page.waitForURL((url) => url.pathname === '/quality');
    const sample = page.locator('[data-testid="quality-sample"]');
    await sample.locator(`[data-testid="sample-agent"] option[value="${kAgent}"]`).waitFor({ state: 'attached' });
    await sample.locator('[data-testid="sample-agent"]').selectOption(kAgent);
    await sample.locator('[data-testid="sample-per-agent"]').selectOption('10');
    const answered = page.waitForResponse((response) => response.url().includes('/api/v1/quality/sample?') && response.url().includes(`agent=${kAgent}`));
    await sample.locator('button[data-action="list-sample"]').click();
    const listed = (await (await answered).json()) as QualitySample;
    const row = sample.locator(`tr[data-call="${recorded.id}"]`);
    await row.waitFor();

    // The figures are the call's, and the count of candidates is the API's for the same ask.
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 1)).toEqual(['Agent 1005']);
    expect(cells[2]).toBe(minutesSeconds(recorded.talk_ms));
    expect(cells[3]).toBe(minutesSeconds(recorded.hold_ms));
    expect(cells[4]).toBe('No');
    const again = await qa.call<QualitySample>('GET', `/api/v1/quality/sample?from_ms=${listed.from_ms}&to_ms=${listed.to_ms}&per_agent=10&agent=${kAgent}`);
    expect(again.calls.map((c) => c.id)).toContain(recorded.id);
    const candidates = sample.locator('[data-testid="sample-candidates"]');
    expect(await candidates.getAttribute('data-candidates')).toBe(String(again.candidates));
    expect(await candidates.textContent()).toBe(`Listed: ${again.calls.length}, picked from the calls not yet evaluated: ${again.candidates}`);
    await saveScreenshot(page, 'quality-sample-en');

    // Evaluate: the call on the Recordings page, ready to be scored.
    await row.locator('a[data-action="evaluate-call"]').click();
    await page.waitForURL((url) => url.pathname === '/recordings' && url.searchParams.get('call') === recorded.id);
    await page.locator(`[data-testid="recording-detail"][data-call="${recorded.id}"]`).waitFor();
    await page.locator(`[data-testid="evaluations-panel"][data-call="${recorded.id}"] button[data-action="evaluate"]`).waitFor();

    // The waveform: drawn on the canvas, with the talk totals the server computed.
    const waveform = await qa.call<Waveform>('GET', `/api/v1/call-records/${recorded.id}/waveform`);
    expect(waveform.caller.length).toBe(waveform.points);
    expect(Math.abs(waveform.duration_ms - recorded.talk_ms)).toBeLessThan(2_000);
    // Both sides spoke (their tones), so both have peaks and stretches of speech.
    expect(waveform.talk.caller_ms).toBeGreaterThan(0);
    expect(waveform.talk.agents_ms).toBeGreaterThan(0);
    expect(new Set(waveform.speech.map((stretch) => stretch.side))).toEqual(new Set(['caller', 'agents']));
    await page.locator('[data-testid="waveform"][data-state="drawn"]').waitFor();
    // The caller's peaks above the middle line, the agent's below.
    expect(await paintedPixels(page, '[data-testid="waveform-canvas"]', 'above')).toBeGreaterThan(100);
    expect(await paintedPixels(page, '[data-testid="waveform-canvas"]', 'below')).toBeGreaterThan(100);
    expect(Number(await page.locator('[data-testid="waveform-canvas"]').getAttribute('data-columns'))).toBeGreaterThan(10);
    const totals = page.locator('[data-testid="talk-totals"]');
    expect(await totals.locator('dt').allTextContents()).toEqual(['Caller spoke', 'Agent spoke', 'Both at once', 'Silence']);
    expect(await totals.locator('dd').allTextContents()).toEqual(
      [waveform.talk.caller_ms, waveform.talk.agents_ms, waveform.talk.overlap_ms, waveform.talk.silence_ms].map(minutesSeconds),
    );
    expect(await page.locator('.speech-row[data-side="caller"] .speech').count()).toBe(waveform.speech.filter((s) => s.side === 'caller').length);
    expect(await page.locator('.speech-row[data-side="agents"] .speech').count()).toBe(waveform.speech.filter((s) => s.side === 'agents').length);

    // Played for a moment (the audio's length is known then), paused, and a click at three
    // quarters of the waveform's width takes the audio to three quarters of the call.
    await page.locator('[data-testid="recording-audio"]').evaluate((element) => (element as HTMLAudioElement).play());
    await page.waitForFunction(() => (document.querySelector('[data-testid="recording-audio"]') as HTMLAudioElement).currentTime > 0.3);
    await page.locator('[data-testid="recording-audio"]').evaluate((element) => (element as HTMLAudioElement).pause());
    const box = (await page.locator('[data-testid="waveform-canvas"]').boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    const { duration } = await audioState(page);
    expect(duration).toBeGreaterThan(1);
    await expect.poll(async () => Math.abs((await audioState(page)).currentTime - duration * 0.75)).toBeLessThan(Math.max(0.25, duration * 0.05));
    expect((await audioState(page)).paused).toBe(true);
    const left = await page.locator('[data-testid="waveform-playhead"]').evaluate((element) => parseFloat((element as HTMLElement).style.left));
    expect(Math.abs(left - 75)).toBeLessThan(5);
    await saveScreenshot(page, 'recordings-waveform-en');

    // In Persian the page is right to left, the waveform still runs left to right.
    await page.selectOption('[data-testid="language-select"]', 'fa');
    await page.waitForFunction(() => document.documentElement.lang === 'fa');
    await page.locator('[data-testid="waveform"][data-state="drawn"]').waitFor();
    expect(await page.locator('.waveform-area').getAttribute('dir')).toBe('ltr');
    expect(await page.locator('.waveform-legend .legend-item').allTextContents()).toEqual(['تماس‌گیرنده', 'کارشناس']);
    expect(await page.locator('[data-testid="talk-totals"] [data-part="silence"] dd').textContent()).toBe(persian(minutesSeconds(waveform.talk.silence_ms)));
    expect(await paintedPixels(page, '[data-testid="waveform-canvas"]')).toBeGreaterThan(0);
    await saveScreenshot(page, 'recordings-waveform-fa');
    await page.context().close();
  });

  it('a call whose waveform the server cannot give (404) plays as before, with no waveform', async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, 'qa');
    let asked = 0;
    await page.route(`**/api/v1/call-records/${recorded.id}/waveform*`, (route) => {
      asked += 1;
      return route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":{"code":"not_found","message":"no recording"}}' });
    });
    await page.goto(`/recordings?call=${recorded.id}`);
    await page.locator(`[data-testid="recording-detail"][data-call="${recorded.id}"]`).waitFor();
    await page.locator('[data-testid="waveform"][data-state="none"]').waitFor({ state: 'attached' });
    expect(asked).toBe(1);
    expect(await page.locator('[data-testid="waveform"]').isHidden()).toBe(true);
    await page.locator('[data-testid="recording-audio"]').evaluate((element) => (element as HTMLAudioElement).play());
    await page.waitForFunction(() => (document.querySelector('[data-testid="recording-audio"]') as HTMLAudioElement).currentTime > 0.5);
    await page.keyboard.press('k');
    await expect.poll(async () => (await audioState(page)).paused).toBe(true);
    await page.context().close();
  });

  it('the report shows the figures the API computed, by agent and by call, with a chart and a CSV', async () => {
    // Three analysts score the call: all yes (100), one "no" (2 of 3), the critical "no" (0).
    for (const [session, answers] of [
      [qa, { q1: 1, q2: 1, q3: 1 }],
      [manager, { q1: 1, q2: 0, q3: 1 }],
      [supervisor, { q1: 1, q2: 1, q3: 0 }],
    ] as const) {
      const made = await session.call<EvaluationWithScorecard>('POST', '/api/v1/evaluations', { call: recorded.id, scorecard: kScorecard, answers, submit: true });
      evaluations.push(made.evaluation.id);
    }
    await agent.call('POST', `/api/v1/evaluations/${evaluations[2]}/dispute`, { comment: 'I did confirm it.' });

    await qa.setLanguage('en');
    const page = await newPage(browser!);
    await logInThroughForm(page, 'qa');
    await page.goto('/quality');
    await showReport(page, 'agent');
    expect(new URL(page.url()).searchParams.get('scorecard')).toBe(kScorecard);
    const byAgent = await reportBehind(page);
    expect(byAgent.rows.map((r) => r.key)).toEqual([kAgent]);
    const figures = byAgent.rows[0]!;
    expect(figures).toMatchObject({ evaluations: 3, lowest: 0, highest: 100, passed: 1, pass_rate: 33.3, critical_failures: 1, disputed: 1 });
    const row = page.locator(`[data-testid="report-rows"] tr[data-key="${kAgent}"]`);
    expect(await row.locator('th').textContent()).toBe('Agent 1005');
    expect(await row.locator('td').allTextContents()).toEqual(englishFigures(figures));
    expect(await page.locator('[data-testid="report-summary"]').textContent()).toBe(`Evaluations: ${byAgent.evaluations}`);
    expect(await page.locator('[data-testid="report-title"]').textContent()).toBe('Report by Agent');

    // The chart: average bars and the pass-rate line for the one agent.
    await page.locator('[data-testid="quality-chart"][data-keys="1"] canvas').waitFor();
    expect(await paintedPixels(page, '[data-testid="quality-chart"] canvas')).toBeGreaterThan(1_000);

    // The CSV: the same report as a file, with its header row.
    const csvLink = page.locator('[data-testid="report-csv"]');
    expect(await csvLink.getAttribute('href')).toMatch(new RegExp(`^/api/v1/quality/report\\?.*scorecard=${kScorecard}.*&format=csv$`));
    const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split(/\r?\n/);
    expect(csv[0]).toBe(kCsvHeader);
    expect(csv[1]).toMatch(new RegExp(`^${kAgent},3,`));
    // And as a workbook: a ZIP (an .xlsx file) of the same query.
    const xlsxLink = page.locator('[data-testid="report-xlsx"]');
    expect(await xlsxLink.getAttribute('href')).toMatch(new RegExp(`^/api/v1/quality/report\\?.*scorecard=${kScorecard}.*&format=xlsx$`));
    const [workbook] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
    expect(readFileSync((await workbook.path())!).subarray(0, 2).toString()).toBe('PK');
    expect(workbook.suggestedFilename()).toBe(`quality-by-${csv[0]!.split(',')[0]}.xlsx`);
    await saveScreenshot(page, 'quality-en');

    // The agent's row opens their calls: calibration, where the spread is the analysts'
    // disagreement, and the call opens on the Recordings page.
    await row.locator('a[data-action="drill-agent"]').click();
    await page.locator('[data-testid="quality-report"][data-by="call"]:not([aria-busy])').waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ by: 'call', agent: kAgent, scorecard: kScorecard });
    expect(await page.locator('[data-testid="report-title"]').textContent()).toBe('Calibration: calls scored by several analysts');
    expect(await page.locator('[data-testid="quality-report"] thead th').allTextContents()).toContain('Disagreement (spread)');
    const byCall = await reportBehind(page);
    const callFigures = byCall.rows.find((r) => r.key === recorded.id)!;
    expect(callFigures).toMatchObject({ evaluations: 3, spread: figures.spread, average: figures.average });
    const callRow = page.locator(`[data-testid="report-rows"] tr[data-key="${recorded.id}"]`);
    expect(await callRow.locator('td').allTextContents()).toEqual(englishFigures(callFigures));
    await saveScreenshot(page, 'quality-calibration-en');
    await callRow.locator('a[data-action="open-call"]').click();
    await page.waitForURL((url) => url.pathname === '/recordings' && url.searchParams.get('call') === recorded.id);
    await page.locator(`[data-testid="evaluations-panel"][data-call="${recorded.id}"] tr[data-evaluation="${evaluations[0]}"]`).waitFor();
    // Back returns to the agent's report, then to the calibration.
    await page.goBack();
    await page.locator(`[data-testid="report-rows"] tr[data-key="${recorded.id}"]`).waitFor();
    await page.context().close();
  });

  it('in Persian: the same figures in Persian digits, right to left, the chart drawn, Jalali dates in the work list', async () => {
    await qa.setLanguage('fa');
    const page = await newPage(browser!);
    await logInThroughForm(page, 'qa');
    await page.goto(`/quality?by=call&scorecard=${kScorecard}`);
    await page.locator('[data-testid="quality-report"][data-by="call"]:not([aria-busy])').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const byCall = await reportBehind(page);
    const figures = byCall.rows.find((r) => r.key === recorded.id)!;
    const row = page.locator(`[data-testid="report-rows"] tr[data-key="${recorded.id}"]`);
    expect(await row.locator('td').allTextContents()).toEqual(englishFigures(figures).map(persian));
    await page.locator('[data-testid="quality-chart"] canvas').waitFor();
    expect(await paintedPixels(page, '[data-testid="quality-chart"] canvas')).toBeGreaterThan(1_000);
    // The date fields are Jalali: the year is 14xx in Persian digits.
    expect(await page.locator('[data-testid="report-from"] select[data-part="year"] option:checked').textContent()).toMatch(/^۱۴[۰-۹]{2}$/);
    const started = page.locator('[data-testid="sample-rows"] tr td:nth-child(2)').first();
    await started.waitFor();
    expect(await started.textContent()).toMatch(/^۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}$/);
    await saveScreenshot(page, 'quality-fa');
    await page.context().close();
  });

  it("the agent's desk names the scorecard and draws the evaluated call's waveform", async () => {
    const page = await newPage(browser!);
    await logInThroughForm(page, kAgent);
    const row = page.locator(`[data-testid="my-evaluations"] tr[data-evaluation="${evaluations[0]}"]`);
    await row.waitFor();
    expect(await row.locator(`td[data-scorecard="${kScorecard}"]`).textContent()).toBe(kScorecardName);
    await row.locator('button[data-action="open-evaluation"]').click();
    const desk = page.locator('[data-testid="my-evaluations"]');
    await desk.locator('[data-testid="waveform"][data-state="drawn"]').waitFor();
    expect(await paintedPixels(page, '[data-testid="my-evaluations"] [data-testid="waveform-canvas"]')).toBeGreaterThan(0);
    await saveScreenshot(page, 'desk-waveform-en');
    await page.context().close();
  });
});
