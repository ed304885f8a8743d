import type { ReportGroupBy } from '../api/types';
import { dayFromIso, isoFromDay, startOfDay } from '../format/calendar';
import { msg, type MessageKey } from '../i18n/messages';

// The Quality page's report, kept in the page's address (/quality?from=...&by=call&agent=...)
// so a reload, a language change or a link to a colleague shows the same figures, and turned
// into the API's query (docs/api.md GET /api/v1/quality/report). Pure: no DOM, no clock.

export const kGroupBys: readonly ReportGroupBy[] = ['agent', 'queue', 'evaluator', 'scorecard', 'section', 'call'];

/** Days before today the report starts at first: today and the 30 before it are the 31 days
 *  the API reports on by default. */
export const kReportDefaultDays = 30;

export interface ReportSearch {
  /** First and last day reported (days since 1970-01-01, in the browser's time zone). */
  fromDay: number;
  toDay: number;
  by: ReportGroupBy;
  /** Filters; '' for all. */
  agent: string;
  queue: string;
  scorecard: string;
}

/** What the page opens with: the last 31 days, by agent, everyone. */
export function defaultReportSearch(today: number): ReportSearch {
  return { fromDay: today - kReportDefaultDays, toDay: today, by: 'agent', agent: '', queue: '', scorecard: '' };
}

function isGroupBy(value: string | null): value is ReportGroupBy {
  return (kGroupBys as readonly (string | null)[]).includes(value);
}

/** The report in an address's query string (reportPageQuery's form); what is missing or
 *  wrong takes the default, so an edited or old link still opens. */
export function reportSearchFromQuery(query: string, today: number): ReportSearch {
  const params = new URLSearchParams(query);
  const search = defaultReportSearch(today);
  const by = params.get('by');
  return {
    fromDay: dayFromIso(params.get('from') ?? '') ?? search.fromDay,
    toDay: dayFromIso(params.get('to') ?? '') ?? search.toDay,
    by: isGroupBy(by) ? by : search.by,
    agent: params.get('agent') ?? '',
    queue: params.get('queue') ?? '',
    scorecard: params.get('scorecard') ?? '',
  };
}

/** The filters, in the API's names; empty ones left out. */
function filters(search: ReportSearch): [string, string][] {
  const named: [string, string][] = [
    ['agent', search.agent],
    ['queue', search.queue],
    ['scorecard', search.scorecard],
  ];
  return named.filter(([, value]) => value !== '');
}

/** The page's own query string (without "?"): days as ISO dates. */
export function reportPageQuery(search: ReportSearch): string {
  return new URLSearchParams([['from', isoFromDay(search.fromDay)], ['to', isoFromDay(search.toDay)], ['by', search.by], ...filters(search)]).toString();
}

/** The API's query string (without "?"): the days become the instants they begin and end in
 *  the browser's time zone, the last day included. The CSV link adds format=csv to it. */
export function reportApiQuery(search: ReportSearch): string {
  return new URLSearchParams([
    ['from_ms', String(startOfDay(search.fromDay))],
    ['to_ms', String(startOfDay(search.toDay + 1))],
    ['by', search.by],
    ...filters(search),
  ]).toString();
}

/** What is wrong with a report before it is asked for, as a message key; null when nothing. */
export function reportProblem(search: ReportSearch): MessageKey | null {
  return search.fromDay > search.toDay ? msg('recordings.error_dates') : null;
}

/** An agent's row opened up: the same period, each of the agent's calls, so QA sees which
 *  calls pulled the average down and where analysts disagree. */
export function drillIntoAgent(search: ReportSearch, agent: string): ReportSearch {
  return { ...search, by: 'call', agent };
}

/** Where a call opens on the Recordings page (recordings.ts reads `call` from the address). */
export function recordingsLink(call: string): string {
  return `/recordings?${new URLSearchParams([['call', call]]).toString()}`;
}
