import type { Language } from '../api/types';
import { dayFromIso, isoFromDay, startOfDay } from '../format/calendar';
import { msg, type MessageKey } from '../i18n/messages';
import { defaultCalendar } from './reports_query';

// The Attendance page's question, kept in the page's address (/attendance?from=...&queue=...)
// so a reload, Back or a link to a colleague shows the same days, and turned into the API's
// query (docs/api.md GET /api/v1/attendance). Pure: no DOM; the clock comes in as a value.

/** Days before today the page starts at first: today and the 6 before it, the 7 days the API
 *  answers by default. */
export const kAttendanceDefaultDays = 6;

/** The most days the server reads at once (docs/api.md). */
export const kMaxAttendanceDays = 366;

export interface AttendanceSearch {
  /** First and last day (days since 1970-01-01, picked in the browser's time zone). */
  fromDay: number;
  toDay: number;
  /** Whose days: a queue's members, an agent (at most one of the two), else every agent the
   *  reader may read. */
  queue: string;
  agent: string;
}

/** The last 7 days of every agent the reader may read; an agent's own. */
export function defaultAttendanceSearch(today: number, ownAgent: string | null): AttendanceSearch {
  return { fromDay: today - kAttendanceDefaultDays, toDay: today, queue: '', agent: ownAgent ?? '' };
}

/** The search in an address's query string (attendancePageQuery's form); what is missing or
 *  wrong takes the default, so an edited or old link still opens. A link naming both a queue
 *  and an agent keeps the agent. An agent's page is always their own days (the server refuses
 *  them anyone else's), whatever the link says. */
export function attendanceSearchFromQuery(query: string, today: number, ownAgent: string | null): AttendanceSearch {
  const params = new URLSearchParams(query);
  const search = defaultAttendanceSearch(today, ownAgent);
  const agent = params.get('agent') ?? '';
  return {
    fromDay: dayFromIso(params.get('from') ?? '') ?? search.fromDay,
    toDay: dayFromIso(params.get('to') ?? '') ?? search.toDay,
    queue: ownAgent !== null || agent ? '' : (params.get('queue') ?? ''),
    agent: ownAgent ?? agent,
  };
}

/** Whose days, in the API's names: nothing for every agent. */
function scope(search: AttendanceSearch): [string, string][] {
  if (search.agent) {
    return [['agent', search.agent]];
  }
  return search.queue ? [['queue', search.queue]] : [];
}

/** The page's own query string (without "?"): days as ISO dates, then whose. */
export function attendancePageQuery(search: AttendanceSearch): string {
  return new URLSearchParams([['from', isoFromDay(search.fromDay)], ['to', isoFromDay(search.toDay)], ...scope(search)]).toString();
}

/** The API's query string (without "?"): the days become the instants they begin and end in
 *  the browser's time zone, the last day included but never past `nowMs` (the server answers
 *  the centre's days holding that span, so today is the last one rather than days to come);
 *  the days are labelled in the reader's calendar (Jalali in Persian). The download links add
 *  format= to it. */
export function attendanceApiQuery(search: AttendanceSearch, nowMs: number, language: Language): string {
  const from = startOfDay(search.fromDay);
  const end = startOfDay(search.toDay + 1);
  const to = nowMs > from ? Math.min(end, nowMs) : end;
  return new URLSearchParams([
    ['from_ms', String(from)],
    ['to_ms', String(to)],
    ['calendar', defaultCalendar(language)],
    ...scope(search),
  ]).toString();
}

/** What is wrong with a search before it is asked for, as a message key; null when nothing. */
export function attendanceProblem(search: AttendanceSearch): MessageKey | null {
  if (search.fromDay > search.toDay) {
    return msg('recordings.error_dates');
  }
  if (search.toDay - search.fromDay + 1 > kMaxAttendanceDays) {
    return msg('attendance.error_too_long');
  }
  return null;
}
