import type { AlertMeasure, AlertWindow } from '../api/types';
import { msg, type MessageKey } from '../i18n/messages';

// What each KPI alert measure is (docs/alerts.md "Rules"): its name for people, the unit its
// threshold is in, whether it goes bad below or above the threshold, and whether it is read
// over a window. Pure: one table the rules' form, their list and the alerts' history share.

export const kAlertMeasures: readonly AlertMeasure[] = ['service-level', 'abandon-rate', 'waiting', 'longest-wait', 'agents-available', 'agent-paused', 'breaks-today'];

export const kAlertWindows: readonly AlertWindow[] = ['interval', 'last-hour', 'today'];

/** How a threshold is written: a share 0..1 as a percentage, seconds as m:ss, or a count. */
export type ThresholdUnit = 'percent' | 'seconds' | 'count';

interface MeasureFacts {
  name: MessageKey;
  unit: ThresholdUnit;
  /** Bad when the figure is below the threshold (else above). */
  below: boolean;
  /** Read over `window`, and no data under `min_calls` calls. */
  windowed: boolean;
  /** One alert per agent (the subject is the agent); the rule's queue picks its agents. */
  perAgent: boolean;
}

const kFacts: Record<AlertMeasure, MeasureFacts> = {
  'service-level': { name: msg('kpi.service_level'), unit: 'percent', below: true, windowed: true, perAgent: false },
  'abandon-rate': { name: msg('kpi.abandon_rate'), unit: 'percent', below: false, windowed: true, perAgent: false },
  waiting: { name: msg('alert_rules.measure_waiting'), unit: 'count', below: false, windowed: false, perAgent: false },
  'longest-wait': { name: msg('kpi.longest_wait'), unit: 'seconds', below: false, windowed: false, perAgent: false },
  'agents-available': { name: msg('alert_rules.measure_agents_available'), unit: 'count', below: true, windowed: false, perAgent: false },
  'agent-paused': { name: msg('alert_rules.measure_agent_paused'), unit: 'seconds', below: false, windowed: false, perAgent: true },
  'breaks-today': { name: msg('alert_rules.measure_breaks_today'), unit: 'seconds', below: false, windowed: false, perAgent: true },
};

export const kWindowNames: Record<AlertWindow, MessageKey> = {
  interval: msg('alert_rules.window_interval'),
  'last-hour': msg('alert_rules.window_last_hour'),
  today: msg('alert_rules.window_today'),
};

/** The facts of a measure the page knows; null for one added to the server after it. */
function facts(measure: string): MeasureFacts | null {
  return Object.hasOwn(kFacts, measure) ? kFacts[measure as AlertMeasure] : null;
}

export function isAlertMeasure(value: string): value is AlertMeasure {
  return facts(value) !== null;
}

/** The measure's name for people ("Service level"); null for a measure the page does not know. */
export function measureNameKey(measure: string): MessageKey | null {
  return facts(measure)?.name ?? null;
}

/** A measure the page does not know is shown as a plain number. */
export function thresholdUnit(measure: string): ThresholdUnit | null {
  return facts(measure)?.unit ?? null;
}

/** Whether the measure goes bad below its threshold (service level, agents available). */
export function badBelow(measure: string): boolean {
  return facts(measure)?.below ?? false;
}

export function isWindowed(measure: string): boolean {
  return facts(measure)?.windowed ?? false;
}

export function isPerAgent(measure: string): boolean {
  return facts(measure)?.perAgent ?? false;
}
