import type { Api } from '../api/endpoints';
import type { Alert } from '../api/types';
import { formatDateTime } from '../format/dates';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setData, setText } from '../ui/dom';
import { syncRows } from '../ui/keyed_rows';
import { errorText } from '../ui/labels';
import { measureName } from './alert_rule_text';
import { pollAlerts, withAlert } from './alerts_poll';
import { acknowledgedCellText, alertConditionText, alertSubjectText, alertValueText, canBeAcknowledged, clearedText, newestFirst } from './alerts_history_text';

const kColumns = [
  msg('alert_rules.rule'),
  msg('alert_rules.measure'),
  msg('alerts.subject'),
  msg('alerts.value'),
  msg('alert_rules.threshold'),
  msg('alerts.raised'),
  msg('alerts.cleared'),
  msg('alerts.acknowledged'),
  msg('console.actions'),
];

export interface AlertsHistoryHandlers {
  api: Pick<Api, 'alerts' | 'acknowledgeAlert'>;
  /** An agent's name where the page knows it (the subject of a pause's alert is the agent). */
  agentName(id: string): string;
  /** An acknowledgement refused (409: someone was quicker; the message says who). */
  onError(error: unknown): void;
}

/** "History" on the Alerts page: the KPI alerts up now and the latest cleared (GET
 *  /api/v1/alerts, in the reader's scope), the latest first: the rule, what it measures, of
 *  what, the figure and the threshold it crossed, when raised and cleared, who acknowledged
 *  it and when, and Acknowledge for one up that nobody has. Read every 5 s, as the banner
 *  does; rows are kept across readings, so a button keeps its focus. A failed reading keeps
 *  the last and says they may be out of date. `dispose` stops the polling. */
export function alertsHistory(handlers: AlertsHistoryHandlers) {
  const rows = h('tbody', { 'data-testid': 'alerts-history-rows' });
  const table = h(
    'table',
    { class: 'table records-table alerts-history-table', 'data-testid': 'alerts-history', hidden: true },
    h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', { scope: 'col' }, t(key))))),
    rows,
  );
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'alerts-history-status' }, t('schedules.loading'));
  const element = h(
    'section',
    { class: 'panel alerts-history', 'data-testid': 'alerts-history-part', 'aria-labelledby': 'alerts-history-title', 'aria-busy': 'true' },
    h('h2', { id: 'alerts-history-title' }, t('alerts.history')),
    h('p', { class: 'hint' }, t('alerts.history_hint')),
    status,
    h('div', { class: 'table-scroll' }, table),
  );
  let alerts: Alert[] = [];
  let loaded = false;
  let disposed = false;
  const sending = new Set<number>();

  const acknowledge = async (id: number) => {
    if (sending.has(id)) {
      return;
    }
    sending.add(id);
    render();
    try {
      const { alert } = await handlers.api.acknowledgeAlert(id);
      alerts = withAlert(alerts, alert);
    } catch (error) {
      handlers.onError(error);
    } finally {
      sending.delete(id);
      if (!disposed) {
        render();
        poll.refresh();
      }
    }
  };

  const createRow = (alert: Alert) => {
    const cell = (name: string, numeric = false) => h('td', { 'data-cell': name, class: numeric ? 'num' : undefined });
    const rule = h('bdi', {});
    // Screen readers say which alert a button acknowledges: its rule.
    const ruleId = `alert-history-${alert.id}-rule`;
    const button = h('button', { type: 'button', 'data-action': 'acknowledge', 'aria-describedby': ruleId, onclick: () => void acknowledge(alert.id) }, t('alerts.acknowledge'));
    return h(
      'tr',
      { 'data-alert': alert.id, 'data-rule': alert.rule, 'data-measure': alert.measure, 'data-subject': alert.subject },
      h('td', { 'data-cell': 'rule', id: ruleId }, rule),
      cell('measure'),
      cell('subject'),
      cell('value', true),
      cell('threshold'),
      cell('raised', true),
      cell('cleared', true),
      cell('acknowledged'),
      h('td', {}, h('div', { class: 'actions' }, button)),
    );
  };

  const updateRow = (row: HTMLElement, alert: Alert) => {
    const language = currentLanguage();
    const text = (name: string, value: string) => setText(row.querySelector(`[data-cell="${name}"]`)!, value);
    setData(row, 'active', String(alert.active));
    setData(row, 'acknowledged', String(alert.acknowledged_by !== null));
    setText(row.querySelector('[data-cell="rule"] bdi')!, alert.rule);
    text('measure', measureName(alert.measure, language));
    text('subject', alertSubjectText(alert, language, handlers.agentName));
    text('value', alertValueText(alert, language));
    text('threshold', alertConditionText(alert, language));
    text('raised', formatDateTime(alert.raised_at_ms, language));
    text('cleared', clearedText(alert, language));
    text('acknowledged', acknowledgedCellText(alert, language));
    const button = row.querySelector<HTMLButtonElement>('button[data-action="acknowledge"]')!;
    button.hidden = !canBeAcknowledged(alert);
    button.disabled = sending.has(alert.id);
  };

  function render(): void {
    syncRows(rows, alerts, (alert) => String(alert.id), createRow, updateRow);
    table.hidden = alerts.length === 0;
  }

  const poll = pollAlerts({
    load: () => handlers.api.alerts().then((answer) => answer.alerts),
    onAlerts: (latest) => {
      alerts = newestFirst(latest);
      loaded = true;
      element.removeAttribute('aria-busy');
      setText(status, alerts.length === 0 ? t('alerts.none') : '');
      render();
    },
    onError: (error) => {
      element.removeAttribute('aria-busy');
      setText(status, loaded ? t('alerts.not_up_to_date', { error: errorText(error) }) : errorText(error));
    },
  });

  return {
    element,
    /** The agents' names have come: the rows are written again with them. */
    relabel: render,
    dispose() {
      disposed = true;
      poll.stop();
    },
  };
}
