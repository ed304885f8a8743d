import type { MountPage } from '../app_context';
import type { Agent, QueueStats } from '../api/types';
import { formatDuration, formatInteger, formatPercent, formatSeconds } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import type { LiveState } from '../live/live_state';
import { h, setText } from '../ui/dom';
import { kpiTile } from '../ui/kpi_tile';
import { syncRows } from '../ui/keyed_rows';
import { deskCallPanel } from './desk_call_panel';
import { deskEvaluations } from './desk_evaluations';
import { deskStatePanel } from './desk_state_panel';
import { longestWaitMs } from './queue_figures';
import { renderLive } from '../live/render_live';

function myQueues(agent: Agent, state: LiveState): QueueStats[] {
  return agent.memberships
    .map((membership) => state.queues.get(membership.queue))
    .filter((queue): queue is QueueStats => queue !== undefined);
}

/** The agent's own page: state and its buttons, their queues' waiting callers, the current
 *  call with what the caller typed, their figures today, and the evaluations of their calls. */
export const mountDesk: MountPage = (root, context) => {
  const agentId = context.user.agent!;
  const statePanel = deskStatePanel(context, agentId);
  const callPanel = deskCallPanel(context);
  const evaluations = deskEvaluations(context, agentId);
  const queueRows = h('tbody', {});
  const today = {
    answered: kpiTile('calls-answered', t('desk.calls_answered')),
    handled: kpiTile('handled', t('desk.handled')),
    talk: kpiTile('talk', t('desk.talk_time')),
    aht: kpiTile('aht', t('kpi.aht')),
    occupancy: kpiTile('occupancy', t('kpi.occupancy')),
  };
  const waitingNote = h('p', { class: 'empty' });
  root.append(
    h('h1', { class: 'page-title' }, t('page.desk')),
    waitingNote,
    h(
      'div',
      { class: 'desk-grid' },
      statePanel.element,
      callPanel.element,
      h(
        'section',
        { class: 'panel desk-queues' },
        h('h2', {}, t('desk.my_queues')),
        h('table', { class: 'table' }, h('thead', {}, h('tr', {}, h('th', {}, t('call.queue')), h('th', {}, t('kpi.waiting')), h('th', {}, t('kpi.longest_wait')))), queueRows),
      ),
      h('section', { class: 'panel desk-today' }, h('h2', {}, t('desk.my_day')), h('div', { class: 'tiles' }, ...Object.values(today).map((tile) => tile.element))),
      evaluations.element,
    ),
  );

  const render = () => {
    const state = context.live.current();
    const now = Date.now();
    const language = currentLanguage();
    const agent = state.agents.get(agentId);
    setText(waitingNote, agent ? '' : t('live.waiting_for_data'));
    if (!agent) {
      return;
    }
    statePanel.update(agent, state, now);
    callPanel.update(agent.call ? (state.calls.get(agent.call) ?? null) : null, state, now);
    syncRows(
      queueRows,
      myQueues(agent, state),
      (queue) => queue.queue ?? '',
      (queue) => h('tr', { 'data-queue': queue.queue ?? '' }, h('td', {}, queue.queue ?? ''), h('td', { 'data-kpi': 'waiting' }), h('td', { 'data-kpi': 'longest-wait' })),
      (row, queue) => {
        setText(row.children[1]!, formatInteger(queue.waiting, language));
        setText(row.children[2]!, formatDuration(longestWaitMs(queue, state, now), language));
      },
    );
    today.answered.set(formatInteger(agent.today.calls_answered, language));
    today.handled.set(formatInteger(agent.today.handled, language));
    today.talk.set(formatDuration(agent.today.talk_ms, language));
    today.aht.set(formatSeconds(agent.today.aht_s, language));
    today.occupancy.set(formatPercent(agent.today.occupancy, language));
  };
  const stopRendering = renderLive(context, render);
  return () => {
    stopRendering();
    callPanel.unmount();
    evaluations.dispose();
  };
};
