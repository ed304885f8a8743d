import type { Language, ReportCalendar, ReportGrain, ReportIntervalMin, ReportPeriod, ReportScopeKind } from '../api/types';
import { dayFromIso, dayOfInstant, isoFromDay, startOfDay } from '../format/calendar';
import { centreMidnight, type CentreClock } from '../format/centre_clock';
import { msg, type MessageKey } from '../i18n/messages';
import { defaultSearch as defaultRecordSearch, pageQuery as recordsPageQuery } from './recordings_query';

// The Reports page's report, kept in the page's address (/reports?from=...&by=day&queue=...)
// so a reload, Back or a link to a colleague shows the same figures, and turned into the
// API's query (docs/api.md GET /api/v1/reports). Pure: no DOM; the clock comes in as a value.

export const kGrains: readonly ReportGrain[] = ['interval', 'day', 'week', 'month', 'year'];
export const kIntervalMins: readonly ReportIntervalMin[] = [15, 30, 60];
export const kCalendars: readonly ReportCalendar[] = ['jalali', 'gregorian', 'hijri'];

/** Days before today the report starts at first: today and the 6 before it, the 7 days the
 *  API reports on by default. */
export const kReportsDefaultDays = 6;

/** The most periods the server cuts a report into (docs/api.md). */
export const kMaxPeriods = 40_000;

export interface ReportsSearch {
  /** First and last day reported (days since 1970-01-01): calendar days, begun at the
   *  centre's midnights once the page knows its zone (reportsApiQuery). */
  fromDay: number;
  toDay: number;
  by: ReportGrain;
  /** The interval's length, used when `by` is 'interval'. */
  intervalMin: ReportIntervalMin;
  calendar: ReportCalendar;
  /** Whose figures: a queue, an agent, a supervisor's team (their username; at most one of
   *  the three), else the whole centre. */
  queue: string;
  agent: string;
  team: string;
}

/** What the page opens with, for whom it opens. */
export interface ReportsDefaults {
  /** The reader's language: Persian readers count in the Jalali calendar (as the server). */
  language: Language;
  /** The reader's own agent when they are an agent (their report is their own figures), else
   *  null (the whole centre). */
  ownAgent: string | null;
}

/** Jalali for a Persian reader, Gregorian otherwise: the server's default too (Hijri is
 *  only ever chosen). */
export function defaultCalendar(language: Language): ReportCalendar {
  return language === 'fa' ? 'jalali' : 'gregorian';
}

/** The last 7 days by day, in the reader's calendar; the centre, or an agent's own figures. */
export function defaultReportsSearch(today: number, defaults: ReportsDefaults): ReportsSearch {
  return {
    fromDay: today - kReportsDefaultDays,
    toDay: today,
    by: 'day',
    intervalMin: 30,
    calendar: defaultCalendar(defaults.language),
    queue: '',
    agent: defaults.ownAgent ?? '',
    team: '',
  };
}

function oneOf<T extends string | number>(choices: readonly T[], value: string | null): T | null {
  return choices.find((choice) => String(choice) === value) ?? null;
}

/** The report in an address's query string (reportsPageQuery's form); what is missing or
 *  wrong takes the default, so an edited or old link still opens. A link naming more than one
 *  of an agent, a queue and a team (the server takes one) keeps the narrowest: the agent,
 *  else the queue. */
export function reportsSearchFromQuery(query: string, today: number, defaults: ReportsDefaults): ReportsSearch {
  const params = new URLSearchParams(query);
  const search = defaultReportsSearch(today, defaults);
  const agent = params.get('agent') ?? '';
  const queue = agent ? '' : (params.get('queue') ?? '');
  const team = agent || queue ? '' : (params.get('team') ?? '');
  return {
    fromDay: dayFromIso(params.get('from') ?? '') ?? search.fromDay,
    toDay: dayFromIso(params.get('to') ?? '') ?? search.toDay,
    by: oneOf(kGrains, params.get('by')) ?? search.by,
    intervalMin: oneOf(kIntervalMins, params.get('interval_min')) ?? search.intervalMin,
    calendar: oneOf(kCalendars, params.get('calendar')) ?? search.calendar,
    queue,
    agent: agent || queue || team ? agent : search.agent,
    team,
  };
}

/** The period, calendar and scope, in the API's names; the interval's length only for
 *  intervals, the calendar unless `defaultCalendar` is given and it is that one, the scope
 *  only when it is not the centre. */
function shared(search: ReportsSearch, defaultCalendar: ReportCalendar | null): [string, string][] {
  const out: [string, string][] = [['by', search.by]];
  if (search.by === 'interval') {
    out.push(['interval_min', String(search.intervalMin)]);
  }
  if (search.calendar !== defaultCalendar) {
    out.push(['calendar', search.calendar]);
  }
  if (search.agent) {
    out.push(['agent', search.agent]);
  } else if (search.queue) {
    out.push(['queue', search.queue]);
  } else if (search.team) {
    out.push(['team', search.team]);
  }
  return out;
}

