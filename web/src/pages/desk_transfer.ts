import type { Call, TransferTargets, TransferTo } from '../api/types';
import { t } from '../i18n/i18n';

// The desk's Transfer list: where the agent may send their caller (docs/api.md GET
// /api/v1/transfer-targets). One select holds both kinds, so each option's value says which:
// "queue:<name>" or "agent:<id>" (a queue and an agent may share a name). A number typed
// instead is desk_transfer_number.ts's.

export interface TransferChoice {
  value: string;
  label: string;
  /** A colleague who is not free now: listed, as a phone's busy lamp shows them, not chosen. */
  disabled: boolean;
}

export interface TransferChoices {
  queues: TransferChoice[];
  colleagues: TransferChoice[];
}

/** Every queue, then every logged-in colleague, busy ones marked; the agent themself is not
 *  offered (the server refuses a transfer to the agent on the call). */
export function transferChoices(targets: TransferTargets, self: string | null): TransferChoices {
  return {
    queues: targets.queues.map(({ name }) => ({ value: `queue:${name}`, label: name, disabled: false })),
    colleagues: targets.agents
      .filter((agent) => agent.id !== self)
      .map((agent) => ({
        value: `agent:${agent.id}`,
        label: agent.free ? agent.name : t('desk.colleague_busy', { name: agent.name }),
        disabled: !agent.free,
      })),
  };
}

/** The request body for an option's value; null for the placeholder or anything else. With a
 *  colleague alone, the server rings them in the queue the call came from. */
export function transferTo(value: string): TransferTo | null {
  const colon = value.indexOf(':');
  const kind = value.slice(0, colon);
  const name = value.slice(colon + 1);
  if (colon < 0 || name === '') {
    return null;
  }
  if (kind === 'queue') {
    return { queue: name };
  }
  return kind === 'agent' ? { agent: name } : null;
}

/** Whether the caller may be put on hold or transferred now (to a queue, a colleague or a
 *  number): on a connected call, talking or on hold, with no consult going on. During a consult
 *  the caller is the consult's to hold and hand over, and the server refuses both (409). */
export function canTransfer(call: Call | null): boolean {
  return call !== null && (call.state === 'on-call' || call.state === 'on-hold') && call.consult == null;
}
