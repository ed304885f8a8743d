// The JSON shapes of docs/api.md ("Objects"), one type per object. Names and enum values are
// the engine's own (src/acd, src/stats); nothing is renamed on the way to the page.

export type Role = 'manager' | 'supervisor' | 'qa' | 'agent';
export type Language = 'en' | 'fa' | 'ar';

export type AgentState =
  | 'logged-out'
  | 'available'
  | 'ringing'
  | 'on-call'
  | 'wrap-up'
  | 'paused'
  | 'not-ready';

/** States a person may ask for (POST /agents/{id}/state). */
export type RequestableState = 'available' | 'paused' | 'not-ready' | 'logged-out';

export type CallState =
  | 'waiting'
  | 'ringing'
  | 'on-call'
  | 'on-hold'
  | 'callback-waiting'
  | 'callback-dialing'
  | 'transferred-out';

export type ServiceLevelFormula =
  | 'answered-and-abandoned'
  | 'answered-only'
  | 'abandoned-after-threshold';

export interface User {
  username: string;
  display_name: string;
  role: Role;
  language: Language;
  agent: string | null;
  extension: string | null;
  queues: string[];
  created_at_ms: number;
  last_login_at_ms: number | null;
}

export interface AgentToday {
  calls_answered: number;
  handled: number;
  talk_ms: number;
  occupancy: number | null;
  aht_s: number | null;
}

export interface Membership {
  queue: string;
  penalty: number;
}

export interface Agent {
  id: string;
  name: string;
  state: AgentState;
  reason: string;
  state_changed_at_ms: number | null;
  in_state_ms: number;
  state_changed_by: string;
  pending_state: AgentState | null;
  pending_reason: string;
  extension: string | null;
  queues: string[];
  memberships: Membership[];
  call: string | null;
  today: AgentToday;
}

export interface AgentsByState {
  available: number;
  ringing: number;
  on_call: number;
  wrap_up: number;
  paused: number;
  not_ready: number;
  logged_in: number;
}

export interface AgentTime {
  available_ms: number;
  ringing_ms: number;
  on_call_ms: number;
  wrap_up_ms: number;
  paused_ms: number;
  not_ready_ms: number;
}

/** docs/metrics.md "Counters" (stats::KpiCounters). */
export interface Counters {
  offered: number;
  blocked: number;
  answered: number;
  answered_within_threshold: number;
  abandoned: number;
  short_abandoned: number;
  abandoned_after_threshold: number;
  timed_out: number;
  removed: number;
  callbacks_requested: number;
  callbacks_answered: number;
  callbacks_failed: number;
  transferred: number;
  handled: number;
  answered_wait_ms: number;
  abandoned_wait_ms: number;
  /** The longest wait of a call answered, abandoned or timed out: a maximum, not a sum. */
  longest_wait_ms: number;
  talk_ms: number;
  hold_ms: number;
  wrap_ms: number;
  agent_time: AgentTime;
}

/** docs/metrics.md "Figures" (stats::Kpis): null is "no data". */
export interface Kpis {
  service_level: number | null;
  asa_s: number | null;
  aht_s: number | null;
  abandon_rate: number | null;
  avg_abandon_s: number | null;
  occupancy: number | null;
  /** (on call + wrap-up) ÷ logged-in time, breaks included. */
  utilisation: number | null;
  calls_per_agent_hour: number | null;
}

export interface Figures {
  counters: Counters;
  kpis: Kpis;
}

export interface Window extends Figures {
  start_at_ms: number;
  end_at_ms: number;
}

/** A queue live; `queue: null` is the centre's totals. */
export interface QueueStats {
  queue: string | null;
  sl_threshold_ms: number | null;
  sl_target: number;
  sl_formula: ServiceLevelFormula;
  waiting: number;
  callbacks_waiting: number;
  longest_wait_ms: number;
  oldest_joined_at_ms: number | null;
  agents: AgentsByState;
  today: Window;
  interval: Window;
  last_hour: Window;
}

export interface Ivr {
  path: string[];
  variables: Record<string, string>;
}

export interface Call {
  id: string;
  queue: string;
  caller: string;
  state: CallState;
  priority: number;
  position: number | null;
  joined_at_ms: number;
  wait_ms: number;
  answered_at_ms: number | null;
  agent: string | null;
  extension: string | null;
  offered_by: string;
  callback: boolean;
  callback_number: string | null;
  skills: string[];
  ivr: Ivr | null;
  monitors: CallMonitor[];
  /** The recording is paused while the customer gives card details (silence is recorded). */
  recording_paused: boolean;
  /** A colleague or number the agent consults (attended transfer, conference); null when none. */
  consult: CallConsult | null;
  /** transferred-out: the phone or outside number the agent sent the caller to. */
  transferred_to: string | null;
}

/** A supervisor in a call (docs/api.md Call.monitors). */
export interface CallMonitor {
  user: string;
  extension: string;
  mode: MonitorMode;
  since_ms: number;
}

/** Where a consult stands (docs/api.md Call.consult): the colleague's phone rings, they talk
 *  with the agent while the caller holds, or all three hear each other. */
export type ConsultState = 'ringing' | 'talking' | 'conference';

