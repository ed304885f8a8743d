import type { AlertRule, Language, User } from '../api/types';
import { formatDateTime } from '../format/dates';
import { formatInteger, kNoData } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { isPerAgent, isPerTrunk, isWindowed, kWindowNames, measureNameKey, minimumOf } from './alert_measures';
import { conditionText } from './alerts_text';
import { isolated } from './report_figures';
import { recipientsText } from './schedule_text';

// A KPI alert rule as the Alerts page's table writes it, in the reader's language and digits:
// "Service level", "sales", "Below 80%", "Last hour", "5", "Evaluations: 5", "5 min",
// "Configuration file". Pure: the language (and, for tests, the time zone) comes in.

const kLanguageNames = { en: msg('language.en'), fa: msg('language.fa'), ar: msg('language.ar') } as const;

/** Who may open the rules (docs/api.md /api/v1/alert-rules): managers and supervisors. */
export function canManageRules(user: Pick<User, 'role'>): boolean {
  return user.role === 'manager' || user.role === 'supervisor';
}

/** Whether the page offers Edit and Delete: the server says the reader may change it, and it
 *  was made here (a rule of the configuration file is changed in the file). */
export function isChangeable(rule: Pick<AlertRule, 'editable' | 'source'>): boolean {
  return rule.editable && rule.source === 'api';
}

/** "Service level", "Agents available"; a measure added to the server later, as it is named. */
export function measureName(measure: string, language: Language): string {
  const key = measureNameKey(measure);
  return key ? translate(language, key) : measure;
}

/** What the rule watches: "sales" (a queue), "The whole centre", for a measure per agent
 *  "Every agent" or "Agents of sales", and for a trunk's "Every trunk" (it has no queue). */
export function ruleQueueText(rule: Pick<AlertRule, 'measure' | 'queue'>, language: Language): string {
  if (isPerTrunk(rule.measure)) {
    return translate(language, 'alert_rules.every_trunk');
  }
  if (rule.queue === null) {
    return translate(language, isPerAgent(rule.measure) ? msg('alert_rules.every_agent') : msg('reports.centre'));
  }
  const queue = isolated(rule.queue, language);
  return isPerAgent(rule.measure) ? translate(language, 'alert_rules.agents_of', { queue }) : queue;
}

/** "Below 80%", "Above 15:00"; "–" for a trunk unreachable, which has no threshold. */
export function ruleConditionText(rule: Pick<AlertRule, 'measure' | 'threshold'>, language: Language): string {
  return conditionText(rule.measure, rule.threshold, language);
}

/** The span the figure is read over, "–" for a measure that has none. */
export function windowText(rule: Pick<AlertRule, 'measure' | 'window'>, language: Language): string {
  if (!isWindowed(rule.measure)) {
    return kNoData;
  }
  const window = rule.window ?? 'interval';
  return Object.hasOwn(kWindowNames, window) ? translate(language, kWindowNames[window]) : window;
}

/** The fewest calls that make a figure ("5"), or for a QA score the fewest evaluations
 *  ("Evaluations: 5": the column is headed in calls); "–" for a measure with no such floor. */
export function minCallsText(rule: Pick<AlertRule, 'measure' | 'min_calls'>, language: Language): string {
  switch (minimumOf(rule.measure)) {
    case 'calls':
      return formatInteger(rule.min_calls, language);
    case 'evaluations':
      return translate(language, 'quality.evaluation_count', { count: formatInteger(rule.min_calls, language) });
    default:
      return kNoData;
  }
}

/** How long before raising or clearing: "At once", "5 min", "30 s". */
export function delayText(seconds: number, language: Language): string {
  if (seconds <= 0) {
    return translate(language, 'alert_rules.at_once');
  }
  if (seconds % 60 === 0) {
    return translate(language, 'alert_rules.minutes', { minutes: formatInteger(seconds / 60, language) });
  }
  return translate(language, 'alert_rules.seconds', { seconds: formatInteger(seconds, language) });
}

/** Who is mailed and in which language ("boss@example.com (فارسی)"), "–" for nobody. */
export function mailText(rule: Pick<AlertRule, 'email' | 'language'>, language: Language): string {
  if (rule.email.length === 0) {
    return kNoData;
  }
  const named = Object.hasOwn(kLanguageNames, rule.language) ? translate(language, kLanguageNames[rule.language]) : rule.language;
  return translate(language, 'alert_rules.mail_in', { addresses: recipientsText(rule.email, language), language: named });
}

/** "Configuration file", or who made it here and when it last changed. */
export function sourceText(rule: Pick<AlertRule, 'source' | 'created_by' | 'updated_at_ms'>, language: Language, timeZone?: string): string {
  if (rule.source === 'configuration') {
    return translate(language, 'alert_rules.from_configuration');
  }
  const user = rule.created_by === null ? kNoData : isolated(rule.created_by, language);
  if (rule.updated_at_ms === null) {
    return user;
  }
  return translate(language, 'alerts.by_at', { user, time: isolated(formatDateTime(rule.updated_at_ms, language, timeZone), language) });
}

/** The list's cells for `rule`, in the table's order (kRuleColumns in alert_rules.ts). */
export function ruleCells(rule: AlertRule, language: Language, timeZone?: string): string[] {
  return [
    rule.name,
    measureName(rule.measure, language),
    ruleQueueText(rule, language),
    ruleConditionText(rule, language),
    windowText(rule, language),
    minCallsText(rule, language),
    delayText(rule.raise_after_s, language),
    delayText(rule.clear_after_s, language),
    mailText(rule, language),
    sourceText(rule, language, timeZone),
  ];
}
