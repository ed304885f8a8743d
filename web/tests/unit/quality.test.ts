import { afterEach, describe, expect, it } from 'vitest';
import { qualityReportCsvUrl } from '../../src/api/endpoints';
import type { QualityReport, QualityReportRow } from '../../src/api/types';
import { dayFromIso, startOfDay } from '../../src/format/calendar';
import { setLanguage } from '../../src/i18n/i18n';
import { qualityChartOption } from '../../src/pages/quality_chart_options';
import { reportKeyLabel } from '../../src/pages/quality_key_label';
import {
  defaultReportSearch,
  drillIntoAgent,
  recordingsLink,
  reportApiQuery,
  reportPageQuery,
  reportProblem,
  reportSearchFromQuery,
} from '../../src/pages/quality_report_query';
import { defaultSampleSearch, sampleApiQuery } from '../../src/pages/quality_sample_query';

// The Quality page's pure parts: the report kept in the address and asked of the API (and
// the CSV link with the same query), an agent's row opened into their calls, the call links to
// the Recordings page, the "To evaluate" request, and the chart.

const day = (iso: string) => dayFromIso(iso)!;
const today = day('2025-03-21');

afterEach(() => setLanguage('en'));

describe('the report query', () => {
  it('opens on the last 31 days, by agent, unfiltered', () => {
    expect(defaultReportSearch(today)).toEqual({ fromDay: day('2025-02-19'), toDay: today, by: 'agent', agent: '', queue: '', scorecard: '' });
  });

  it('asks the API from the first day\'s start to the end of the last, with the filters given', () => {
    const search = { ...defaultReportSearch(today), by: 'queue' as const, scorecard: 'care', agent: '' };
    const params = new URLSearchParams(reportApiQuery(search));
    expect([...params.keys()]).toEqual(['from_ms', 'to_ms', 'by', 'scorecard']);
    expect(Number(params.get('from_ms'))).toBe(startOfDay(day('2025-02-19')));
    expect(Number(params.get('to_ms'))).toBe(startOfDay(day('2025-03-22')));
    expect(params.get('by')).toBe('queue');
    expect(params.get('scorecard')).toBe('care');
  });

  it('downloads the CSV with the same query', () => {
    const query = reportApiQuery({ ...defaultReportSearch(today), agent: 'a1005' });
    expect(qualityReportCsvUrl(query)).toBe(`/api/v1/quality/report?${query}&format=csv`);
  });

  it('keeps the report in the address and reads it back', () => {
    const search = { fromDay: day('2025-03-01'), toDay: day('2025-03-15'), by: 'call' as const, agent: 'a1005', queue: 'sales', scorecard: '' };
    expect(reportPageQuery(search)).toBe('from=2025-03-01&to=2025-03-15&by=call&agent=a1005&queue=sales');
    expect(reportSearchFromQuery(`?${reportPageQuery(search)}`, today)).toEqual(search);
  });

  it('takes the default for what an edited link gets wrong', () => {
    expect(reportSearchFromQuery('?from=2025-02-30&by=team&agent=a1', today)).toEqual({ ...defaultReportSearch(today), agent: 'a1' });
    expect(reportSearchFromQuery('', today)).toEqual(defaultReportSearch(today));
  });

  it('refuses a period that ends before it starts', () => {
    expect(reportProblem({ ...defaultReportSearch(today), fromDay: today + 1 })).toBe('recordings.error_dates');
    expect(reportProblem(defaultReportSearch(today))).toBeNull();
  });

  it("opens an agent's row into their calls, over the same period and filters", () => {
    const search = { ...defaultReportSearch(today), queue: 'sales' };
    expect(drillIntoAgent(search, 'a1005')).toEqual({ ...search, by: 'call', agent: 'a1005' });
  });

  it('links a call to the Recordings page, its id escaped', () => {
    expect(recordingsLink('c17')).toBe('/recordings?call=c17');
    expect(recordingsLink('a&b c')).toBe('/recordings?call=a%26b+c');
  });
});

