import type { MountPage } from '../app_context';
import { t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { alertsBanner } from './alerts_banner';
import { canAcknowledge } from './alerts_text';
import { consoleAgents } from './console_agents';
import { consoleCalls } from './console_calls';
import { consoleChart } from './console_chart';
import { consoleQueues } from './console_queues';
import { renderLive } from '../live/render_live';

/** The supervisor's page: the KPI alerts up now, agents, live calls with actions, queues, and
 *  today's chart. */
export const mountConsole: MountPage = (root, context) => {
  const alerts = alertsBanner(context, { acknowledge: canAcknowledge(context.user) });
  const agents = consoleAgents(context);
  const calls = consoleCalls(context);
  const queues = consoleQueues();
  const chart = consoleChart(context);
  root.append(
    h('h1', { class: 'page-title' }, t('page.console')),
    alerts.element,
    h('div', { class: 'console-grid' }, queues.element, calls.element, agents.element, chart.element),
  );
  const render = () => {
    const state = context.live.current();
    const now = Date.now();
    queues.update(state, now);
    calls.update(state, now);
    agents.update(state, now);
  };
  const stop = renderLive(context, render);
  return () => {
    stop();
    alerts.dispose();
    chart.dispose();
  };
};
