import type { MountPage } from '../app_context';
import { t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorText } from '../ui/labels';
import { alertRules } from './alert_rules';
import { alertsHistory } from './alerts_history';

/** The Alerts page (managers and supervisors; docs/alerts.md): the KPI alerts up now and the
 *  latest cleared, read every 5 s, acknowledged here as on the console (alerts_history.ts);
 *  and the rules that raise them, read-only from the configuration file, made, changed and
 *  deleted here (alert_rules.ts). */
export const mountAlerts: MountPage = (root, context) => {
  const { api } = context;
  const agentNames = new Map<string, string>();
  let gone = false;
  const history = alertsHistory({
    api,
    agentName: (id) => agentNames.get(id) ?? id,
    onError: (error) => context.notice.show(errorText(error)),
  });
  const rules = alertRules(context);
  root.append(h('h1', { class: 'page-title' }, t('alerts.title')), history.element, rules.element);

  // The agents' names for the alerts about an agent, and the queues a rule may name.
  void Promise.all([api.agents(), api.queues()])
    .then(([{ agents }, { queues }]) => {
      if (gone) {
        return;
      }
      agents.forEach((agent) => agentNames.set(agent.id, agent.name));
      history.relabel();
      rules.setQueues(queues.map((queue) => queue.name));
    })
    .catch((error: unknown) => context.notice.show(errorText(error)));

  return () => {
    gone = true;
    history.dispose();
    rules.dispose();
  };
};
