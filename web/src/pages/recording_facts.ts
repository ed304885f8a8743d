import type { CallRecord } from '../api/types';
import { formatDate, formatTimeWithSeconds } from '../format/dates';
import { formatDuration, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h, type Child } from '../ui/dom';
import { dispositionLabel, hangupSideLabel } from '../ui/labels';
import { agentLegs } from './recordings_query';

// What happened on a finished call, beside its recording on the Recordings page.

function fact(label: string, ...value: Child[]): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, ...value)];
}

/** The call's facts as label and value pairs (a <dl>'s children): when, who called which
 *  number, the IVR path, keys and answers, the queues and the wait, talk, hold and after-call
 *  work, how it ended and who ended it. */
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

/** Each agent's part of the call: queue, talk, hold, and whether they transferred the caller
 *  (where, when) or finished the call. Nothing for a call no agent took. */
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
      h(
        'td',
        {},
        leg.transfer
          ? t('recordings.transferred_to', { queue: leg.transfer.toQueue, time: formatTimeWithSeconds(leg.transfer.atMs, language) })
          : t('recordings.finished_call'),
      ),
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
