import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportDownloadUrl } from '../../src/api/endpoints';
import type { Figures, PeriodReport, ReportPeriod, ReportQuality, ReportRanking, Role, User } from '../../src/api/types';
import { dayFromIso, dayOfInstant, startOfDay } from '../../src/format/calendar';
import { centreDay, centreMidnight, zoneClock } from '../../src/format/centre_clock';
import { isolated, kReportFigureHeaders, periodLabel, reportFigures } from '../../src/pages/report_figures';
import { agentQuality, qualitySummary } from '../../src/pages/report_quality';
import { supervisorName, supervisorTeams, teamChoice } from '../../src/pages/report_teams';
import { searchFromQuery as recordingsSearchFromQuery } from '../../src/pages/recordings_query';
import { agentsChartOption, chartPeriodLabel, periodsChartOption } from '../../src/pages/reports_chart_options';
import {
  defaultCalendar,
  defaultReportsSearch,
  drillInto,
  fromGrainChoice,
  fromScopeChoice,
  grainChoice,
  kCalendars,
  kGrainChoices,
  periodRecordingsLink,
  reportsApiQuery,
  reportsPageQuery,
  reportsProblem,
  reportsSearchFromQuery,
  scopeChoice,
  type ReportsSearch,
} from '../../src/pages/reports_query';
import { counters, window } from './fixtures';

// The Reports page's pure parts: the report kept in the address and asked of the API (and the
// downloads with the same query), its days on the centre's clock whatever the browser's zone,
// the form's choices, a queue's or an agent's row opened, a period's calls on the Recordings
// page, the figures in the reader's digits (Hijri periods too), and the charts.

const day = (iso: string) => dayFromIso(iso)!;
const today = day('2026-12-06');
const hourMs = 3_600_000;
const manager = { language: 'en' as const, ownAgent: null };

const figures = (offered: number, answered: number, abandoned: number, serviceLevel: number | null): Figures => {
  const made = window({ counters: counters({ offered, answered, abandoned }) });
  made.kpis.service_level = serviceLevel;
  return { counters: made.counters, kpis: made.kpis };
};
const period = (label: string, fromMs: number, toMs: number, made: Figures): ReportPeriod => ({ label, from_ms: fromMs, to_ms: toMs, ...made });
const ranked = (id: string, answered: number): ReportRanking => ({ id, ...figures(answered + 1, answered, 1, 0.5) });

