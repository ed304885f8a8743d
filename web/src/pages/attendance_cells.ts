import type { AttendanceCorrection, AttendanceDay, AttendanceShift, AttendanceState, Language } from '../api/types';
import type { CentreClock } from '../format/centre_clock';
import { formatInteger, formatSeconds, kNoData, localizeDigits } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { isolated } from './report_figures';
import { centreDateTime, dayInstantText, weekdayText } from './attendance_time';

// An agent's days as the Attendance table writes them, in the reader's language, digits and
// calendar: a cell per column, with the colour of what needs a look (late, absent) and, for a
// corrected day, who corrected it, when and why. Pure: the language, the clock and the names
// come in.

export type AttendanceColumn =
  | 'agent'
  | 'day'
  | 'sessions'
  | 'first_login'
  | 'last_logout'
  | 'logged_in'
  | 'available'
  | 'on_call'
  | 'wrap_up'
  | 'paused'
  | 'not_ready'
  | 'pauses'
  | 'shift'
  | 'late'
  | 'left_early'
  | 'absent'
  | 'corrected';

/** The table's columns in order, each with its heading. */
export const kAttendanceColumns: readonly { column: AttendanceColumn; header: MessageKey }[] = [
  { column: 'agent', header: msg('call.agent') },
  { column: 'day', header: msg('attendance.day') },
  { column: 'sessions', header: msg('attendance.sessions') },
  { column: 'first_login', header: msg('attendance.first_login') },
  { column: 'last_logout', header: msg('attendance.last_logout') },
  { column: 'logged_in', header: msg('attendance.logged_in') },
  { column: 'available', header: msg('agent_state.available') },
  { column: 'on_call', header: msg('agent_state.on_call') },
  { column: 'wrap_up', header: msg('agent_state.wrap_up') },
  { column: 'paused', header: msg('agent_state.paused') },
  { column: 'not_ready', header: msg('agent_state.not_ready') },
  { column: 'pauses', header: msg('attendance.pauses') },
  { column: 'shift', header: msg('attendance.shift') },
  { column: 'late', header: msg('attendance.late') },
  { column: 'left_early', header: msg('attendance.left_early') },
  { column: 'absent', header: msg('attendance.absent') },
  { column: 'corrected', header: msg('attendance.corrected') },
];

/** The state columns and the API's names for them (ringing is left out, as in the CSV). */
const kStateColumns: readonly [AttendanceColumn, AttendanceState][] = [
  ['available', 'available'],
  ['on_call', 'on-call'],
  ['wrap_up', 'wrap-up'],
  ['paused', 'paused'],
  ['not_ready', 'not-ready'],
];

export type CellTone = 'red' | 'amber' | '';

/** One cell: its text, a second small line (the weekday, a correction's reason), a tooltip,
 *  and the colour of something to look at. */
export interface AttendanceCell {
  column: AttendanceColumn;
  text: string;
  note: string;
  title: string;
  tone: CellTone;
  /** A figure (durations, counts): set in tabular digits. */
  num: boolean;
}

/** What the page needs besides the day. */
export interface CellContext {
  language: Language;
  clock: CentreClock;
  nowMs: number;
  agentName(id: string): string;
  /** A pause reason's name in `language` ("Lunch", "ناهار"; a reason the page does not know,
   *  as configured). */
  reasonLabel(reason: string): string;
}

function cell(column: AttendanceColumn, text: string, extra: Partial<Omit<AttendanceCell, 'column' | 'text'>> = {}): AttendanceCell {
  return { column, text, note: '', title: '', tone: '', num: false, ...extra };
}

/** "Lunch 30:00, Training 15:00": time paused by reason, the longest first (then by name),
 *  reasons without time left out; "–" for none. */