/** A colleague or number the agent consults about the call (docs/api.md Call.consult): one of
 *  `agent` and `number` is set. */
export interface CallConsult {
  agent: string | null;
  /** Another phone or an outside number, as the agent's phone would dial it. */
  number: string | null;
  state: ConsultState;
  since_ms: number;
}

export interface PauseReasons {
  pause_reasons: string[];
  system_reasons: string[];
}

export interface IntervalRow {
  index: number;
  start_at_ms: number;
  end_at_ms: number;
  total: Figures;
  queues: Record<string, Figures>;
}

export interface Intervals {
  date: string;
  utc_offset: string;
  interval_ms: number;
  intervals: IntervalRow[];
}

export type Topic = 'agents' | 'queues' | 'calls';

export interface WsSnapshot {
  type: 'snapshot';
  seq: number;
  at_ms: number;
  topics: Topic[];
  queues: QueueStats[];
  totals: QueueStats | null;
  agents: Agent[];
  calls: Call[];
}

export interface WsDelta {
  type: 'delta';
  seq: number;
  at_ms: number;
  queues?: QueueStats[];
  totals?: QueueStats;
  agents?: Agent[];
  agents_removed?: string[];
  calls?: Call[];
  calls_removed?: string[];
}

export interface WsHeartbeat {
  type: 'heartbeat';
  seq: number;
  at_ms: number;
}

export type WsMessage = WsSnapshot | WsDelta | WsHeartbeat;

export interface ErrorBody {
  error: { code: string; field: string | null; message: string };
}

/** How a supervisor is in a call they monitor (docs/api.md POST /api/v1/calls/{id}/monitor). */
export type MonitorMode = 'listen' | 'whisper' | 'barge';

/** Where a call may be transferred (docs/api.md GET /api/v1/transfer-targets): every queue,
 *  and every logged-in agent with whether they are free now. */
export interface TransferTargets {
  queues: { name: string }[];
  agents: { id: string; name: string; free: boolean }[];
}

/** A blind transfer's destination: a queue, a colleague (in the queue the call came from), a
 *  colleague in a named queue, or a number alone: another phone or an outside number, where
 *  the agent's own phone may call (the server refuses a number with a queue or an agent). */
export type TransferTo = { queue?: string; agent?: string; number?: never } | { number: string; queue?: never; agent?: never };

/** How a finished call ended (store/call_record.h). */
export type Disposition = 'answered' | 'abandoned' | 'blocked' | 'timed-out' | 'callback' | 'ivr' | 'failed';

/** One agent's part of a call they passed on. */
export interface RecordTransfer {
  agent: string;
  queue: string;
  to_queue: string;
  at_ms: number;
  talk_ms: number;
  hold_ms: number;
  /** The colleague it was passed to; null when it went to the queue's next agent. */
  to_agent: string | null;
  /** Handed over after a consult (attended transfer), not blind. */
  attended?: boolean;
  /** The phone or outside number the caller was sent to (out of the queues); null otherwise. */
  to_number?: string | null;
}

/** One period a supervisor spent in a call in one mode (docs/api.md "Call records"): a
 *  supervisor who listened, then whispered, has two. */
export interface RecordMonitor {
  user: string;
  extension: string;
  mode: MonitorMode;
  from_ms: number;
  to_ms: number;
}

/** A stretch of a call whose recording was paused for card details (PCI DSS): silence in the
 *  file from `from_ms` to `to_ms` (wall-clock instants, as the record's other times). */
export interface RecordingPause {
  /** The user who paused it. */
  by: string;
  from_ms: number;
  to_ms: number;
}

/** A finished call (docs/api.md "Call records"). */
export interface CallRecord {
  id: string;
  started_at_ms: number;
  ended_at_ms: number;
  duration_ms: number;
  caller: string;
  dialled: string;
  queues: string[];
  /** Who answered last; null for none. */
  agent: string | null;
  /** Everyone who talked to the caller, sorted. */
  agents: string[];
  wait_ms: number | null;
  talk_ms: number;
  hold_ms: number;
  wrap_ms: number | null;
  transfers: RecordTransfer[];
  disposition: Disposition;
  /** `caller`, `agent` or `system`. */
  hangup_side: string;
  /** Why, in English from the server ("caller hung up", "max-wait"). */
  hangup_cause: string;
  ivr: { path: string[]; digits: string; variables: Record<string, string> };
  recorded: boolean;
  /** Its recording is kept whatever the retention says. */
  legal_hold: boolean;
  /** The supervisors who were in the call, a period per mode, oldest first. Missing from
   *  servers older than the field. */
  monitors?: RecordMonitor[];
  /** How many submitted evaluations it has. Missing from servers older than the field. */
  evaluations?: number;
  /** When the recording was paused for card details, oldest first. Missing from servers
   *  older than the field. */
  recording_pauses?: RecordingPause[];
}

export interface CallRecordPage {
  records: CallRecord[];
  /** Every match of the search, all pages. */
  total: number;
  limit: number;
  offset: number;
}

/** A queue as GET /api/v1/queues lists it; the pages use its name only. */
export interface QueueSummary {
  name: string;
}

export type * from './types_quality';
export type * from './types_alerts';
export type * from './types_reports';
export type * from './types_schedules';
export type * from './types_attendance';