describe('report keys', () => {
  const agents = new Map([['a1005', 'Agent 1005']]);
  const cards = new Map([['care', 'Customer care']]);

  it("name agents and scorecards, and a section's scorecard", () => {
    expect(reportKeyLabel('agent', 'a1005', agents, cards)).toBe('Agent 1005');
    expect(reportKeyLabel('scorecard', 'care', agents, cards)).toBe('Customer care');
    expect(reportKeyLabel('section', 'care: Opening: greeting', agents, cards)).toBe('Customer care: Opening: greeting');
  });

  it('keep what the page has no name for, and queues, analysts and calls, as the server gives them', () => {
    expect(reportKeyLabel('agent', 'a9', agents, cards)).toBe('a9');
    expect(reportKeyLabel('section', 'old-card: Close', agents, cards)).toBe('old-card: Close');
    expect(reportKeyLabel('queue', 'care', agents, cards)).toBe('care');
    expect(reportKeyLabel('call', 'c17', agents, cards)).toBe('c17');
  });
});

describe('the "To evaluate" query', () => {
  it('asks for 3 random calls per agent over the last 7 days', () => {
    const params = new URLSearchParams(sampleApiQuery(defaultSampleSearch(today)));
    expect(Object.fromEntries(params)).toEqual({
      from_ms: String(startOfDay(day('2025-03-15'))),
      to_ms: String(startOfDay(day('2025-03-22'))),
      per_agent: '3',
      rule: 'random',
    });
  });

  it('sends the rule, the agent and a count kept within 1 to 10', () => {
    const search = { ...defaultSampleSearch(today), rule: 'long-hold' as const, agent: 'a1005', perAgent: 25 };
    const params = new URLSearchParams(sampleApiQuery(search));
    expect([params.get('rule'), params.get('agent'), params.get('per_agent')]).toEqual(['long-hold', 'a1005', '10']);
    expect(new URLSearchParams(sampleApiQuery({ ...search, perAgent: 0 })).get('per_agent')).toBe('1');
  });
});

const row = (key: string, average: number | null, passRate: number | null): QualityReportRow => ({
  key, evaluations: 2, average, lowest: average, highest: average, spread: 0, passed: 1, pass_rate: passRate, critical_failures: 0, disputed: 0,
});
const report: QualityReport = { by: 'agent', from_ms: 0, to_ms: 1, evaluations: 4, rows: [row('a1001', 87.5, 50), row('a1002', null, 0)] };

describe('the report chart', () => {
  it('draws the average as bars and the pass rate as a line, on one 0-100 axis, labelled as the table', () => {
    const option = qualityChartOption(report, 'en', (key) => `Agent ${key.slice(1)}`);
    expect(option.series.map((s) => [s.name, s.type])).toEqual([
      ['Average score', 'bar'],
      ['Pass rate', 'line'],
    ]);
    expect(option.series[0]!.data).toEqual([87.5, null]);
    expect(option.series[1]!.data).toEqual([50, 0]);
    expect(option.xAxis.data).toEqual(['Agent 1001', 'Agent 1002']);
    expect([option.yAxis.min, option.yAxis.max]).toEqual([0, 100]);
    expect(option.yAxis.axisLabel.formatter(80)).toBe('80%');
    expect(option.tooltip.valueFormatter(87.5)).toBe('87.5%');
    expect(option.tooltip.valueFormatter(null)).toBe('–');
  });

  it('runs from the right in Persian, with Persian names and digits', () => {
    const option = qualityChartOption(report, 'fa', (key) => key);
    expect(option.xAxis.inverse).toBe(true);
    expect(option.yAxis.position).toBe('right');
    expect(option.series[1]!.name).toBe('نرخ قبولی');
    expect(option.yAxis.axisLabel.formatter(50)).toBe('۵۰٪');
    expect(option.tooltip.valueFormatter(87.5)).toBe('۸۷٫۵٪');
  });

  it('runs from the left in English', () => {
    const option = qualityChartOption(report, 'en', (key) => key);
    expect(option.xAxis.inverse).toBe(false);
    expect(option.yAxis.position).toBe('left');
  });
});