export function pausesText(pauses: Record<string, number>, language: Language, reasonLabel: (reason: string) => string): string {
  const listed = Object.entries(pauses)
    .filter(([, seconds]) => seconds > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  if (listed.length === 0) {
    return kNoData;
  }
  return listed.map(([reason, seconds]) => `${reasonLabel(reason)} ${formatSeconds(seconds, language)}`).join(translate(language, 'schedules.list_separator'));
}

/** "08:00–16:00" in the reader's digits, kept in that order in a right-to-left line; "–"
 *  without a shift. */
export function shiftText(shift: AttendanceShift | null, language: Language): string {
  return shift === null ? kNoData : isolated(localizeDigits(`${shift.start}–${shift.end}`, language), language);
}

/** "By manager on 1405/09/15 10:20: forgot to log in" — who corrected the day, when (the
 *  centre's clock) and why. */
export function correctionText(correction: AttendanceCorrection, clock: CentreClock, language: Language): string {
  return translate(language, 'attendance.correction_note', {
    by: isolated(correction.by, language),
    time: isolated(centreDateTime(correction.at_ms, clock, language), language),
    reason: correction.reason,
  });
}

/** A late start or an early leave: "–" without a shift or a login, the time otherwise, in
 *  `tone` when there is any. */
function shortfall(column: AttendanceColumn, seconds: number | null, language: Language, tone: CellTone): AttendanceCell {
  return cell(column, seconds === null ? kNoData : formatSeconds(seconds, language), { num: true, tone: seconds !== null && seconds > 0 ? tone : '' });
}

/** The first login and last logout that count: a correction's where the day was corrected
 *  (it replaces them, docs/api.md), else the ones logged. */
export function effectiveTimes(day: AttendanceDay): { login: number | null; logout: number | null } {
  return day.correction
    ? { login: day.correction.login_ms, logout: day.correction.logout_ms }
    : { login: day.first_login_ms, logout: day.last_logout_ms };
}

/** The last logout; "Still logged in" for a day in progress whose agent has not logged out. */
function lastLogout(day: AttendanceDay, context: CellContext): AttendanceCell {
  const { language, clock, nowMs } = context;
  const { login, logout } = effectiveTimes(day);
  if (logout === null && (login !== null || day.logged_in_s > 0) && nowMs < day.to_ms) {
    return cell('last_logout', translate(language, 'attendance.still_logged_in'), { tone: 'amber' });
  }
  return cell('last_logout', dayInstantText(logout, day, clock, language), { num: true });
}

/** The day's cells in kAttendanceColumns' order. */
export function attendanceCells(day: AttendanceDay, context: CellContext): AttendanceCell[] {
  const { language, clock } = context;
  const duration = (column: AttendanceColumn, seconds: number | undefined) => cell(column, formatSeconds(seconds ?? 0, language), { num: true });
  const corrected = day.correction ? correctionText(day.correction, clock, language) : '';
  return [
    cell('agent', context.agentName(day.agent)),
    cell('day', localizeDigits(day.day, language), { note: weekdayText(day, clock, language), num: true }),
    cell('sessions', formatInteger(day.sessions, language), { num: true }),
    cell('first_login', dayInstantText(effectiveTimes(day).login, day, clock, language), { num: true }),
    lastLogout(day, context),
    duration('logged_in', day.logged_in_s),
    ...kStateColumns.map(([column, state]) => duration(column, day.states_s[state])),
    cell('pauses', pausesText(day.pauses_s, language, context.reasonLabel)),
    cell('shift', shiftText(day.shift, language), { num: true }),
    shortfall('late', day.late_s, language, 'red'),
    shortfall('left_early', day.left_early_s, language, 'amber'),
    cell('absent', day.absent ? translate(language, 'attendance.absent') : '', { tone: day.absent ? 'red' : '' }),
    cell('corrected', day.correction ? translate(language, 'attendance.corrected') : '', { note: corrected, title: corrected }),
  ];
}

/** What a row is marked with (data- attributes the page colours rows by). */
export function dayMarks(day: AttendanceDay): { late: boolean; absent: boolean; corrected: boolean } {
  return { late: (day.late_s ?? 0) > 0, absent: day.absent, corrected: day.correction !== null };
}

/** One agent's range: days listed, their sums, and how many days were late, absent or
 *  corrected. */
export interface AttendanceTotals {
  agent: string;
  days: number;
  sessions: number;
  logged_in_s: number;
  states_s: Record<AttendanceState, number>;
  pauses_s: Record<string, number>;
  /** null when no day had a shift and a login to be late against. */
  late_s: number | null;
  lateDays: number;
  left_early_s: number | null;
  absentDays: number;
  correctedDays: number;
}

/** The days grouped by agent in the order they came (the server's: by agent, then day). */
export function byAgent(days: readonly AttendanceDay[]): { agent: string; days: AttendanceDay[] }[] {
  const groups = new Map<string, AttendanceDay[]>();
  for (const day of days) {
    const group = groups.get(day.agent) ?? [];
    group.push(day);
    groups.set(day.agent, group);
  }
  return [...groups].map(([agent, list]) => ({ agent, days: list }));
}

/** The sums of one agent's days. */
export function agentTotals(agent: string, days: readonly AttendanceDay[]): AttendanceTotals {
  const totals: AttendanceTotals = {
    agent, days: days.length, sessions: 0, logged_in_s: 0,
    states_s: { available: 0, ringing: 0, 'on-call': 0, 'wrap-up': 0, paused: 0, 'not-ready': 0 },
    pauses_s: {}, late_s: null, lateDays: 0, left_early_s: null, absentDays: 0, correctedDays: 0,
  };
  for (const day of days) {
    totals.sessions += day.sessions;
    totals.logged_in_s += day.logged_in_s;
    for (const state of Object.keys(totals.states_s) as AttendanceState[]) {
      totals.states_s[state] += day.states_s[state] ?? 0;
    }
    for (const [reason, seconds] of Object.entries(day.pauses_s)) {
      totals.pauses_s[reason] = (totals.pauses_s[reason] ?? 0) + seconds;
    }
    if (day.late_s !== null) {
      totals.late_s = (totals.late_s ?? 0) + day.late_s;
      totals.lateDays += day.late_s > 0 ? 1 : 0;
    }
    if (day.left_early_s !== null) {
      totals.left_early_s = (totals.left_early_s ?? 0) + day.left_early_s;
    }
    totals.absentDays += day.absent ? 1 : 0;
    totals.correctedDays += day.correction ? 1 : 0;
  }
  return totals;
}

/** The totals row's cells, in kAttendanceColumns' order: sums of counts and times, the days
 *  late, absent and corrected counted, nothing for the instants and the shift ("–" late and
 *  early without a shift). */
export function totalCells(totals: AttendanceTotals, context: Pick<CellContext, 'language' | 'reasonLabel'>): AttendanceCell[] {
  const { language } = context;
  const count = (value: number) => formatInteger(value, language);
  const duration = (column: AttendanceColumn, seconds: number) => cell(column, formatSeconds(seconds, language), { num: true });
  return [
    cell('agent', translate(language, 'reports.total')),
    cell('day', translate(language, 'attendance.days_count', { count: count(totals.days) })),
    cell('sessions', count(totals.sessions), { num: true }),
    cell('first_login', ''),
    cell('last_logout', ''),
    duration('logged_in', totals.logged_in_s),
    ...kStateColumns.map(([column, state]) => duration(column, totals.states_s[state])),
    cell('pauses', pausesText(totals.pauses_s, language, context.reasonLabel)),
    cell('shift', ''),
    {
      ...shortfall('late', totals.late_s, language, 'red'),
      note: totals.lateDays > 0 ? translate(language, 'attendance.days_count', { count: count(totals.lateDays) }) : '',
    },
    shortfall('left_early', totals.left_early_s, language, 'amber'),
    cell('absent', totals.absentDays > 0 ? translate(language, 'attendance.days_count', { count: count(totals.absentDays) }) : '', {
      tone: totals.absentDays > 0 ? 'red' : '',
    }),
    cell('corrected', totals.correctedDays > 0 ? translate(language, 'attendance.days_count', { count: count(totals.correctedDays) }) : ''),
  ];
}
