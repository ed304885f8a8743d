import type { Agent, Alert, AlertRule, AttendanceDay, Call, Counters, QueueStats, Window } from '../../src/api/types';

// Objects in the shapes of docs/api.md, with defaults a test overrides field by field.

export function counters(overrides: Partial<Counters> = {}): Counters {
  return {
    offered: 0, blocked: 0, answered: 0, answered_within_threshold: 0, abandoned: 0, short_abandoned: 0,
    abandoned_after_threshold: 0, timed_out: 0, removed: 0, callbacks_requested: 0, callbacks_answered: 0,
    callbacks_failed: 0, transferred: 0, handled: 0, answered_wait_ms: 0, abandoned_wait_ms: 0,
    longest_wait_ms: 0, talk_ms: 0, hold_ms: 0, wrap_ms: 0,
    agent_time: { available_ms: 0, ringing_ms: 0, on_call_ms: 0, wrap_up_ms: 0, paused_ms: 0, not_ready_ms: 0 },
    ...overrides,
  };
}

export function window(overrides: Partial<Window> = {}): Window {
  return {
    start_at_ms: 0, end_at_ms: 0, counters: counters(),
    kpis: {
      service_level: null, asa_s: null, aht_s: null, abandon_rate: null, avg_abandon_s: null, occupancy: null,
      utilisation: null, calls_per_agent_hour: null,
    },
    ...overrides,
  };
}

export function queueStats(name: string | null, overrides: Partial<QueueStats> = {}): QueueStats {
  return {
    queue: name, sl_threshold_ms: 20_000, sl_target: 0.8, sl_formula: 'answered-and-abandoned',
    waiting: 0, callbacks_waiting: 0, longest_wait_ms: 0, oldest_joined_at_ms: null,
    agents: { available: 0, ringing: 0, on_call: 0, wrap_up: 0, paused: 0, not_ready: 0, logged_in: 0 },
    today: window(), interval: window(), last_hour: window(),
    ...overrides,
  };
}

export function agent(id: string, overrides: Partial<Agent> = {}): Agent {
  return {
    id, name: `Agent ${id}`, state: 'available', reason: '', state_changed_at_ms: 1_000, in_state_ms: 0,
    state_changed_by: '', pending_state: null, pending_reason: '', extension: id.slice(1), queues: ['sales'],
    memberships: [{ queue: 'sales', penalty: 0 }], call: null,
    today: { calls_answered: 0, handled: 0, talk_ms: 0, occupancy: null, aht_s: null },
    ...overrides,
  };
}

export function call(id: string, overrides: Partial<Call> = {}): Call {
  return {
    id, queue: 'sales', caller: '2001', state: 'waiting', priority: 0, position: 1, joined_at_ms: 1_000, wait_ms: 0,
    answered_at_ms: null, agent: null, extension: null, offered_by: '', callback: false, callback_number: null,
    skills: [], ivr: null, monitors: [], recording_paused: false, consult: null, transferred_to: null,
    ...overrides,
  };
}

export function alert(id: number, overrides: Partial<Alert> = {}): Alert {
  return {
    id, rule: 'sales-service-level', measure: 'service-level', subject: 'sales', queue: 'sales', value: 0.62, threshold: 0.8,
    active: true, raised_at_ms: 1_000, cleared_at_ms: null, acknowledged_by: null, acknowledged_at_ms: null,
    ...overrides,
  };
}

/** A rule made with the API: the service level of sales over the last hour below 80 %. */
export function alertRule(name: string, overrides: Partial<AlertRule> = {}): AlertRule {
  return {
    name, measure: 'service-level', queue: 'sales', threshold: 0.8, window: 'last-hour', min_calls: 5, raise_after_s: 0,
    clear_after_s: 120, email: [], language: 'en', source: 'api', editable: true, created_by: 'manager', updated_at_ms: 1_000,
    ...overrides,
  };
}

/** 2026-12-06 00:00 in Tehran (+03:30, no summer time since 2022): 15 Azar 1405, a Sunday. */
export const kAttendanceDay = Date.UTC(2026, 11, 5, 20, 30);

/** Agent a1005's 2026-12-06 in Tehran: logged in 08:05-16:02 twice, a shift of 08:00-16:00,
 *  5 minutes late, 30 minutes' lunch and 15 minutes' training. */
export function attendanceDay(overrides: Partial<AttendanceDay> = {}): AttendanceDay {
  const at = (hours: number, minutes: number) => kAttendanceDay + (hours * 60 + minutes) * 60_000;
  return {
    agent: 'a1005', day: '2026-12-06', from_ms: kAttendanceDay, to_ms: kAttendanceDay + 86_400_000, sessions: 2,
    first_login_ms: at(8, 5), last_logout_ms: at(16, 2), logged_in_s: 7 * 3600 + 57 * 60,
    states_s: { available: 3600, ringing: 60, 'on-call': 4 * 3600, 'wrap-up': 1200, paused: 2700, 'not-ready': 300 },
    pauses_s: { training: 900, lunch: 1800 }, shift: { start: '08:00', end: '16:00' }, late_s: 300, left_early_s: 0,
    absent: false, correction: null,
    ...overrides,
  };
}
