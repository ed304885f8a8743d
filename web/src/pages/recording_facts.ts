import type { CallRecord, Language, MonitorMode } from '../api/types';
import { formatDate, formatTimeWithSeconds } from '../format/dates';
import { formatDuration, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h, type Child } from '../ui/dom';
import { dispositionLabel, hangupSideLabel, monitorModeLabel } from '../ui/labels';
import { dialledNumber } from './desk_transfer_number';
import { pauseRows } from './recording_pauses';
import { agentLegs, type AgentLeg } from './recordings_query';

// What happened on a finished call, beside its recording on the Recordings page.

function fact(label: string, ...value: Child[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

/** The call's facts as label and value pairs (a <dl>'s children): when, who called which
 *  number, the IVR path, keys and answers, the queues and the wait, talk, hold and after-call
 *  work, when the recording was paused for card details, how it ended and who ended it. */
export function callFacts(record: CallRecord): HTMLElement[] {
  const language = currentLanguage();
  const digits = (text: string) => h('bdi', { dir: 'ltr' }, localizeDigits(text, language));
  // The arrows between the steps point the way the page reads (styles: .path).
  const path = (items: string[]) => (items.length ? h('ol', { class: 'path' }, ...items.map((item) => h('li', {}, item))) : '–');
  return [
    ...fact(t('recordings.started'), `${formatDate(record.started_at_ms, language)} ${formatTimeWithSeconds(record.started_at_ms, language)}`),
    ...fact(t('recordings.duration'), formatDuration(record.duration_ms, language)),
    ...fact(t('call.caller'), digits(record.caller)),
    ...fact(t('recordings.dialled'), digits(record.dialled)),
    ...fact(t('recordings.ivr_path'), path(record.ivr.path)),
    ...fact(t('recordings.digits'), record.ivr.digits ? digits(record.ivr.digits) : '–'),
    ...Object.entries(record.ivr.variables).flatMap(([name, value]) => fact(name, digits(value))),
    ...fact(t('recordings.queues'), path(record.queues)),
    ...fact(t('recordings.queue_wait'), formatDuration(record.wait_ms, language)),
    ...fact(t('recordings.talk'), formatDuration(record.talk_ms, language)),
    ...fact(t('recordings.hold'), formatDuration(record.hold_ms, language)),
    ...fact(t('recordings.wrap'), formatDuration(record.wrap_ms, language)),
    ...recordingPauses(record, language),
    ...fact(t('recordings.disposition'), dispositionLabel(record.disposition)),
    ...fact(
      t('recordings.ended_by'),
      hangupSideLabel(record.hangup_side),
      // The server's words, in English (docs/api.md): kept apart from the translated text.
      record.hangup_cause ? h('small', { class: 'cause', lang: 'en', dir: 'ltr' }, record.hangup_cause) : null,
    ),
    ...fact(t('recordings.call_id'), h('bdi', { dir: 'ltr', 'data-testid': 'call-id' }, record.id)),
    ...(record.legal_hold ? fact(t('recordings.legal_hold'), t('recordings.legal_hold_kept')) : []),
  ];
}

/** Each stretch the recording was paused for card details, from when to when since the call
 *  began, and by whom; nothing for a call never paused. */
function recordingPauses(record: CallRecord, language: Language): HTMLElement[] {
  const rows = pauseRows(record, language);
  if (rows.length === 0) {
    return [];
  }
  const items = rows.map((row) => h('li', { 'data-by': row.by, 'data-from-ms': String(row.fromMs), 'data-to-ms': String(row.toMs) }, row.label));
  return fact(t('recordings.recording_paused'), h('ol', { class: 'pauses', 'data-testid': 'recording-pauses' }, ...items));
}

/** How an agent's part of the call ended: passed to a named colleague (in which queue), to a
 *  queue's next agent or to a number (as dialled: Latin digits, left to right), and when, with
 *  "after a consult" for an attended transfer; or they finished the call. */
export function legOutcome(leg: AgentLeg, agentName: (id: string) => string, language: Language = currentLanguage()): string {
  if (!leg.transfer) {
    return t('recordings.finished_call');
  }
  const time = formatTimeWithSeconds(leg.transfer.atMs, language);
  const { toAgent, toNumber, toQueue, attended } = leg.transfer;
  const outcome = toNumber
    ? t('recordings.transferred_to_number', { number: dialledNumber(toNumber), time })
    : toAgent
      ? t('recordings.passed_to', { agent: agentName(toAgent), queue: toQueue, time })
      : t('recordings.transferred_to', { queue: toQueue, time });
  return attended ? t('recordings.after_consult', { outcome }) : outcome;
}

/** One period a supervisor spent in the call in one mode, written for the reader. */
export interface MonitorRow {
  user: string;
  mode: MonitorMode;
  /** The mode's name in the page language (the console's button names). */
  modeName: string;
  /** Times of day, with seconds, in the reader's digits. */
  from: string;
  to: string;
  length: string;
}

/** The supervisors who were in the call, a row per mode period, in the server's order (oldest
 *  first); none for a call nobody monitored, or from a server without the field. */
export function monitorRows(record: CallRecord, language: Language = currentLanguage()): MonitorRow[] {
  return (record.monitors ?? []).map((monitor) => ({
    user: monitor.user,
    mode: monitor.mode,
    modeName: monitorModeLabel(monitor.mode),
    from: formatTimeWithSeconds(monitor.from_ms, language),
    to: formatTimeWithSeconds(monitor.to_ms, language),
    length: formatDuration(monitor.to_ms - monitor.from_ms, language),
  }));
}

/** Who listened, whispered or barged in, in which mode, from when until when and for how long;
 *  nothing when no supervisor was in the call. */
export function supervisorsTable(record: CallRecord): HTMLElement[] {
  const language = currentLanguage();
  const rows = monitorRows(record, language).map((row) =>
    h(
      'tr',
      { 'data-user': row.user, 'data-mode': row.mode },
      h('td', {}, h('bdi', {}, row.user)),
      h('td', {}, row.modeName),
      h('td', { class: 'num' }, row.from),
      h('td', { class: 'num' }, row.to),
      h('td', { class: 'num' }, row.length),
    ),
  );
  if (rows.length === 0) {
    return [];
  }
  const headings = [t('recordings.supervisor'), t('recordings.monitor_mode'), t('recordings.monitor_from'), t('recordings.monitor_to'), t('recordings.duration')];
  return [
    h('h3', {}, t('recordings.supervisors_on_call')),
    h(
      'table',
      { class: 'table', 'data-testid': 'call-monitors' },
      h('thead', {}, h('tr', {}, ...headings.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, ...rows),
    ),
  ];
}

/** Each agent's part of the call: queue, talk, hold, and whether they transferred the caller
 *  (to which queue or colleague, when) or finished the call. Nothing for a call no agent took. */
export function agentLegsTable(record: CallRecord, agentName: (id: string) => string): HTMLElement[] {
  const language = currentLanguage();
  const rows = agentLegs(record).map((leg) =>
    h(
      'tr',
      { 'data-agent': leg.agent },
      h('td', {}, agentName(leg.agent)),
      h('td', {}, leg.queue),
      h('td', { class: 'num' }, formatDuration(leg.talkMs, language)),
      h('td', { class: 'num' }, formatDuration(leg.holdMs, language)),
      h('td', {}, legOutcome(leg, agentName, language)),
    ),
  );
  if (rows.length === 0) {
    return [];
  }
  const headings = [t('call.agent'), t('call.queue'), t('recordings.talk'), t('recordings.hold'), t('recordings.outcome')];
  return [
    h('h3', {}, t('recordings.agents_on_call')),
    h(
      'table',
      { class: 'table', 'data-testid': 'agent-legs' },
      h('thead', {}, h('tr', {}, ...headings.map((text) => h('th', { scope: 'col' }, text)))),
      h('tbody', {}, ...rows),
    ),
  ];
}