/** The page's own query string (without "?"): days as ISO dates; the calendar only when it
 *  is not the one of `language` (reportsSearchFromQuery's default), so a reader who changes
 *  language gets their calendar unless they chose another. */
export function reportsPageQuery(search: ReportsSearch, language: Language): string {
  return new URLSearchParams([
    ['from', isoFromDay(search.fromDay)],
    ['to', isoFromDay(search.toDay)],
    ...shared(search, defaultCalendar(language)),
  ]).toString();
}

/** The API's query string (without "?"): the days become the instants they begin and end on
 *  `clock`, the centre's (its local midnights, where the server cuts its days), or in the
 *  browser's time zone while the centre's is not known (null); the last day included, but
 *  never past `nowMs`: the server gives the periods holding that span, so today's report ends
 *  with the period in progress rather than the empty ones after it. The download links add
 *  format= to it. */
export function reportsApiQuery(search: ReportsSearch, nowMs: number, clock: CentreClock | null): string {
  const midnight = (day: number) => (clock ? centreMidnight(day, clock) : startOfDay(day));
  const from = midnight(search.fromDay);
  const end = midnight(search.toDay + 1);
  const to = nowMs > from ? Math.min(end, nowMs) : end;
  return new URLSearchParams([['from_ms', String(from)], ['to_ms', String(to)], ...shared(search, null)]).toString();
}

/** What is wrong with a report before it is asked for, as a message key; null when nothing. */
export function reportsProblem(search: ReportsSearch): MessageKey | null {
  if (search.fromDay > search.toDay) {
    return msg('recordings.error_dates');
  }
  const days = search.toDay - search.fromDay + 1;
  if (search.by === 'interval' && (days * 24 * 60) / search.intervalMin > kMaxPeriods) {
    return msg('reports.error_too_many');
  }
  return null;
}

/** The form's one choice of period length: an interval's minutes ("interval-15") or a grain. */
export type GrainChoice = 'interval-15' | 'interval-30' | 'interval-60' | Exclude<ReportGrain, 'interval'>;

export const kGrainChoices: readonly GrainChoice[] = ['interval-15', 'interval-30', 'interval-60', 'day', 'week', 'month', 'year'];

export function grainChoice(search: Pick<ReportsSearch, 'by' | 'intervalMin'>): GrainChoice {
  return search.by === 'interval' ? `interval-${search.intervalMin}` : search.by;
}

/** The grain (and interval length) of a choice; an interval choice keeps `intervalMin` for
 *  the others. */
export function fromGrainChoice(choice: GrainChoice, intervalMin: ReportIntervalMin): Pick<ReportsSearch, 'by' | 'intervalMin'> {
  const minutes = /^interval-(\d+)$/.exec(choice);
  if (minutes) {
    return { by: 'interval', intervalMin: oneOf(kIntervalMins, minutes[1]!) ?? intervalMin };
  }
  return { by: choice as ReportGrain, intervalMin };
}

/** The scopes a report's row opens: its queues and its agents. */
export type DrillKind = Extract<ReportScopeKind, 'queue' | 'agent'>;

/** The form's one choice of scope: '' the centre, "queue:<id>", "agent:<id>" or
 *  "team:<username>" (the Attendance page's form has no teams). */
export function scopeChoice(search: Pick<ReportsSearch, 'queue' | 'agent'> & Partial<Pick<ReportsSearch, 'team'>>): string {
  return search.agent ? `agent:${search.agent}` : search.queue ? `queue:${search.queue}` : search.team ? `team:${search.team}` : '';
}

export function fromScopeChoice(choice: string): Pick<ReportsSearch, 'queue' | 'agent' | 'team'> {
  const colon = choice.indexOf(':');
  const [kind, id] = colon < 0 ? ['', ''] : [choice.slice(0, colon), choice.slice(colon + 1)];
  return { queue: kind === 'queue' ? id : '', agent: kind === 'agent' ? id : '', team: kind === 'team' ? id : '' };
}

/** A queue's or an agent's row opened: the same days, periods and calendar, for them. */
export function drillInto(search: ReportsSearch, kind: DrillKind, id: string): ReportsSearch {
  return { ...search, queue: kind === 'queue' ? id : '', agent: kind === 'agent' ? id : '', team: '' };
}

/** The Recordings page (recordings_query.ts) with an agent's or a queue's calls on the days
 *  of a period (in the browser's time zone: that page searches by day), every finished call,
 *  recorded or not. */
export function periodRecordingsLink(kind: DrillKind, id: string, period: Pick<ReportPeriod, 'from_ms' | 'to_ms'>): string {
  const fromDay = dayOfInstant(period.from_ms);
  const search = {
    ...defaultRecordSearch(fromDay),
    fromDay,
    toDay: Math.max(fromDay, dayOfInstant(period.to_ms - 1)),
    recordedOnly: false,
    agent: kind === 'agent' ? id : '',
    queue: kind === 'queue' ? id : '',
  };
  return `/recordings?${recordsPageQuery(search)}`;
}
