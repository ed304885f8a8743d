import type { Alert, Language, User } from '../api/types';
import { formatDateTime, formatShortDate, formatTime } from '../format/dates';
import { formatDecimal, formatInteger, formatPercent, formatSeconds, kNoData } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { badBelow, hasThreshold, thresholdUnit } from './alert_measures';
import { formatScore } from './evaluation_labels';
import { isolated } from './report_figures';

// A KPI alert (docs/alerts.md) as the banner's line reads it, in the reader's language and
// digits: "Service level of sales 62% (below 80%) since 10:17", "Trunk carrier unreachable
// since 10:17". Pure: the language (and, for tests, the time zone) comes in.

/** A figure or threshold of `measure` in its unit: shares as percentages, a QA score (0..100)
 *  as a percentage with one decimal as the Quality pages write it, counts whole, seconds as
 *  m:ss; a measure the page does not know as a plain number. */
export function alertFigure(measure: string, value: number, language: Language): string {
  switch (thresholdUnit(measure)) {
    case 'percent':
      return formatPercent(value, language);
    case 'score':
      return formatScore(value, language);
    case 'count':
      return formatInteger(value, language);
    case 'seconds':
      return formatSeconds(value, language);
    default:
      return formatDecimal(value, language);
  }
}

/** "Below 80%", "Above 15:00": when a rule of `measure` goes bad; "–" for a measure without
 *  a threshold (a trunk is bad when it stops answering). */
export function conditionText(measure: string, threshold: number, language: Language): string {
  if (!hasThreshold(measure)) {
    return kNoData;
  }
  return translate(language, badBelow(measure) ? msg('alert_rules.below') : msg('alert_rules.above'), { threshold: alertFigure(measure, threshold, language) });
}

/** What went bad, with the figure when raised and the threshold it crossed. */
export function alertText(alert: Alert, language: Language): string {
  const params = {
    value: alertFigure(alert.measure, alert.value, language),
    threshold: alertFigure(alert.measure, alert.threshold, language),
    // A queue's name (or an agent's id) kept whole inside a right-to-left sentence.
    queue: alert.subject === '' ? translate(language, 'alerts.centre') : isolated(alert.subject, language),
  };
  switch (alert.measure) {
    case 'service-level':
      return translate(language, 'alerts.service_level', params);
    case 'abandon-rate':
      return translate(language, 'alerts.abandon_rate', params);
    case 'waiting':
      return translate(language, 'alerts.waiting', params);
    case 'longest-wait':
      return translate(language, 'alerts.longest_wait', params);
    case 'agents-available':
      return translate(language, alert.value < 1 ? msg('alerts.no_one_free') : msg('alerts.few_free'), params);
    case 'agent-paused':
      return translate(language, 'alerts.agent_paused', { ...params, agent: isolated(alert.subject, language) });
    case 'breaks-today':
      return translate(language, 'alerts.breaks_today', { ...params, agent: isolated(alert.subject, language) });
    case 'qa-score':
      return translate(language, 'alerts.qa_score', { ...params, agent: isolated(alert.subject, language) });
    case 'trunk-unreachable':
      // The trunk's configured name; the value (1) says nothing more than the words.
      return translate(language, 'alerts.trunk_unreachable', { trunk: isolated(alert.subject, language) });
    default:
      // A measure added to the server after this page.
      return translate(language, 'alerts.other', { ...params, rule: isolated(alert.rule, language) });
  }
}

/** The banner's line: the alert and since when (the time of day, with the date when it was
 *  raised on another day than `nowMs`). */
export function alertLine(alert: Alert, nowMs: number, language: Language, timeZone?: string): string {
  const today = formatShortDate(alert.raised_at_ms, language, timeZone) === formatShortDate(nowMs, language, timeZone);
  const time = today ? formatTime(alert.raised_at_ms, language, timeZone) : formatDateTime(alert.raised_at_ms, language, timeZone);
  return translate(language, 'alerts.since', { alert: alertText(alert, language), time });
}

/** "Acknowledged by supervisor", or "" while nobody has. */
export function acknowledgedText(alert: Alert, language: Language): string {
  return alert.acknowledged_by === null ? '' : translate(language, 'alerts.acknowledged_by', { user: isolated(alert.acknowledged_by, language) });
}

/** Who may acknowledge an alert (docs/api.md POST /api/v1/alerts/{id}/acknowledge). */
export function canAcknowledge(user: Pick<User, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'supervisor';
}
