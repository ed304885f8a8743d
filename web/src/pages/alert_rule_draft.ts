import type { AlertMeasure, AlertRule, AlertRuleBody, AlertWindow, Language } from '../api/types';
import { latinDigits, localizeDigits } from '../format/numbers';
import { msg, type MessageKey } from '../i18n/messages';
import { isPerTrunk, isWindowed, thresholdUnit, type ThresholdUnit } from './alert_measures';
import { minutesText, parseMinutes, parseThreshold, thresholdText } from './alert_threshold';
import { looksLikeAddress, parseRecipients } from './schedule_draft';

// The alert rule form's state, as typed, and the body it sends (docs/api.md POST and PUT
// /api/v1/alert-rules). Pure: no DOM. The server checks every rule and names the field it
// refuses (`threshold`, `email[0]`); here only what is plainly wrong is caught first, with
// the same field names, so both show beside the same control. Ranges (a share over 1, a QA
// score over 100) are left to the server, which knows them.

/** 1-64 of a-z 0-9 - _ (docs/api.md). */
const kNamePattern = /^[a-z0-9_-]{1,64}$/;
export const kMaxNameLength = 64;
export const kMaxMinCalls = 10_000;
export const kMaxAddresses = 20;

/** The defaults of docs/api.md: 5 calls, raised at once, cleared after 2 minutes. */
const kDefaults = { minCalls: 5, raiseAfterS: 0, clearAfterS: 120 };

export interface AlertRuleDraft {
  /** The name of the rule edited; null for a new one (its name is then typed). */
  editing: string | null;
  name: string;
  measure: AlertMeasure;
  /** The queue, or "" for the centre (every agent, for a measure per agent); not sent for a
   *  trunk's measure, whose rules have none. */
  queue: string;
  /** As typed, in the measure's unit and any digits: "80", "۱۵:۰۰", "3"; not read for a
   *  measure without a threshold (a trunk unreachable: 0 is sent). */
  threshold: string;
  window: AlertWindow;
  minCalls: string;
  /** Minutes, as typed. */
  raiseAfter: string;
  clearAfter: string;
  /** As typed: one address a line, or separated by commas. */
  email: string;
  language: Language;
}

/** Something the form will not send: the API's name for its field and what to say. */
export interface RuleProblem {
  field: string;
  message: MessageKey;
  params?: Record<string, string>;
}

/** What the form knows beyond the draft: whether the centre has a mail server (else no
 *  `email` is sent), and whether the author must name a queue (a supervisor). */
export interface RuleBodyOptions {
  mail: boolean;
  queueRequired: boolean;
}

/** A new rule: the service level, over the current interval, in the author's language, on
 *  `queue` ("" for the centre). */
export function newRuleDraft(language: Language, queue: string): AlertRuleDraft {
  return {
    editing: null,
    name: '',
    measure: 'service-level',
    queue,
    threshold: '',
    window: 'interval',
    minCalls: localizeDigits(String(kDefaults.minCalls), language),
    raiseAfter: minutesText(kDefaults.raiseAfterS, language),
    clearAfter: minutesText(kDefaults.clearAfterS, language),
    email: '',
    language,
  };
}

/** A saved rule in the form, to change it; figures in the reader's digits and units. */
export function draftFromRule(rule: AlertRule, language: Language): AlertRuleDraft {
  return {
    editing: rule.name,
    name: rule.name,
    measure: rule.measure,
    queue: rule.queue ?? '',
    threshold: thresholdText(rule.measure, rule.threshold, language),
    window: rule.window ?? 'interval',
    minCalls: localizeDigits(String(rule.min_calls), language),
    raiseAfter: minutesText(rule.raise_after_s, language),
    clearAfter: minutesText(rule.clear_after_s, language),
    email: rule.email.join('\n'),
    language: rule.language,
  };
}

const kThresholdProblems: Record<ThresholdUnit, MessageKey> = {
  percent: msg('alert_rules.error_threshold_percent'),
  score: msg('alert_rules.error_threshold_score'),
  seconds: msg('alert_rules.error_threshold_seconds'),
  count: msg('alert_rules.error_threshold_count'),
};

/** What to say about a threshold of `measure` that is refused, by us or by the server. */
export function thresholdProblem(measure: string): MessageKey {
  return kThresholdProblems[thresholdUnit(measure) ?? 'count'];
}

