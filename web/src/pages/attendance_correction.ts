import type { AttendanceDay, CorrectionBody, Language, User } from '../api/types';
import type { CentreClock } from '../format/centre_clock';
import { localizeDigits } from '../format/numbers';
import { msg, type MessageKey } from '../i18n/messages';
import { effectiveTimes } from './attendance_cells';
import { clockText, instantInDay, minutesIntoDay } from './attendance_time';
import { parseTimeOfDay } from './schedule_draft';

// The correction form's state, as typed, and the body it sends (docs/api.md POST
// /api/v1/attendance/corrections): the login and logout as times of the corrected day on the
// centre's clock (the logout possibly the next day), and a reason. Pure: no DOM. The server
// checks every rule and names the field it refuses; here only what is plainly wrong is caught
// first, with the same field names, so both show beside the same control.

/** A reason is 1-200 characters (docs/api.md). */
export const kMaxReasonLength = 200;

const kDayMinutes = 24 * 60;

export interface CorrectionDraft {
  /** "08:00", in any digits, as typed. */
  login: string;
  logout: string;
  /** The logout is on the day after (a night shift, a forgotten logout after midnight). */
  logoutNextDay: boolean;
  reason: string;
}

/** Something the form will not send: the API's name for its field and what to say. */
export interface CorrectionProblem {
  field: 'login_ms' | 'logout_ms' | 'reason';
  message: MessageKey;
}

/** Who may correct days: managers and supervisors (the server refuses QA and agents). */
export function canCorrect(user: Pick<User, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'supervisor';
}

/** Whether `user` may correct a day of `agent`: nobody corrects their own (a supervisor who
 *  takes calls has an agent of their own; the server refuses it). */
export function canCorrectAgent(user: Pick<User, 'role' | 'agent'>, agent: string): boolean {
  return canCorrect(user) && user.agent !== agent;
}

/** The form for a day, filled with what counts now: the correction's times, else those
 *  logged, else the shift's; in the reader's digits. The reason starts empty: each correction
 *  says its own. */
export function correctionDraft(day: AttendanceDay, clock: CentreClock, language: Language): CorrectionDraft {
  const { login, logout } = effectiveTimes(day);
  const loginText = login !== null ? clockText(minutesIntoDay(login, day, clock)) : (day.shift?.start ?? '');
  let logoutText = day.shift?.end ?? '';
  let nextDay = day.shift !== null && day.shift.end <= day.shift.start;
  if (logout !== null) {
    const minutes = minutesIntoDay(logout, day, clock);
    logoutText = clockText(minutes);
    nextDay = minutes >= kDayMinutes;
  }
  return { login: localizeDigits(loginText, language), logout: localizeDigits(logoutText, language), logoutNextDay: nextDay, reason: '' };
}

/** Minutes into the day of "HH:MM" (any digits); null when it is not a time of day. */
function minutesOf(text: string): number | null {
  const time = parseTimeOfDay(text);
  return time === null ? null : Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
}

/** The body to send for `draft` on `day` of `agent`, or the first thing wrong with it, in the
 *  form's order. `day_ms` is the day's local start (any instant of it would do). */
export function correctionBody(draft: CorrectionDraft, day: AttendanceDay, clock: CentreClock): { body: CorrectionBody } | { problem: CorrectionProblem } {
  const login = minutesOf(draft.login);
  if (login === null) {
    return { problem: { field: 'login_ms', message: msg('schedules.error_time') } };
  }
  const logout = minutesOf(draft.logout);
  if (logout === null) {
    return { problem: { field: 'logout_ms', message: msg('schedules.error_time') } };
  }
  const loginMs = instantInDay(login, day, clock);
  const logoutMs = instantInDay(logout + (draft.logoutNextDay ? kDayMinutes : 0), day, clock);
  if (logoutMs <= loginMs) {
    return { problem: { field: 'logout_ms', message: msg('attendance.error_order') } };
  }
  const reason = draft.reason.trim();
  if (reason === '' || [...reason].length > kMaxReasonLength) {
    return { problem: { field: 'reason', message: msg('attendance.error_reason') } };
  }
  return { body: { agent: day.agent, day_ms: day.from_ms, login_ms: loginMs, logout_ms: logoutMs, reason } };
}

/** The form's controls. */
export type CorrectionControl = 'login' | 'logout' | 'reason';

const kFieldControls: Record<string, CorrectionControl> = { login_ms: 'login', logout_ms: 'logout', reason: 'reason' };

/** The control an API field belongs to; null for none (`agent`, `day_ms`, or no field): the
 *  error is then said under the buttons. */
export function controlOfCorrectionField(field: string | null): CorrectionControl | null {
  return field !== null && Object.hasOwn(kFieldControls, field) ? kFieldControls[field]! : null;
}
