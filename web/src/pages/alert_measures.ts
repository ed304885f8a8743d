import type { AlertMeasure, AlertWindow } from '../api/types';
import { msg, type MessageKey } from '../i18n/messages';

// What each KPI alert measure is (docs/alerts.md "Rules"): its name for people, the unit its
// threshold is in, whether it goes bad below or above the threshold, whether it is read over a
// window, what its `min_calls` counts, and what it watches. Pure: one table the rules' form,
// their list and the alerts' history share.

/** The queue's figures, then each agent's, then the centre's trunks: the measure select's order. */
export const kAlertMeasures: readonly AlertMeasure[] = [
  'service-level',
  'abandon-rate',
  'waiting',
  'longest-wait',
  'agents-available',
  'agent-paused',
  'breaks-today',
  'qa-score',
  'trunk-unreachable',
];

export const kAlertWindows: readonly AlertWindow[] = ['interval', 'last-hour', 'today'];

/** How a threshold is written: a share 0..1 as a percentage, a score that is a percentage
 *  already (0..100, as the server takes it), seconds as m:ss, or a count. */
export type ThresholdUnit = 'percent' | 'score' | 'seconds' | 'count';

/** What a rule's `min_calls` counts before a figure is data: calls, or an agent's evaluations. */
export type MinimumOf = 'calls' | 'evaluations';

interface MeasureFacts {
  name: MessageKey;
  unit: ThresholdUnit;
  /** Bad when the figure is below the threshold (else above). */
  below: boolean;
  /** Read over `window`. */
  windowed: boolean;
  /** What `min_calls` counts; null when the measure has no such floor. */
  minimum: MinimumOf | null;
  /** One alert per agent (the subject is the agent); the rule's queue picks its agents. */
  perAgent: boolean;
  /** Watches every trunk, one alert per trunk (the subject is the trunk's name): no queue. */
  perTrunk: boolean;
  /** A state rather than a figure (a trunk that stopped answering): no threshold to type (the
   *  server takes 0), and the alert's value, 1 while it lasts, is said in this word. */
  state: MessageKey | null;
}

const kFigure = { windowed: false, minimum: null, perAgent: false, perTrunk: false, state: null } as const;

const kFacts: Record<AlertMeasure, MeasureFacts> = {
  'service-level': { ...kFigure, name: msg('kpi.service_level'), unit: 'percent', below: true, windowed: true, minimum: 'calls' },
  'abandon-rate': { ...kFigure, name: msg('kpi.abandon_rate'), unit: 'percent', below: false, windowed: true, minimum: 'calls' },
  waiting: { ...kFigure, name: msg('alert_rules.measure_waiting'), unit: 'count', below: false },
  'longest-wait': { ...kFigure, name: msg('kpi.longest_wait'), unit: 'seconds', below: false },
  'agents-available': { ...kFigure, name: msg('alert_rules.measure_agents_available'), unit: 'count', below: true },
  'agent-paused': { ...kFigure, name: msg('alert_rules.measure_agent_paused'), unit: 'seconds', below: false, perAgent: true },
  'breaks-today': { ...kFigure, name: msg('alert_rules.measure_breaks_today'), unit: 'seconds', below: false, perAgent: true },
  // The average of the agent's submitted evaluations of the last 30 days; too few is no data.
  'qa-score': { ...kFigure, name: msg('alert_rules.measure_qa_score'), unit: 'score', below: true, minimum: 'evaluations', perAgent: true },
  'trunk-unreachable': {
    ...kFigure,
    name: msg('alert_rules.measure_trunk_unreachable'),
    unit: 'count',
    below: false,
    perTrunk: true,
    state: msg('alerts.unreachable'),
  },
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

/** The measures an author may choose: a rule without a queue (a trunk's) is the centre's, so
 *  only for one who may watch the centre (a manager; the server refuses a supervisor it). The
 *  measure of a rule edited stays offered. */
export function offeredMeasures(centre: boolean, chosen: string): AlertMeasure[] {
  return kAlertMeasures.filter((measure) => centre || !isPerTrunk(measure) || measure === chosen);
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

/** What the rule's `min_calls` counts (calls, evaluations); null where it does not apply. */
export function minimumOf(measure: string): MinimumOf | null {
  return facts(measure)?.minimum ?? null;
}

export function isPerAgent(measure: string): boolean {
  return facts(measure)?.perAgent ?? false;
}

/** A measure of the trunks: its rules name no queue. */
export function isPerTrunk(measure: string): boolean {
  return facts(measure)?.perTrunk ?? false;
}

/** Whether a threshold is typed and shown: every measure but a state's. */
export function hasThreshold(measure: string): boolean {
  return stateNameKey(measure) === null;
}

/** The word for a state's alert ("Unreachable"); null for a figure. */
export function stateNameKey(measure: string): MessageKey | null {
  return facts(measure)?.state ?? null;
}
