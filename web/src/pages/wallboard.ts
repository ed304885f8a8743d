import type { MountPage } from '../app_context';
import type { QueueStats } from '../api/types';
import { t } from '../i18n/i18n';
import { orderedQueues, type LiveState } from '../live/live_state';
import { agentsByStateStrip } from '../ui/agents_by_state';
import { h, setText } from '../ui/dom';
import { kpiTile } from '../ui/kpi_tile';
import { syncRows } from '../ui/keyed_rows';
import { alertsBanner } from './alerts_banner';
import { queueFigures } from './queue_figures';
import { renderLive } from '../live/render_live';

/** One queue's card: big "waiting now", then the day's figures and who is logged in. */
function queueCard(queue: QueueStats): HTMLElement {
  const tiles = {
    waiting: kpiTile('waiting', t('kpi.waiting'), 'big'),
    longestWait: kpiTile('longest-wait', t('kpi.longest_wait'), 'big'),
    serviceLevel: kpiTile('service-level', t('kpi.service_level_today'), 'big'),
    answered: kpiTile('answered', t('kpi.answered')),
    abandoned: kpiTile('abandoned', t('kpi.abandoned')),
    asa: kpiTile('asa', t('kpi.asa')),
    aht: kpiTile('aht', t('kpi.aht')),
  };
  const strip = agentsByStateStrip();
  const card = h(
    'article',
    { class: 'queue-card', 'data-queue': queue.queue ?? '' },
    h('h2', {}, queue.queue ?? ''),
    h('div', { class: 'tiles big' }, tiles.waiting.element, tiles.longestWait.element, tiles.serviceLevel.element),
    h('div', { class: 'tiles' }, tiles.answered.element, tiles.abandoned.element, tiles.asa.element, tiles.aht.element),
    strip.element,
  );
  cardParts.set(card, { tiles, strip });
  return card;
}

type CardParts = { tiles: Record<string, ReturnType<typeof kpiTile>>; strip: ReturnType<typeof agentsByStateStrip> };
const cardParts = new WeakMap<HTMLElement, CardParts>();

function updateCard(card: HTMLElement, queue: QueueStats, state: LiveState, now: number): void {
  const parts = cardParts.get(card)!;
  const f = queueFigures(queue, state, now);
  parts.tiles.waiting!.set(f.waiting);
  parts.tiles.longestWait!.set(f.longestWait);
  parts.tiles.serviceLevel!.set(f.serviceLevel, f.target);
  parts.tiles.serviceLevel!.mark(f.serviceLevelColour);
  parts.tiles.answered!.set(f.answered);
  parts.tiles.abandoned!.set(f.abandoned);
  parts.tiles.asa!.set(f.asa);
  parts.tiles.aht!.set(f.aht);
  parts.strip.set(queue.agents);
}

/** The big-screen view: the KPI alerts up now (no buttons: nobody clicks a wall), a card per
 *  queue and the centre's agents by state, live. */
export const mountWallboard: MountPage = (root, context) => {
  const alerts = alertsBanner(context, { acknowledge: false });
  const cards = h('div', { class: 'queue-cards', 'data-testid': 'queue-cards' });
  const centre = agentsByStateStrip();
  const empty = h('p', { class: 'empty' });
  const centreSection = h('section', { class: 'centre' }, h('h2', {}, t('wallboard.agents_by_state')), centre.element);
  root.append(h('h1', { class: 'page-title' }, t('page.wallboard')), alerts.element, empty, cards, centreSection);

  const render = () => {
    const state = context.live.current();
    const now = Date.now();
    const queues = orderedQueues(state);
    setText(empty, state.seq === 0 ? t('live.waiting_for_data') : queues.length === 0 ? t('wallboard.no_queues') : '');
    syncRows(cards, queues, (q) => q.queue ?? '', queueCard, (card, queue) => updateCard(card, queue, state, now));
    // Agents get no centre totals (docs/api.md "Scope"): the section goes.
    centreSection.hidden = state.totals === null;
    if (state.totals) {
      centre.set(state.totals.agents);
    }
  };
  const stop = renderLive(context, render);
  return () => {
    stop();
    alerts.dispose();
  };
};
