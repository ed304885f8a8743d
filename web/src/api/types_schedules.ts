// The JSON shapes of docs/api.md "Reports" for reports mailed on a schedule
// (/api/v1/report-schedules, /api/v1/report-sends). Re-exported by types.ts, which the pages
// import.

import type { Language } from './types';
import type { ReportScopeKind } from './types_reports';

/** How often a schedule sends: a daily report covers the day before (by hour), a weekly one
 *  the week before and a monthly one the month before (by day). */
export type ScheduleFrequency = 'daily' | 'weekly' | 'monthly';

/** A send waits (`pending`, tried again after 1, 5, 30 and 120 min when a try fails), went out
 *  (`sent`), or gave up (`failed`, which Retry tries again). */
export type SendStatus = 'pending' | 'sent' | 'failed';

/** Whose report a schedule mails; the centre's id is "" (as GET /api/v1/reports writes it). */
export interface ScheduleScope {
  kind: ReportScopeKind;
  id: string;
}

/** One mailing of a schedule's report (docs/api.md Send). */
export interface ReportSend {
  id: number;
  schedule_id: number;
  due_ms: number;
  /** The range reported, [from_ms, to_ms). */
  from_ms: number;
  to_ms: number;
  status: SendStatus;
  attempts: number;
  /** When it is tried next; null (or past) once it is sent or has failed. */
  next_try_ms: number | null;
  /** "" or why the last try failed (no mail server, the mail server's refusal, Chromium's
   *  failure), in English from the server. */
  last_error: string;
  sent_at_ms: number | null;
}

/** A report mailed on a schedule (docs/api.md Schedule). */
export interface ReportSchedule {
  id: number;
  name: string;
  /** The user name of who made it: the report is made as they would see it. */
  owner: string;
  scope: ScheduleScope;
  frequency: ScheduleFrequency;
  /** "HH:MM" in the centre's time zone. */
  at: string;
  language: Language;
  recipients: string[];
  enabled: boolean;
  created_at_ms: number;
  /** When it sends next; null when there is none (a disabled schedule). */
  next_due_ms: number | null;
  last_send: ReportSend | null;
}

/** The body of POST /api/v1/report-schedules and PUT /api/v1/report-schedules/{id}. */
export interface ScheduleBody {
  name: string;
  scope: ScheduleScope;
  frequency: ScheduleFrequency;
  at: string;
  language: Language;
  recipients: string[];
  enabled: boolean;
}
