// The JSON shapes of docs/api.md "Attendance" (GET /api/v1/attendance, POST
// /api/v1/attendance/corrections): each agent's days, logged in and in which state, against
// their shift. Re-exported by types.ts, which the pages import.

/** The states an agent's logged-in time is split into (`states_s`): the engine's names. */
export type AttendanceState = 'available' | 'ringing' | 'on-call' | 'wrap-up' | 'paused' | 'not-ready';

/** The shift an agent was due to work that day, "HH:MM" in the centre's time zone. */
export interface AttendanceShift {
  start: string;
  end: string;
}

/** A supervisor's or a manager's correction of a day: it replaces the first login and the last
 *  logout, and the logged-in time is then the span between them. `by` is a user name. */
export interface AttendanceCorrection {
  login_ms: number;
  logout_ms: number;
  reason: string;
  by: string;
  at_ms: number;
}

/** One agent's day (docs/api.md AttendanceDay). */
export interface AttendanceDay {
  agent: string;
  /** The day's label in the reader's calendar: "1405-09-15", "2026-12-06". */
  day: string;
  /** The local day, [from_ms, to_ms), in the centre's zone. */
  from_ms: number;
  to_ms: number;
  /** Logins that day. */
  sessions: number;
  /** null: none; the last logout is null too while the agent is still logged in. */
  first_login_ms: number | null;
  last_logout_ms: number | null;
  logged_in_s: number;
  states_s: Record<AttendanceState, number>;
  /** Time paused by pause reason. */
  pauses_s: Record<string, number>;
  shift: AttendanceShift | null;
  /** After the shift's start (its grace allowed); null without a shift or a login. */
  late_s: number | null;
  /** Before the shift's end; null without a shift or a login. */
  left_early_s: number | null;
  /** A shift day with no login, once the shift has ended. */
  absent: boolean;
  correction: AttendanceCorrection | null;
}

export interface AttendanceReport {
  /** The centre's IANA zone the days are cut in; "" for a fixed offset. */
  time_zone: string;
  from_ms: number;
  to_ms: number;
  /** By agent, then day. */
  days: AttendanceDay[];
}

/** The body of POST /api/v1/attendance/corrections. */
export interface CorrectionBody {
  agent: string;
  /** Any instant of the local day corrected. */
  day_ms: number;
  login_ms: number;
  logout_ms: number;
  /** 1-200 characters. */
  reason: string;
}

/** A correction saved (201): `day_ms` is the day's local start. */
export interface SavedCorrection extends AttendanceCorrection {
  agent: string;
  day_ms: number;
}
