// The JSON shapes of docs/api.md "Alerts" (GET /api/v1/alerts) and docs/alerts.md. Re-exported
// by types.ts, which the pages import.

/** What a rule watches (docs/alerts.md "Rules"): a share 0..1 (`service-level`,
 *  `abandon-rate`), a count (`waiting`, `agents-available`) or seconds (`longest-wait`,
 *  `agent-paused`). */
export type AlertMeasure = 'service-level' | 'abandon-rate' | 'waiting' | 'longest-wait' | 'agents-available' | 'agent-paused' | 'breaks-today';

/** One KPI alert, up now (`active`) or cleared. */
export interface Alert {
  id: number;
  /** The rule's name in the configuration ("support-no-one-free"). */
  rule: string;
  measure: AlertMeasure;
  /** The queue, "" for the centre, or the agent for `agent-paused` and `breaks-today`. */
  subject: string;
  /** The rule's queue, or null. */
  queue: string | null;
  /** The figure when raised: a share 0..1, a count or seconds. */
  value: number;
  threshold: number;
  active: boolean;
  raised_at_ms: number;
  cleared_at_ms: number | null;
  /** The supervisor or manager who said they are on it; null until then. */
  acknowledged_by: string | null;
  acknowledged_at_ms: number | null;
}