describe('the report query', () => {
  it('opens on the last 7 days by day, for the centre, in the calendar of the language', () => {
    expect(defaultReportsSearch(today, manager)).toEqual({
      fromDay: day('2026-11-30'), toDay: today, by: 'day', intervalMin: 30, calendar: 'gregorian', queue: '', agent: '', team: '',
    });
    expect(defaultReportsSearch(today, { language: 'fa', ownAgent: null }).calendar).toBe('jalali');
    expect(defaultCalendar('ar')).toBe('gregorian');
  });

  it("opens an agent's own figures for an agent", () => {
    const defaults = { language: 'en' as const, ownAgent: 'a1005' };
    expect(defaultReportsSearch(today, defaults).agent).toBe('a1005');
    expect(reportsSearchFromQuery('', today, defaults).agent).toBe('a1005');
    // Their queue's report, from a link, stays the queue's.
    expect(reportsSearchFromQuery('?queue=sales', today, defaults)).toMatchObject({ queue: 'sales', agent: '' });
  });

  it('keeps the report in the address and reads it back', () => {
    const search: ReportsSearch = { fromDay: day('2026-12-01'), toDay: day('2026-12-06'), by: 'interval', intervalMin: 15, calendar: 'jalali', queue: 'sales', agent: '', team: '' };
    expect(reportsPageQuery(search, 'en')).toBe('from=2026-12-01&to=2026-12-06&by=interval&interval_min=15&calendar=jalali&queue=sales');
    expect(reportsSearchFromQuery(`?${reportsPageQuery(search, 'en')}`, today, manager)).toEqual(search);
    // The interval's length only for intervals; an agent instead of a queue.
    const weeks = { ...search, by: 'week' as const, queue: '', agent: 'a1005' };
    expect(reportsPageQuery(weeks, 'en')).toBe('from=2026-12-01&to=2026-12-06&by=week&calendar=jalali&agent=a1005');
    expect(reportsSearchFromQuery(reportsPageQuery(weeks, 'en'), today, manager)).toEqual({ ...weeks, intervalMin: 30 });
  });

  it("leaves the reader's own calendar out of the address, so it follows a change of language", () => {
    const search = { ...defaultReportsSearch(today, { language: 'fa', ownAgent: null }) };
    expect(new URLSearchParams(reportsPageQuery(search, 'fa')).has('calendar')).toBe(false);
    expect(reportsSearchFromQuery(reportsPageQuery(search, 'fa'), today, { language: 'fa', ownAgent: null })).toEqual(search);
    // The same address read in English: Gregorian periods, the same days.
    expect(reportsSearchFromQuery(reportsPageQuery(search, 'fa'), today, manager)).toEqual({ ...search, calendar: 'gregorian' });
    // Chosen otherwise, it is kept.
    expect(new URLSearchParams(reportsPageQuery({ ...search, calendar: 'gregorian' }, 'fa')).get('calendar')).toBe('gregorian');
  });

  it('takes the default for what an edited link gets wrong, and the agent of a link naming both', () => {
    expect(reportsSearchFromQuery('?from=2026-02-30&by=hour&interval_min=20&calendar=julian', today, manager)).toEqual(defaultReportsSearch(today, manager));
    expect(reportsSearchFromQuery('?queue=sales&agent=a1005', today, manager)).toMatchObject({ queue: '', agent: 'a1005' });
    expect(reportsSearchFromQuery('?calendar=jalali', today, manager).calendar).toBe('jalali');
  });

  it("asks the API from the first day's start to the end of the last, never past now", () => {
    const search = { ...defaultReportsSearch(today, manager), queue: 'sales' };
    const later = startOfDay(today + 3);
    const params = new URLSearchParams(reportsApiQuery(search, later, null));
    expect([...params.keys()]).toEqual(['from_ms', 'to_ms', 'by', 'calendar', 'queue']);
    expect(Number(params.get('from_ms'))).toBe(startOfDay(day('2026-11-30')));
    expect(Number(params.get('to_ms'))).toBe(startOfDay(today + 1));
    expect(params.get('queue')).toBe('sales');
    // Today in progress: up to now, so the last period is the one in progress.
    const now = startOfDay(today) + 9 * hourMs;
    expect(new URLSearchParams(reportsApiQuery(search, now, null)).get('to_ms')).toBe(String(now));
    // Days still to come (a clock behind): asked whole.
    expect(new URLSearchParams(reportsApiQuery({ ...search, fromDay: today + 1, toDay: today + 1 }, now, null)).get('to_ms')).toBe(String(startOfDay(today + 2)));
    // An interval report names its length.
    expect(new URLSearchParams(reportsApiQuery({ ...search, by: 'interval', intervalMin: 60 }, now, null)).get('interval_min')).toBe('60');
  });

  it('downloads CSV, Excel and PDF with the same query', () => {
    const query = reportsApiQuery({ ...defaultReportsSearch(today, manager), agent: 'a1005' }, startOfDay(today + 1), null);
    expect(reportDownloadUrl(query, 'csv')).toBe(`/api/v1/reports?${query}&format=csv`);
    expect(reportDownloadUrl(query, 'xlsx')).toBe(`/api/v1/reports?${query}&format=xlsx`);
    expect(reportDownloadUrl(query, 'pdf')).toBe(`/api/v1/reports?${query}&format=pdf`);
  });

  it('counts in Hijri months when asked, kept in the address and asked of the API', () => {
    expect(kCalendars).toContain('hijri');
    const search: ReportsSearch = { ...defaultReportsSearch(today, { language: 'ar', ownAgent: null }), by: 'month', calendar: 'hijri' };
    // Never the default of a language: always written out.
    expect(reportsPageQuery(search, 'ar')).toBe('from=2026-11-30&to=2026-12-06&by=month&calendar=hijri');
    expect(reportsSearchFromQuery(reportsPageQuery(search, 'ar'), today, { language: 'ar', ownAgent: null })).toEqual(search);
    expect(new URLSearchParams(reportsApiQuery(search, startOfDay(today + 1), null)).get('calendar')).toBe('hijri');
  });

  it('refuses a range that ends before it starts, and more intervals than the server cuts', () => {
    const search = defaultReportsSearch(today, manager);
    expect(reportsProblem({ ...search, fromDay: today + 1 })).toBe('recordings.error_dates');
    expect(reportsProblem(search)).toBeNull();
    // 40,000 quarter hours are 416 days and 16 hours.
    const long = { ...search, fromDay: today - 499, by: 'interval' as const, intervalMin: 15 as const };
    expect(reportsProblem(long)).toBe('reports.error_too_many');
    expect(reportsProblem({ ...long, intervalMin: 30 })).toBeNull();
    expect(reportsProblem({ ...long, by: 'day' })).toBeNull();
  });
});

