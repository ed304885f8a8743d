import type { AgentState, CallState, Disposition, MonitorMode } from '../api/types';
import { ApiError } from '../api/api_error';
import { t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';

// Translated names for the engine's enum values and the API's error codes. Values the page does
// not know (a pause reason added to the configuration later) are shown as the server sends them.

const kAgentStates: Record<AgentState, MessageKey> = {
  'logged-out': msg('agent_state.logged_out'),
  available: msg('agent_state.available'),
  ringing: msg('agent_state.ringing'),
  'on-call': msg('agent_state.on_call'),
  'wrap-up': msg('agent_state.wrap_up'),
  paused: msg('agent_state.paused'),
  'not-ready': msg('agent_state.not_ready'),
};

const kCallStates: Record<CallState, MessageKey> = {
  waiting: msg('call_state.waiting'),
  ringing: msg('call_state.ringing'),
  'on-call': msg('call_state.on_call'),
  'on-hold': msg('call_state.on_hold'),
  'callback-waiting': msg('call_state.callback_waiting'),
  'callback-dialing': msg('call_state.callback_dialing'),
  'transferred-out': msg('call_state.transferred_out'),
};

const kDispositions: Record<Disposition, MessageKey> = {
  answered: msg('disposition.answered'),
  abandoned: msg('disposition.abandoned'),
  blocked: msg('disposition.blocked'),
  'timed-out': msg('disposition.timed_out'),
  callback: msg('disposition.callback'),
  ivr: msg('disposition.ivr'),
  failed: msg('disposition.failed'),
};

const kHangupSides: Record<string, MessageKey> = {
  caller: msg('hangup_side.caller'),
  agent: msg('hangup_side.agent'),
  system: msg('hangup_side.system'),
};

const kMonitorModes: Record<MonitorMode, MessageKey> = {
  listen: msg('console.listen'),
  whisper: msg('console.whisper'),
  barge: msg('console.barge'),
};

const kPauseReasons: Record<string, MessageKey> = {
  break: msg('pause_reason.break'),
  lunch: msg('pause_reason.lunch'),
  training: msg('pause_reason.training'),
  meeting: msg('pause_reason.meeting'),
  coaching: msg('pause_reason.coaching'),
  'no-answer': msg('pause_reason.no_answer'),
};

const kErrors: Record<string, MessageKey> = {
  network: msg('error.network'),
  invalid_json: msg('error.invalid_request'),
  missing_field: msg('error.invalid_request'),
  invalid_type: msg('error.invalid_request'),
  invalid_value: msg('error.invalid_request'),
  unknown_field: msg('error.invalid_request'),
  unauthenticated: msg('error.unauthenticated'),
  invalid_credentials: msg('error.invalid_credentials'),
  csrf_failed: msg('error.csrf_failed'),
  forbidden: msg('error.forbidden'),
  not_found: msg('error.not_found'),
  conflict: msg('error.conflict'),
  rate_limited: msg('error.rate_limited'),
  unavailable: msg('error.unavailable'),
};

export function agentStateLabel(state: AgentState): string {
  return t(kAgentStates[state]);
}

export function callStateLabel(state: CallState): string {
  return t(kCallStates[state]);
}

/** How a finished call ended (docs/api.md CallRecord.disposition). */
export function dispositionLabel(disposition: Disposition): string {
  const key = kDispositions[disposition];
  return key ? t(key) : disposition;
}

/** Who ended a finished call: the caller, the agent, or Markaz itself. */
export function hangupSideLabel(side: string): string {
  const key = kHangupSides[side];
  return key ? t(key) : side;
}

/** How a supervisor is in a call: the console's names for its Listen, Whisper and Barge in
 *  buttons. A mode the page does not know is shown as the server sends it. */
export function monitorModeLabel(mode: string): string {
  return Object.hasOwn(kMonitorModes, mode) ? t(kMonitorModes[mode as MonitorMode]) : mode;
}

export function pauseReasonLabel(reason: string): string {
  const key = kPauseReasons[reason];
  return key ? t(key) : reason;
}

/** "Paused: Lunch" for a paused agent, the state's name otherwise. */
export function agentStatusText(state: AgentState, reason: string): string {
  if (state === 'paused' && reason) {
    return t('agent_state.paused_with_reason', { reason: pauseReasonLabel(reason) });
  }
  return agentStateLabel(state);
}

/** A sentence for a refused request: the translated text for its code, with the server's
 *  detail (English, from the engine) for codes whose cause only the server knows. */
export function errorText(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return t('error.unexpected');
  }
  const text = t(kErrors[error.code] ?? msg('error.unexpected'));
  const withDetail = error.code === 'conflict' || kErrors[error.code] === 'error.invalid_request';
  return withDetail && error.message ? t('error.with_detail', { text, detail: error.message }) : text;
}
