import type { AgentsByState } from '../api/types';
import { formatInteger } from '../format/numbers';
import { currentLanguage } from '../i18n/i18n';
import { h, setText } from './dom';
import { agentStateLabel } from './labels';

// The order a floor manager reads them: who can take a call, who is busy, who is away.
const kOrder = [
  ['available', 'available'],
  ['ringing', 'ringing'],
  ['on_call', 'on-call'],
  ['wrap_up', 'wrap-up'],
  ['paused', 'paused'],
  ['not_ready', 'not-ready'],
] as const;

/** A strip of counts, one per state, coloured like the state badges. */
export function agentsByStateStrip(): { element: HTMLElement; set(counts: AgentsByState): void } {
  const values = new Map<string, HTMLElement>();
  const element = h(
    'ul',
    { class: 'by-state' },
    ...kOrder.map(([field, state]) => {
      const value = h('span', { class: 'count' });
      values.set(field, value);
      return h('li', { 'data-state': state }, value, h('span', { class: 'state-name' }, agentStateLabel(state)));
    }),
  );
  return {
    element,
    set(counts) {
      for (const [field] of kOrder) {
        setText(values.get(field)!, formatInteger(counts[field], currentLanguage()));
      }
    },
  };
}