describe("the days on the centre's clock", () => {
  // A browser in UTC, the centre in Tehran (+03:30 all year since 2022): the days begin at
  // Tehran's midnights, 20:30 UTC the day before, not at the browser's.
  const tehran = zoneClock('Asia/Tehran')!;
  beforeAll(() => {
    vi.stubEnv('TZ', 'UTC');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("asks the API from Tehran's midnight of the first day to its midnight after the last", () => {
    const search = defaultReportsSearch(today, manager);
    expect(startOfDay(day('2026-11-30'))).toBe(Date.UTC(2026, 10, 30));
    const params = new URLSearchParams(reportsApiQuery(search, Date.UTC(2026, 11, 9), tehran));
    expect(Number(params.get('from_ms'))).toBe(Date.UTC(2026, 10, 29, 20, 30));
    expect(Number(params.get('to_ms'))).toBe(Date.UTC(2026, 11, 6, 20, 30));
    // Today in progress in Tehran (01:30 on the 6th), still the 5th in the browser: up to now.
    const now = Date.UTC(2026, 11, 5, 22);
    expect(centreDay(now, tehran)).toBe(today);
    expect(dayOfInstant(now)).toBe(today - 1);
    expect(Number(new URLSearchParams(reportsApiQuery(search, now, tehran)).get('to_ms'))).toBe(now);
  });

  it('begins a day the clocks skipped into at the change, as the server cuts it', () => {
    // 22 March 2021: Tehran's clocks went from 00:00 (+03:30) to 01:00 (+04:30).
    expect(centreMidnight(day('2021-03-22'), tehran)).toBe(Date.UTC(2021, 2, 21, 20, 30));
    expect(centreMidnight(day('2021-03-23'), tehran)).toBe(Date.UTC(2021, 2, 22, 19, 30));
    // 21 September 2021, 24:00 (+04:30) became 23:00 (+03:30): the 22nd began an hour later.
    expect(centreMidnight(day('2021-09-22'), tehran)).toBe(Date.UTC(2021, 8, 21, 20, 30));
  });

  it('knows no zone for a fixed offset, nor for a name the browser does not know', () => {
    expect(zoneClock('')).toBeNull();
    expect(zoneClock('Mars/Olympus_Mons')).toBeNull();
  });
});

describe('the form', () => {
  it('offers each period length once, and reads it back', () => {
    for (const choice of kGrainChoices) {
      expect(grainChoice(fromGrainChoice(choice, 30))).toBe(choice);
    }
    expect(fromGrainChoice('interval-15', 30)).toEqual({ by: 'interval', intervalMin: 15 });
    // A day keeps the interval length for when intervals are chosen again.
    expect(fromGrainChoice('day', 60)).toEqual({ by: 'day', intervalMin: 60 });
  });

  it('names the scope as one choice: the centre, a team, a queue or an agent', () => {
    expect(scopeChoice({ queue: '', agent: '' })).toBe('');
    expect(scopeChoice({ queue: 'sales', agent: '' })).toBe('queue:sales');
    expect(scopeChoice({ queue: '', agent: 'a1005' })).toBe('agent:a1005');
    expect(scopeChoice({ queue: '', agent: '', team: 'supervisor' })).toBe('team:supervisor');
    expect(fromScopeChoice('queue:sales')).toEqual({ queue: 'sales', agent: '', team: '' });
    expect(fromScopeChoice('agent:a:b')).toEqual({ queue: '', agent: 'a:b', team: '' });
    expect(fromScopeChoice('team:supervisor')).toEqual({ queue: '', agent: '', team: 'supervisor' });
    expect(fromScopeChoice('')).toEqual({ queue: '', agent: '', team: '' });
  });
});

describe("a supervisor's team", () => {
  const user = (role: Role, username: string, displayName = ''): User => ({
    username, display_name: displayName, role, language: 'en', agent: null, extension: null, queues: [], created_at_ms: 0, last_login_at_ms: null,
  });

  it('is kept in the address and asked of the API as team=<username>', () => {
    const search: ReportsSearch = { ...defaultReportsSearch(today, manager), by: 'week', team: 'supervisor' };
    expect(reportsPageQuery(search, 'en')).toBe('from=2026-11-30&to=2026-12-06&by=week&team=supervisor');
    expect(reportsSearchFromQuery(`?${reportsPageQuery(search, 'en')}`, today, manager)).toEqual(search);
    const params = new URLSearchParams(reportsApiQuery(search, startOfDay(today + 1), null));
    expect([...params.keys()]).toEqual(['from_ms', 'to_ms', 'by', 'calendar', 'team']);
    expect(params.get('team')).toBe('supervisor');
    // A name with characters of its own is escaped, and read back as it was.
    const dotted = { ...search, team: 'sara.k&co' };
    expect(reportsPageQuery(dotted, 'en')).toContain('team=sara.k%26co');
    expect(reportsSearchFromQuery(reportsPageQuery(dotted, 'en'), today, manager).team).toBe('sara.k&co');
  });

  it('gives way to a queue or an agent a link also names, and is left for their rows', () => {
    expect(reportsSearchFromQuery('?team=supervisor&queue=sales', today, manager)).toMatchObject({ team: '', queue: 'sales', agent: '' });
    expect(reportsSearchFromQuery('?team=supervisor&agent=a1005', today, manager)).toMatchObject({ team: '', queue: '', agent: 'a1005' });
    // An agent following a link to a team asks for it (and hears the server's 403), not for their own figures.
    expect(reportsSearchFromQuery('?team=supervisor', today, { language: 'en', ownAgent: 'a1005' })).toMatchObject({ team: 'supervisor', agent: '' });
    const team = { ...defaultReportsSearch(today, manager), team: 'supervisor' };
    expect(drillInto(team, 'queue', 'sales')).toEqual({ ...team, team: '', queue: 'sales' });
    expect(drillInto(team, 'agent', 'a1005')).toEqual({ ...team, team: '', agent: 'a1005' });
  });

  it('is offered to managers for every supervisor, to a supervisor for their own, to no one else', () => {
    expect(teamChoice({ role: 'manager' })).toBe('all');
    expect(teamChoice({ role: 'supervisor' })).toBe('own');
    expect(teamChoice({ role: 'qa' })).toBe('none');
    expect(teamChoice({ role: 'agent' })).toBe('none');
    const users = [user('manager', 'boss', 'Manager'), user('supervisor', 'sara', 'Sara K.'), user('qa', 'qa'), user('supervisor', 'supervisor', '  ')];
    // Named by display name, else username; in the API's order.
    expect(supervisorTeams(users)).toEqual([{ id: 'sara', name: 'Sara K.' }, { id: 'supervisor', name: 'supervisor' }]);
    expect(supervisorName(user('supervisor', 'supervisor', 'Supervisor'))).toBe('Supervisor');
  });
});

describe('drilling down', () => {
  it("opens a queue's or an agent's report over the same days, periods and calendar", () => {
    const search = { ...defaultReportsSearch(today, manager), by: 'week' as const, calendar: 'jalali' as const };
    expect(drillInto(search, 'queue', 'sales')).toEqual({ ...search, queue: 'sales' });
    expect(drillInto({ ...search, queue: 'sales' }, 'agent', 'a1005')).toEqual({ ...search, agent: 'a1005' });
  });

  it("links a period to its calls on the Recordings page: the agent's or queue's, every call, on its days", () => {
    const morning = startOfDay(today) + 8 * hourMs;
    const interval = periodRecordingsLink('agent', 'a1005', { from_ms: morning, to_ms: morning + hourMs / 2 });
    expect(interval).toBe('/recordings?from=2026-12-06&to=2026-12-06&agent=a1005&order=newest');
    const week = periodRecordingsLink('queue', 'sales', { from_ms: startOfDay(day('2026-11-28')), to_ms: startOfDay(day('2026-12-05')) });
    expect(week).toBe('/recordings?from=2026-11-28&to=2026-12-04&queue=sales&order=newest');
    // What the Recordings page reads from it.
    expect(recordingsSearchFromQuery(new URL(week, 'http://x').search, today)).toMatchObject({
      fromDay: day('2026-11-28'), toDay: day('2026-12-04'), queue: 'sales', agent: '', recordedOnly: false,
    });
  });
});

describe('figures', () => {
  const made = figures(1234, 1000, 34, 0.8);
  made.kpis.asa_s = 12.6;
  made.kpis.aht_s = 185;
  made.kpis.abandon_rate = 0.0275;

  it('are written as the wallboard writes them: counts, percentages, m:ss, a dash for no data', () => {
    expect(reportFigures(made, 'en')).toEqual(['1,234', '1,000', '34', '80%', '0:12', '3:05', '2.8%', '–', '–', '–']);
  });

  it('give utilisation in percent and calls per agent-hour with one decimal, beside occupancy', () => {
    const staffed = { counters: made.counters, kpis: { ...made.kpis, occupancy: 0.85, utilisation: 0.625, calls_per_agent_hour: 7 } };
    expect(kReportFigureHeaders.slice(-3)).toEqual(['kpi.occupancy', 'kpi.utilisation', 'kpi.calls_per_agent_hour']);
    expect(reportFigures(staffed, 'en').slice(-3)).toEqual(['85%', '62.5%', '7.0']);
    expect(reportFigures({ ...staffed, kpis: { ...staffed.kpis, calls_per_agent_hour: 12.46 } }, 'fa').slice(-3)).toEqual(['۸۵٪', '۶۲٫۵٪', '۱۲٫۵']);
    expect(reportFigures(staffed, 'ar').at(-1)).toBe('٧٫٠');
  });

  it('are written in Persian digits in Persian, Arabic-Indic in Arabic', () => {
    expect(reportFigures(made, 'fa')).toEqual(['۱٬۲۳۴', '۱٬۰۰۰', '۳۴', '۸۰٪', '۰:۱۲', '۳:۰۵', '۲٫۸٪', '–', '–', '–']);
    expect(reportFigures(made, 'ar')[0]).toBe('١٬٢٣٤');
  });

  it("label periods as the server does, in the reader's digits", () => {
    expect(periodLabel('1405-09-15 08:30', 'fa')).toBe('۱۴۰۵-۰۹-۱۵ ۰۸:۳۰');
    expect(periodLabel('2026-W49', 'fa')).toBe('۲۰۲۶-W۴۹');
    expect(periodLabel('1405-09', 'en')).toBe('1405-09');
    expect(chartPeriodLabel('1405-09-15 08:30', 'en')).toBe('1405-09-15\n08:30');
    // Hijri months and Saturday weeks, as the server writes them.
    expect(periodLabel('1448-06', 'ar')).toBe('١٤٤٨-٠٦');
    expect(periodLabel('1448-06-26', 'fa')).toBe('۱۴۴۸-۰۶-۲۶');
    expect(periodLabel('1448-06', 'en')).toBe('1448-06');
  });

  it('isolate a date or a name inside a sentence, so a Persian word before it does not reorder it', () => {
    // A date has no letters: it takes the page's direction, as in the tables.
    expect(isolated('۱۴۰۵-۰۹-۱۶ ۰۸:۳۰', 'fa')).toBe('\u2067۱۴۰۵-۰۹-۱۶ ۰۸:۳۰\u2069');
    expect(isolated('2026-12-07', 'en')).toBe('\u20662026-12-07\u2069');
    // A name, its first letter's.
    expect(isolated('Agent 1005', 'fa')).toBe('\u2068Agent 1005\u2069');
  });
});

describe('the QA score beside the figures', () => {
  const quality: ReportQuality = {
    evaluations: 1234,
    average: 82.5,
    pass_rate: 75,
    by_agent: { a1005: { evaluations: 12, average: 87.5, pass_rate: 100 }, a1006: { evaluations: 0, average: null, pass_rate: null } },
  };

  it("writes the scope's average and how many evaluations, in the reader's digits", () => {
    expect(qualitySummary(quality, 'en')).toBe('QA score: 82.5% (evaluations: 1,234)');
    expect(qualitySummary(quality, 'fa')).toBe('امتیاز کیفیت: ۸۲٫۵٪ (ارزیابی‌ها: ۱٬۲۳۴)');
    // Arabic's percent sign carries the Arabic letter mark (U+061C), as formatPercent writes it.
    expect(qualitySummary(quality, 'ar')).toBe('درجة الجودة: ٨٢٫٥٪\u061c (التقييمات: ١٬٢٣٤)');
  });

  it('writes a dash without evaluations, and nothing when the server keeps none', () => {
    const none: ReportQuality = { evaluations: 0, average: null, pass_rate: null, by_agent: {} };
    expect(qualitySummary(none, 'en')).toBe('QA score: –');
    expect(qualitySummary(none, 'fa')).toBe('امتیاز کیفیت: –');
    expect(qualitySummary(undefined, 'en')).toBeNull();
  });

  it("gives each agent their average, the count in the hint, a dash for an agent with none", () => {
    expect(agentQuality(quality, 'a1005', 'en')).toEqual({ text: '87.5%', hint: 'Evaluations: 12', evaluations: 12 });
    expect(agentQuality(quality, 'a1005', 'fa')).toEqual({ text: '۸۷٫۵٪', hint: 'ارزیابی‌ها: ۱۲', evaluations: 12 });
    expect(agentQuality(quality, 'a1006', 'en')).toEqual({ text: '–', hint: 'Evaluations: 0', evaluations: 0 });
    // Not in by_agent (no evaluations), nor a name an object has of itself.
    expect(agentQuality(quality, 'a1009', 'ar')).toEqual({ text: '–', hint: 'التقييمات: ٠', evaluations: 0 });
    expect(agentQuality(quality, 'constructor', 'en').text).toBe('–');
  });
});

describe('the charts', () => {
  const start = startOfDay(today);
  const report: Pick<PeriodReport, 'by' | 'periods'> = {
    by: 'day',
    periods: [period('1405-09-14', start - 24 * hourMs, start, figures(10, 8, 2, 0.75)), period('1405-09-15', start, start + 24 * hourMs, figures(0, 0, 0, null))],
  };

  it('draw the periods: offered, answered and abandoned bars and the service level on its own axis', () => {
    const option = periodsChartOption(report, 'en');
    expect(option.series.map((s) => [s.name, s.type])).toEqual([
      ['Offered', 'bar'],
      ['Answered', 'bar'],
      ['Abandoned', 'bar'],
      ['Service level', 'line'],
    ]);
    expect(option.series[0]!.data).toEqual([10, 0]);
    expect(option.series[3]!.data).toEqual([0.75, null]);
    expect(option.series[3]).toMatchObject({ yAxisIndex: 1 });
    expect(option.xAxis.data).toEqual(['1405-09-14', '1405-09-15']);
    expect(option.xAxis.inverse).toBe(false);
    expect(option.series[3]!.tooltip.valueFormatter(0.75)).toBe('75%');
  });

  it('label every period of a week, and every so many of a long report', () => {
    expect(periodsChartOption(report, 'en').xAxis.axisLabel).toMatchObject({ interval: 0 });
    const week = Array.from({ length: 7 * 96 }, (_, i) => period(`q${i}`, start + i * 900_000, start + (i + 1) * 900_000, figures(0, 0, 0, null)));
    expect(periodsChartOption({ by: 'interval', periods: week }, 'en').xAxis.axisLabel).toMatchObject({ interval: 67 });
  });

  it('run from the right in Persian, with Persian names, labels and digits', () => {
    const option = periodsChartOption({ ...report, by: 'interval', periods: [period('1405-09-15 08:30', start, start + hourMs / 2, figures(3, 3, 0, 1))] }, 'fa');
    expect(option.xAxis.inverse).toBe(true);
    expect(option.yAxis[0]!.position).toBe('right');
    expect(option.series[1]!.name).toBe('پاسخ‌داده');
    expect(option.xAxis.data).toEqual(['۱۴۰۵-۰۹-۱۵\n۰۸:۳۰']);
    expect(option.yAxis[0]!.axisLabel.formatter(12)).toBe('۱۲');
    expect(option.yAxis[1]!.axisLabel.formatter(0.5)).toBe('۵۰٪');
    expect(option.series[0]!.tooltip.valueFormatter(1234)).toBe('۱٬۲۳۴');
  });

  it('rank agents by answered calls, named, the first 20 at most', () => {
    const agents = Array.from({ length: 25 }, (_, i) => ranked(`a${1000 + i}`, 30 - i));
    const option = agentsChartOption(agents, 'en', (id) => `Agent ${id.slice(1)}`);
    expect(option.xAxis.data).toHaveLength(20);
    expect(option.xAxis.data[0]).toBe('Agent 1000');
    expect(option.series[0]!.data.slice(0, 3)).toEqual([30, 29, 28]);
    expect(option.series[0]!.name).toBe('Answered');
    expect(agentsChartOption(agents.slice(0, 2), 'en', (id) => id, 1).xAxis.data).toEqual(['a1000']);
  });

  it('rank agents from the right in Persian, in Persian digits', () => {
    const option = agentsChartOption([ranked('a1005', 12)], 'fa', (id) => id);
    expect(option.xAxis.inverse).toBe(true);
    expect(option.yAxis.position).toBe('right');
    expect(option.yAxis.axisLabel.formatter(12)).toBe('۱۲');
    expect(option.tooltip.valueFormatter(12)).toBe('۱۲');
  });
});
