import type { AppContext } from '../app_context';
import type { Alert } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { h, setData, setText } from '../ui/dom';
import { syncRows } from '../ui/keyed_rows';
import { errorText } from '../ui/labels';
import { newAlerts, pollAlerts, withAlert } from './alerts_poll';
import { acknowledgedText, alertLine } from './alerts_text';

/** The KPI alerts up now (docs/alerts.md) on top of the console and the wallboard: a line per
 *  alert, the latest first, who acknowledged it, and with `acknowledge` (the console, for
 *  supervisors and managers) a button to say "I am on it". Hidden while nothing is up. A new
 *  alert is read out by screen readers; a failed poll keeps the last alerts and says they may
 *  be out of date. `dispose` stops the polling. */
export function alertsBanner(context: AppContext, options: { acknowledge: boolean }) {
  const list = h('ul', { class: 'alerts-list', 'data-testid': 'alerts-list' });
  const problem = h('p', { class: 'alerts-problem', 'data-testid': 'alerts-problem', hidden: true });
  const title = h('h2', { id: 'alerts-title' }, t('alerts.title'));
  const banner = h('section', { class: 'alerts-banner', 'data-testid': 'alerts-banner', 'aria-labelledby': title.id, hidden: true }, title, list, problem);
  // Outside the banner, which is hidden (and so silent) until the first alert arrives.
  const announcer = h('p', { class: 'sr-only', role: 'alert', 'data-testid': 'alerts-announcer' });
  const element = h('div', { class: 'alerts' }, banner, announcer);

  let alerts: Alert[] = [];
  let seen = new Set<number>();
  const sending = new Set<number>();
  let disposed = false;

  const acknowledge = async (id: number) => {
    if (sending.has(id)) {
      return;
    }
    sending.add(id);
    render();
    try {
      const { alert } = await context.api.acknowledgeAlert(id);
      alerts = withAlert(alerts, alert);
    } catch (error) {
      // 409: someone else was quicker (the server's message says who); the poll shows them.
      context.notice.show(errorText(error));
    } finally {
      sending.delete(id);
      if (!disposed) {
        render();
        poll.refresh();
      }
    }
  };

  const createRow = (alert: Alert) => {
    const text = h('span', { class: 'alert-text', id: `alert-${alert.id}-text` });
    const button = options.acknowledge
      ? h('button', { type: 'button', 'data-action': 'acknowledge', 'aria-describedby': text.id, onclick: () => void acknowledge(alert.id) }, t('alerts.acknowledge'))
      : null;
    return h(
      'li',
      { 'data-alert': alert.id, 'data-rule': alert.rule, 'data-measure': alert.measure, 'data-subject': alert.subject },
      text,
      h('span', { class: 'alert-acknowledged', 'data-testid': 'alert-acknowledged' }),
      button,
    );
  };

  const updateRow = (row: HTMLElement, alert: Alert) => {
    const language = currentLanguage();
    setData(row, 'acknowledged', alert.acknowledged_by === null ? 'false' : 'true');
    setText(row.querySelector('.alert-text')!, alertLine(alert, Date.now(), language));
    const acknowledged = row.querySelector<HTMLElement>('.alert-acknowledged')!;
    setText(acknowledged, acknowledgedText(alert, language));
    acknowledged.hidden = alert.acknowledged_by === null;
    const button = row.querySelector<HTMLButtonElement>('button[data-action="acknowledge"]');
    if (button) {
      button.hidden = alert.acknowledged_by !== null;
      button.disabled = sending.has(alert.id);
    }
  };

  function render(): void {
    syncRows(list, alerts, (alert) => String(alert.id), createRow, updateRow);
    banner.hidden = alerts.length === 0 && problem.hidden;
  }

  const poll = pollAlerts({
    load: () => context.api.activeAlerts().then((answer) => answer.alerts),
    onAlerts: (latest) => {
      alerts = latest;
      problem.hidden = true;
      render();
      const news = newAlerts(latest, seen);
      seen = news.seen;
      if (news.fresh.length > 0 || latest.length === 0) {
        setText(announcer, news.fresh.map((alert) => alertLine(alert, Date.now(), currentLanguage())).join('\n'));
      }
    },
    onError: (error) => {
      setText(problem, t('alerts.not_up_to_date', { error: errorText(error) }));
      problem.hidden = false;
      render();
    },
  });

  const dispose = () => {
    disposed = true;
    poll.stop();
  };
  return { element, dispose };
}
