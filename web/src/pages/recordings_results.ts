import type { CallRecord, CallRecordPage } from '../api/types';
import { formatDateTime } from '../format/dates';
import { formatDuration, formatInteger, kNoData, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setData, setText } from '../ui/dom';
import { dispositionLabel } from '../ui/labels';
import { evaluationCount, pageOffset, pageRange } from './recordings_query';

const kColumns = [
  msg('recordings.started'),
  msg('call.caller'),
  msg('recordings.queues'),
  msg('recordings.agents'),
  msg('call.wait'),
  msg('recordings.talk'),
  msg('recordings.hold'),
  msg('recordings.disposition'),
  msg('recordings.transfers'),
  msg('recordings.evaluations'),
  msg('recordings.recording'),
];

export interface ResultsHandlers {
  /** A call's Listen (recorded) or Details button. */
  onChoose(record: CallRecord): void;
  /** Previous or Next: the offset of the page wanted. */
  onPage(offset: number): void;
  /** An agent's name for their id, when the page knows it. */
  agentName(id: string): string;
}

/** The calls found: one row each, newest (or oldest) first, a page at a time with the total;
 *  each row's button opens the call in the player. */
export function recordingsResults(handlers: ResultsHandlers) {
  const rows = h('tbody', { 'data-testid': 'records' });
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'results-status' });
  const range = h('span', { class: 'page-range', 'data-testid': 'page-range' });
  const previous = h('button', { type: 'button', 'data-action': 'previous-page' }, t('recordings.previous'));
  const next = h('button', { type: 'button', 'data-action': 'next-page' }, t('recordings.next'));
  const table = h('table', { class: 'table records-table' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', { scope: 'col' }, t(key))))), rows);
  const scroll = h('div', { class: 'table-scroll' }, table);
  const element = h(
    'section',
    { class: 'panel recordings-results', 'aria-label': t('recordings.results') },
    h('div', { class: 'results-head' }, h('h2', {}, t('recordings.results')), range, h('span', { class: 'pager' }, previous, next)),
    status,
    scroll,
  );
  let page: CallRecordPage | null = null;
  let chosenId: string | null = null;
  const turn = (step: -1 | 1) => {
    const offset = page ? pageOffset(page.offset, page.total, step) : null;
    if (offset !== null) {
      handlers.onPage(offset);
    }
  };
  previous.addEventListener('click', () => turn(-1));
  next.addEventListener('click', () => turn(1));

  const names = (ids: string[], language: string) =>
    new Intl.ListFormat(language, { type: 'unit' }).format(ids.map((id) => handlers.agentName(id)));

  const row = (record: CallRecord): HTMLElement => {
    const language = currentLanguage();
    const choose = h(
      'button',
      { type: 'button', 'data-action': record.recorded ? 'listen' : 'details', onclick: () => handlers.onChoose(record) },
      record.recorded ? t('recordings.listen') : t('recordings.details'),
    );
    return h(
      'tr',
      { 'data-call': record.id, 'data-recorded': String(record.recorded) },
      h('td', { class: 'num' }, formatDateTime(record.started_at_ms, language)),
      h('td', {}, h('bdi', { dir: 'ltr' }, localizeDigits(record.caller, language))),
      h('td', {}, record.queues.join(' · ')),
      h('td', {}, names(record.agents, language)),
      h('td', { class: 'num' }, formatDuration(record.wait_ms, language)),
      h('td', { class: 'num' }, formatDuration(record.talk_ms, language)),
      h('td', { class: 'num' }, formatDuration(record.hold_ms, language)),
      h('td', { 'data-disposition': record.disposition }, dispositionLabel(record.disposition)),
      h('td', { class: 'num' }, formatInteger(record.transfers.length, language)),
      // How many submitted evaluations; "–" for none, so the scored calls stand out.
      h('td', { class: 'num', 'data-evaluated': String(evaluationCount(record) > 0) }, evaluationCount(record) > 0 ? formatInteger(evaluationCount(record), language) : kNoData),
      h('td', {}, choose),
    );
  };

  /** Marks the row of the call in the player. */
  const mark = (chosen: string | null) => {
    chosenId = chosen;
    for (const tr of rows.children) {
      const selected = (tr as HTMLElement).dataset.call === chosen;
      tr.classList.toggle('chosen', selected);
      if (selected) {
        tr.setAttribute('aria-current', 'true');
      } else {
        tr.removeAttribute('aria-current');
      }
    }
  };

  const show = (found: CallRecordPage, chosen: string | null) => {
    page = found;
    const language = currentLanguage();
    element.removeAttribute('aria-busy');
    rows.replaceChildren(...found.records.map(row));
    scroll.hidden = found.records.length === 0;
    setText(status, found.total === 0 ? t('recordings.none_found') : '');
    const shown = pageRange(found.offset, found.records.length, found.total);
    setText(
      range,
      found.total === 0
        ? ''
        : t('recordings.page_range', {
            first: formatInteger(shown.first, language),
            last: formatInteger(shown.last, language),
            total: formatInteger(shown.total, language),
          }),
    );
    setData(range, 'total', String(found.total));
    previous.disabled = pageOffset(found.offset, found.total, -1) === null;
    next.disabled = pageOffset(found.offset, found.total, 1) === null;
    mark(chosen);
  };

  return {
    element,
    show,
    mark,
    loading() {
      element.setAttribute('aria-busy', 'true');
      setText(status, t('recordings.searching'));
    },
    failed(text: string) {
      page = null;
      element.removeAttribute('aria-busy');
      setText(status, text);
      rows.replaceChildren();
      scroll.hidden = true;
      setText(range, '');
      previous.disabled = next.disabled = true;
    },
    /** Writes the rows again (the agents' names have arrived). */
    relabel() {
      if (page) {
        show(page, chosenId);
      }
    },
    /** A call has changed on the server (its legal hold): its row opens it as it is now. Left
     *  alone while a search is on its way: its answer has the call as it is. */
    replace(record: CallRecord) {
      if (!element.hasAttribute('aria-busy') && page?.records.some((r) => r.id === record.id)) {
        show({ ...page, records: page.records.map((r) => (r.id === record.id ? record : r)) }, chosenId);
      }
    },
  };
}
