import type { Language, ReportSchedule, ScheduleBody, ScheduleFrequency, ScheduleScope } from '../api/types';
import { latinDigits } from '../format/numbers';
import { msg, type MessageKey } from '../i18n/messages';

// The scheduled report form's state, as typed, and the body it sends (docs/api.md POST and
// PUT /api/v1/report-schedules). Pure: no DOM. The server checks every rule and names the
// field it refuses (`recipients[1]`); here only what is plainly wrong is caught first, with
// the same field names, so both show beside the same control.

export const kFrequencies: readonly ScheduleFrequency[] = ['daily', 'weekly', 'monthly'];

/** Names are 1-100 characters; a schedule mails 1-20 addresses (docs/api.md). */
export const kMaxNameLength = 100;
export const kMaxRecipients = 20;

/** The time a new schedule sends at, in the centre's time zone. */
export const kDefaultAt = '08:00';

export interface ScheduleDraft {
  /** The schedule edited; null for a new one. */
  id: number | null;
  name: string;
  /** The form's one choice of scope: "centre", "queue:<name>" or "agent:<id>". */
  scope: string;
  frequency: ScheduleFrequency;
  /** As typed, in any digits: "8:30", "۰۸:۳۰". */
  at: string;
  language: Language;
  /** As typed: one address a line, or separated by commas. */
  recipients: string;
  enabled: boolean;
}

/** Something the form will not send, the API's name for its field and what to say. */
export interface DraftProblem {
  field: string;
  message: MessageKey;
  params?: Record<string, string>;
}

/** A new schedule: the centre's report, daily at 08:00, in the author's language. */
export function newScheduleDraft(language: Language): ScheduleDraft {
  return { id: null, name: '', scope: 'centre', frequency: 'daily', at: kDefaultAt, language, recipients: '', enabled: true };
}

export function scopeChoiceOf(scope: ScheduleScope): string {
  return scope.kind === 'centre' ? 'centre' : `${scope.kind}:${scope.id}`;
}

/** The scope of a choice; anything unknown is the centre's. */
export function scopeOfChoice(choice: string): ScheduleScope {
  const colon = choice.indexOf(':');
  const kind = colon < 0 ? choice : choice.slice(0, colon);
  if ((kind === 'queue' || kind === 'agent') && colon + 1 < choice.length) {
    return { kind, id: choice.slice(colon + 1) };
  }
  return { kind: 'centre', id: '' };
}

/** A saved schedule in the form, to change it. */
export function draftFromSchedule(schedule: ReportSchedule): ScheduleDraft {
  return {
    id: schedule.id,
    name: schedule.name,
    scope: scopeChoiceOf(schedule.scope),
    frequency: schedule.frequency,
    at: schedule.at,
    language: schedule.language,
    recipients: schedule.recipients.join('\n'),
    enabled: schedule.enabled,
  };
}

/** The addresses in what was typed: split at new lines, commas (the Latin and the Arabic
 *  one, which Persian and Arabic keyboards type) and semicolons (as mail programs copy
 *  them), blanks dropped, in order. Duplicates are kept: the server judges them. */
export function parseRecipients(text: string): string[] {
  return text
    .split(/[\n\r,;\u060C]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Something@somewhere with no spaces, quotes or brackets: a light check that catches slips
 *  (a missing @, two addresses on one line), never stricter than the server ("ops@localhost"
 *  is an address); the mail server has the last word. */
export function looksLikeAddress(text: string): boolean {
  return /^[^\s@,;<>"\\]+@[^\s@,;<>"\\]+$/.test(text);
}

/** "07:30" for a time typed as "7:30", "07.30" or "۰۷:۳۰"; null when it is not a time of day. */
export function parseTimeOfDay(text: string): string | null {
  const match = /^(\d{1,2})[:.](\d{2})$/.exec(latinDigits(text.trim()));
  if (!match) {
    return null;
  }
  const [hours, minutes] = [Number(match[1]), Number(match[2])];
  if (hours > 23 || minutes > 59) {
    return null;
  }
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

/** The body to send for `draft`, or the first thing wrong with it, in the form's order. */
export function scheduleBody(draft: ScheduleDraft): { body: ScheduleBody } | { problem: DraftProblem } {
  const name = draft.name.trim();
  if (name === '' || [...name].length > kMaxNameLength) {
    return { problem: { field: 'name', message: msg('schedules.error_name') } };
  }
  const at = parseTimeOfDay(draft.at);
  if (at === null) {
    return { problem: { field: 'at', message: msg('schedules.error_time') } };
  }
  const recipients = parseRecipients(draft.recipients);
  if (recipients.length === 0 || recipients.length > kMaxRecipients) {
    return { problem: { field: 'recipients', message: msg('schedules.error_recipient_count') } };
  }
  const wrong = recipients.findIndex((address) => !looksLikeAddress(address));
  if (wrong >= 0) {
    return { problem: { field: `recipients[${wrong}]`, message: msg('schedules.error_recipient'), params: { address: recipients[wrong]! } } };
  }
  return {
    body: { name, scope: scopeOfChoice(draft.scope), frequency: draft.frequency, at, language: draft.language, recipients, enabled: draft.enabled },
  };
}

/** The form's controls, each named as the API's field it edits. */
export type ScheduleControl = 'name' | 'scope' | 'frequency' | 'at' | 'language' | 'recipients' | 'enabled';

const kControls: readonly ScheduleControl[] = ['name', 'scope', 'frequency', 'at', 'language', 'recipients', 'enabled'];

/** The control an API field path belongs to: `recipients[1]` the recipients', `scope.id`
 *  the scope's; null for none (the error is not about one field, or a field the form has no
 *  control for). */
export function controlOfField(field: string | null): ScheduleControl | null {
  const head = field?.split(/[.[]/, 1)[0] ?? '';
  return (kControls as readonly string[]).includes(head) ? (head as ScheduleControl) : null;
}

/** The position of the address a field path names (`recipients[1]` → 1), else null. */
export function recipientIndex(field: string | null): number | null {
  const match = /^recipients\[(\d+)\]$/.exec(field ?? '');
  return match ? Number(match[1]) : null;
}

/** The API field a refusal of the form is about: the one the server names, else the scope for
 *  `403 forbidden` (a scope the author may not read) and, for a new schedule, `404 not_found`
 *  (a queue that is not configured; on a change it may be the schedule itself that is gone). */
export function refusedField(error: { code: string; field: string | null }, isNew: boolean): string | null {
  if (error.field) {
    return error.field;
  }
  return error.code === 'forbidden' || (error.code === 'not_found' && isNew) ? 'scope' : null;
}
