import type { Language, ReportSchedule, ReportSend, ScheduleFrequency, ScheduleScope, User } from '../api/types';
import { formatDateTime, formatShortDate } from '../format/dates';
import { kNoData, localizeDigits } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { isolated } from './report_figures';

// Scheduled reports and their sends as the Reports page writes them, in the reader's language,
// digits and calendar (Jalali in Persian): "Daily at 08:00", "Waiting to be sent",
// "۱۴۰۴/۰۹/۱۵ ۰۸:۰۰". Pure: the language (and, for tests, the time zone) comes in.

const kFrequencyTexts: Record<ScheduleFrequency, MessageKey> = {
  daily: msg('schedules.daily_at'),
  weekly: msg('schedules.weekly_at'),
  monthly: msg('schedules.monthly_at'),
};

/** The form's names for the frequencies. */
export const kFrequencyLabels: Record<ScheduleFrequency, MessageKey> = {
  daily: msg('schedules.daily'),
  weekly: msg('schedules.weekly'),
  monthly: msg('schedules.monthly'),
};

/** Who may schedule reports (docs/api.md /api/v1/report-schedules): managers and supervisors;
 *  the server refuses agents and QA analysts. */
export function canSchedule(user: Pick<User, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'supervisor';
}

/** "Daily at 08:00", "هر هفته، ساعت ۰۸:۰۰": the time as the server keeps it (the centre's
 *  zone), in the reader's digits. */
export function frequencyText(frequency: ScheduleFrequency, at: string, language: Language): string {
  const key = kFrequencyTexts[frequency] as MessageKey | undefined;
  const time = isolated(localizeDigits(at, language), language);
  return key ? translate(language, key, { time }) : `${frequency} ${time}`;
}

/** "The whole centre", "Queue: sales", "Agent: Agent 1005". */
export function scheduleScopeText(scope: ScheduleScope, language: Language, agentName: (id: string) => string): string {
  if (scope.kind === 'queue') {
    return translate(language, 'reports.title_queue', { queue: isolated(scope.id, language) });
  }
  if (scope.kind === 'agent') {
    return translate(language, 'reports.title_agent', { agent: isolated(agentName(scope.id), language) });
  }
  return translate(language, 'reports.title_centre');
}

/** What a send's status says: waiting for its first try, tried and waiting for the next one,
 *  sent, or given up. */
export function sendStatusKey(send: Pick<ReportSend, 'status' | 'attempts'>): MessageKey | null {
  switch (send.status) {
    case 'sent':
      return msg('schedules.status_sent');
    case 'failed':
      return msg('schedules.status_failed');
    case 'pending':
      return send.attempts > 0 ? msg('schedules.status_retrying') : msg('schedules.status_pending');
    default:
      return null;
  }
}

/** The send's status in words; a status added to the server after this page, as it says it. */
export function sendStatusText(send: Pick<ReportSend, 'status' | 'attempts'>, language: Language): string {
  const key = sendStatusKey(send);
  return key ? translate(language, key) : send.status;
}

/** The colour of a status (the tables' data-tone): sent green, tried again amber, failed red. */
export function sendTone(send: Pick<ReportSend, 'status' | 'attempts'>): 'green' | 'amber' | 'red' | '' {
  if (send.status === 'sent') {
    return 'green';
  }
  if (send.status === 'failed') {
    return 'red';
  }
  return send.status === 'pending' && send.attempts > 0 ? 'amber' : '';
}

/** An instant as the tables write one ("۱۴۰۴/۰۹/۱۵ ۰۸:۰۰"), "–" for none. */
export function instantText(atMs: number | null, language: Language, timeZone?: string): string {
  return atMs === null ? kNoData : formatDateTime(atMs, language, timeZone);
}

/** When a schedule sends next; "–" while it is off (the server still counts the date it
 *  would have). */
export function nextSendText(schedule: Pick<ReportSchedule, 'enabled' | 'next_due_ms'>, language: Language, timeZone?: string): string {
  return schedule.enabled ? instantText(schedule.next_due_ms, language, timeZone) : kNoData;
}

/** When a send is tried next: only while it is pending ("–" once sent or failed). */
export function nextTryText(send: Pick<ReportSend, 'status' | 'next_try_ms'>, language: Language, timeZone?: string): string {
  return send.status === 'pending' ? instantText(send.next_try_ms, language, timeZone) : kNoData;
}

function isMidnight(atMs: number, timeZone?: string): boolean {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', ...(timeZone ? { timeZone } : {}) })
    .formatToParts(atMs)
    .filter((part) => part.type !== 'literal')
    .map((part) => part.value);
  return parts.every((value) => Number(value) === 0) && atMs % 1000 === 0;
}

/** The range a send reports: its days when it runs from midnight to midnight where the page
 *  is read ("1404/09/14", "1404/09/08 to 1404/09/14"), else its first and last instant. */
export function sendRangeText(send: Pick<ReportSend, 'from_ms' | 'to_ms'>, language: Language, timeZone?: string): string {
  const days = isMidnight(send.from_ms, timeZone) && isMidnight(send.to_ms, timeZone) && send.to_ms > send.from_ms;
  const first = days ? formatShortDate(send.from_ms, language, timeZone) : formatDateTime(send.from_ms, language, timeZone);
  const last = days ? formatShortDate(send.to_ms - 1, language, timeZone) : formatDateTime(send.to_ms, language, timeZone);
  if (first === last) {
    return first;
  }
  return translate(language, 'reports.range', { first: isolated(first, language), last: isolated(last, language) });
}

/** The list's "Last send": its status and when it went out (or was due), or "Never sent". */
export function lastSendText(schedule: Pick<ReportSchedule, 'last_send'>, language: Language, timeZone?: string): string {
  const send = schedule.last_send;
  if (send === null) {
    return translate(language, 'schedules.never_sent');
  }
  return translate(language, 'schedules.last_send_at', {
    status: sendStatusText(send, language),
    time: isolated(instantText(send.sent_at_ms ?? send.due_ms, language, timeZone), language),
  });
}

/** The addresses a schedule mails, each kept whole in a right-to-left line, comma-separated in
 *  the reader's language. */
export function recipientsText(recipients: readonly string[], language: Language): string {
  return recipients.map((address) => isolated(address, language)).join(translate(language, 'schedules.list_separator'));
}
