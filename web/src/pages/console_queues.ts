import type { QueueStats } from '../api/types';
import { t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { orderedQueues, type LiveState } from '../live/live_state';
import { h, setData, setText } from '../ui/dom';
import { syncRows } from '../ui/keyed_rows';
import { queueFigures } from './queue_figures';

const kColumns = [
  msg('call.queue'),
  msg('kpi.waiting'),
  msg('kpi.longest_wait'),
  msg('kpi.service_level_today'),
  msg('kpi.answered'),
  msg('kpi.abandoned'),
  msg('kpi.asa'),
  msg('kpi.aht'),
  msg('console.agents_free'),
];

/** One row per queue and a totals row: the wallboard's figures in a table. */
export function consoleQueues() {
  const rows = h('tbody', { 'data-testid': 'queue-table' });
  const element = h(
    'section',
    { class: 'panel console-queues' },
    h('h2', {}, t('console.queues')),
    h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', {}, t(key))))), rows),
  );
  const createRow = (queue: QueueStats) =>
    h('tr', { 'data-queue': queue.queue ?? '' }, h('th', { scope: 'row' }, queue.queue ?? t('console.totals')), ...kColumns.slice(1).map(() => h('td', { class: 'num' })));

  const update = (state: LiveState, now: number) => {
    const queues = orderedQueues(state);
    const all = state.totals ? [...queues, state.totals] : queues;
    syncRows(rows, all, (queue) => queue.queue ?? '', createRow, (row, queue) => {
      const f = queueFigures(queue, state, now);
      const cells = row.children;
      const values = [f.waiting, f.longestWait, f.serviceLevel, f.answered, f.abandoned, f.asa, f.aht, t('console.free_of', { free: f.agentsFree, total: f.agentsLoggedIn })];
      values.forEach((value, i) => setText(cells[i + 1]!, value));
      setData(cells[3] as HTMLElement, 'tone', f.serviceLevelColour);
      (cells[3] as HTMLElement).title = f.target;
    });
  };
  return { element, update };
}
