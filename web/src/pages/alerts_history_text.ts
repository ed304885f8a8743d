import type { Alert, Language } from '../api/types';
import { formatDateTime } from '../format/dates';
import { kNoData } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { isPerAgent, stateNameKey } from './alert_measures';
import { alertFigure, conditionText } from './alerts_text';
import { isolated } from './report_figures';

// The KPI alerts' history on the Alerts page, cell by cell, in the reader's language, digits
// and calendar (Jalali in Persian): "sales", "62%", "Below 80%", "۱۴۰۵/۰۹/۱۶ ۱۰:۱۷", "Up
// now", "supervisor, 10:20". Pure: the language (and, for tests, the time zone) comes in.

/** The latest raised first (the server sends them so; a page that merged an acknowledgement's
 *  answer keeps the order too), ties by the later id. */
export function newestFirst(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => b.raised_at_ms - a.raised_at_ms || b.id - a.id);
}

/** What the alert is about: a queue, "The whole centre", an agent by name, or a trunk. */
export function alertSubjectText(alert: Pick<Alert, 'measure' | 'subject'>, language: Language, agentName: (id: string) => string): string {
  if (alert.subject === '') {
    return translate(language, 'reports.centre');
  }
  return isolated(isPerAgent(alert.measure) ? agentName(alert.subject) : alert.subject, language);
}

/** The figure when it was raised, in the measure's unit; for a state (a trunk unreachable,
 *  value 1) the state in words. */
export function alertValueText(alert: Pick<Alert, 'measure' | 'value'>, language: Language): string {
  const state = stateNameKey(alert.measure);
  return state ? translate(language, state) : alertFigure(alert.measure, alert.value, language);
}

/** The threshold it crossed, and which way: "Below 80%". */
export function alertConditionText(alert: Pick<Alert, 'measure' | 'threshold'>, language: Language): string {
  return conditionText(alert.measure, alert.threshold, language);
}

/** When it cleared, or "Up now". */
export function clearedText(alert: Pick<Alert, 'active' | 'cleared_at_ms'>, language: Language, timeZone?: string): string {
  if (alert.active) {
    return translate(language, 'alerts.up_now');
  }
  return alert.cleared_at_ms === null ? kNoData : formatDateTime(alert.cleared_at_ms, language, timeZone);
}

/** Who said they are on it and when ("supervisor, ۱۴۰۵/۰۹/۱۶ ۱۰:۲۰"), "–" while nobody has. */
export function acknowledgedCellText(alert: Pick<Alert, 'acknowledged_by' | 'acknowledged_at_ms'>, language: Language, timeZone?: string): string {
  if (alert.acknowledged_by === null) {
    return kNoData;
  }
  const user = isolated(alert.acknowledged_by, language);
  if (alert.acknowledged_at_ms === null) {
    return user;
  }
  return translate(language, 'alerts.by_at', { user, time: isolated(formatDateTime(alert.acknowledged_at_ms, language, timeZone), language) });
}

/** Whether the page offers Acknowledge: the alert is up and nobody has said they are on it. */
export function canBeAcknowledged(alert: Pick<Alert, 'active' | 'acknowledged_by'>): boolean {
  return alert.active && alert.acknowledged_by === null;
}