/** The body to send for `draft`, or the first thing wrong with it, in the form's order. */
export function ruleBody(draft: AlertRuleDraft, options: RuleBodyOptions): { body: AlertRuleBody } | { problem: RuleProblem } {
  const name = draft.editing ?? draft.name.trim();
  if (!kNamePattern.test(name)) {
    return { problem: { field: 'name', message: msg('alert_rules.error_name') } };
  }
  // A trunk's rule names no queue: the queue box, hidden, is not sent.
  const queue = isPerTrunk(draft.measure) ? '' : draft.queue;
  if (options.queueRequired && queue === '') {
    return { problem: { field: 'queue', message: msg('alert_rules.error_queue') } };
  }
  const threshold = parseThreshold(draft.measure, draft.threshold);
  if (threshold === null) {
    return { problem: { field: 'threshold', message: thresholdProblem(draft.measure) } };
  }
  const minCalls = latinDigits(draft.minCalls.trim());
  if (!/^\d{1,5}$/.test(minCalls) || Number(minCalls) > kMaxMinCalls) {
    return { problem: { field: 'min_calls', message: msg('alert_rules.error_min_calls') } };
  }
  const raiseAfter = parseMinutes(draft.raiseAfter);
  if (raiseAfter === null) {
    return { problem: { field: 'raise_after_s', message: msg('alert_rules.error_minutes') } };
  }
  const clearAfter = parseMinutes(draft.clearAfter);
  if (clearAfter === null) {
    return { problem: { field: 'clear_after_s', message: msg('alert_rules.error_minutes') } };
  }
  const email = options.mail ? parseRecipients(draft.email) : [];
  if (email.length > kMaxAddresses) {
    return { problem: { field: 'email', message: msg('alert_rules.error_email_count') } };
  }
  const wrong = email.findIndex((address) => !looksLikeAddress(address));
  if (wrong >= 0) {
    return { problem: { field: `email[${wrong}]`, message: msg('schedules.error_recipient'), params: { address: email[wrong]! } } };
  }
  return {
    body: {
      name,
      measure: draft.measure,
      queue: queue === '' ? null : queue,
      threshold,
      ...(isWindowed(draft.measure) ? { window: draft.window } : {}),
      min_calls: Number(minCalls),
      raise_after_s: raiseAfter,
      clear_after_s: clearAfter,
      // Without a mail server the server refuses `email`: none is sent.
      ...(options.mail ? { email } : {}),
      language: draft.language,
    },
  };
}

/** The form's controls. */
export type RuleControl = 'name' | 'measure' | 'queue' | 'threshold' | 'window' | 'min_calls' | 'raise_after' | 'clear_after' | 'email' | 'language';

const kFieldControls: Record<string, RuleControl> = {
  name: 'name',
  measure: 'measure',
  queue: 'queue',
  threshold: 'threshold',
  window: 'window',
  min_calls: 'min_calls',
  raise_after_s: 'raise_after',
  clear_after_s: 'clear_after',
  email: 'email',
  language: 'language',
};

/** The control an API field path belongs to: `email[1]` the addresses', `clear_after_s` the
 *  clear delay's; null for none (the error is then said under the buttons). */
export function controlOfRuleField(field: string | null): RuleControl | null {
  const head = field?.split(/[.[]/, 1)[0] ?? '';
  return Object.hasOwn(kFieldControls, head) ? kFieldControls[head]! : null;
}

/** The position of the address a field path names (`email[1]` → 1), else null. */
export function addressIndex(field: string | null): number | null {
  const match = /^email\[(\d+)\]$/.exec(field ?? '');
  return match ? Number(match[1]) : null;
}

/** The API field a refusal of the form is about: the one the server names; else the queue for
 *  `403 forbidden` (a supervisor naming no queue or another team's) and, for a new rule, `404
 *  not_found` (a queue that is not configured; on a change it is the rule that is gone) and
 *  `409 conflict` (the name is taken; on a change it is a rule of the configuration file). */
export function refusedRuleField(error: { code: string; field: string | null }, isNew: boolean): string | null {
  if (error.field) {
    return error.field;
  }
  if (error.code === 'forbidden' || (error.code === 'not_found' && isNew)) {
    return 'queue';
  }
  return error.code === 'conflict' && isNew ? 'name' : null;
}
