// The JSON shapes of docs/api.md "Alerts" (GET /api/v1/alerts, /api/v1/alert-rules) and
// docs/alerts.md. Re-exported by types.ts, which the pages import.

import type { Language } from './types';

/** What a rule watches (docs/alerts.md "Rules"): a share 0..1 (`service-level`,
 *  `abandon-rate`), a count (`waiting`, `agents-available`), seconds (`longest-wait`,
 *  `agent-paused`, `breaks-today`), an agent's QA score 0..100 (`qa-score`), or whether a SIP
 *  trunk answers its OPTIONS pings (`trunk-unreachable`: no threshold, 1 while unreachable). */
export type AlertMeasure =
  | 'service-level'
  | 'abandon-rate'
  | 'waiting'
  | 'longest-wait'
  | 'agents-available'
  | 'agent-paused'
  | 'breaks-today'
  | 'qa-score'
  | 'trunk-unreachable';

/** One KPI alert, up now (`active`) or cleared. */
export interface Alert {
  id: number;
  /** The rule's name in the configuration ("support-no-one-free"). */
  rule: string;
  measure: AlertMeasure;
  /** The queue, "" for the centre, the agent for `agent-paused`, `breaks-today` and
   *  `qa-score`, or the trunk's configured name for `trunk-unreachable`. */
  subject: string;
  /** The rule's queue, or null. */
  queue: string | null;
  /** The figure when raised: a share 0..1, a count, seconds, a score 0..100, or 1 for a trunk
   *  unreachable. */
  value: number;
  threshold: number;
  active: boolean;
  raised_at_ms: number;
  cleared_at_ms: number | null;
  /** The supervisor or manager who said they are on it; null until then. */
  acknowledged_by: string | null;
  acknowledged_at_ms: number | null;
}

/** The span a `service-level` or `abandon-rate` rule reads its figure over: the current
 *  interval of the stats (default), the last hour, or today. */
export type AlertWindow = 'interval' | 'last-hour' | 'today';

/** Where a rule comes from: the configuration file (read-only in the API) or made with the API. */
export type AlertRuleSource = 'configuration' | 'api';

/** A KPI alert rule (docs/api.md AlertRuleView, GET /api/v1/alert-rules). */
export interface AlertRule {
  /** 1-64 of a-z 0-9 - _; the key of the rule, in the path of PUT and DELETE. */
  name: string;
  measure: AlertMeasure;
  /** The queue, or null: the centre's totals (every agent for `agent-paused`,
   *  `breaks-today` and `qa-score`; every trunk for `trunk-unreachable`, which has none). */
  queue: string | null;
  /** A share 0..1 (`service-level`, `abandon-rate`), seconds (`longest-wait`,
   *  `agent-paused`, `breaks-today`), a score 0..100 (`qa-score`), 0 (`trunk-unreachable`)
   *  or a count. */
  threshold: number;
  /** Only for `service-level` and `abandon-rate`; the server may give null otherwise. */
  window: AlertWindow | null;
  /** The fewest calls (`service-level`, `abandon-rate`) or evaluations (`qa-score`) that make
   *  a figure. */
  min_calls: number;
  raise_after_s: number;
  clear_after_s: number;
  /** Mailed when raised and cleared (with a mail server). */
  email: string[];
  /** The mails' language. */
  language: Language;
  source: AlertRuleSource;
  /** Whether the reader may change it (a supervisor: their teams' queues; never a rule of the
   *  configuration file). */
  editable: boolean;
  created_by: string | null;
  updated_at_ms: number | null;
}

/** GET /api/v1/alert-rules: the rules by name, and whether a mail server is configured (so
 *  `email` may be given). */
export interface AlertRuleList {
  rules: AlertRule[];
  mail: boolean;
}

/** The body of POST /api/v1/alert-rules and PUT /api/v1/alert-rules/{name}. `window` only for
 *  the measures that have one, `email` only with a mail server. */
export interface AlertRuleBody {
  name: string;
  measure: AlertMeasure;
  queue: string | null;
  threshold: number;
  window?: AlertWindow;
  min_calls: number;
  raise_after_s: number;
  clear_after_s: number;
  email?: string[];
  language: Language;
}
