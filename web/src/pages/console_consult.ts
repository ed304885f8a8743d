import type { Call, CallConsult, ConsultState } from '../api/types';
import { t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { consultParty } from './consult_party';
import { dialledNumber } from './desk_transfer_number';

// The supervisor console's word on a consult (docs/api.md Call.consult): whom (or which number)
// the call's agent consults and how, beside the supervisors in the call. The caller on hold
// meanwhile is the state column's ("On hold").

const kConsultStates: Record<ConsultState, MessageKey> = {
  ringing: msg('console.consult_ringing'),
  talking: msg('console.consult_talking'),
  conference: msg('console.consult_conference'),
};

/** "Ringing Agent 1003", "Consulting Agent 1003", "Conference with Agent 1003": the colleague
 *  by name (their id when the console does not know them), kept apart from right-to-left
 *  text, or the number consulted ("Consulting 909121234567"); empty without a consult. */
export function consultNote(consult: CallConsult | null, nameOf: (agent: string) => string): string {
  if (!consult) {
    return '';
  }
  const key = kConsultStates[consult.state] ?? kConsultStates.talking;
  return t(key, { name: consultParty(consult, nameOf) });
}

/** The console's note on a live call: where a call sent out of the queues went ("Sent to
 *  909121234567", Latin digits left to right), else its consult (consultNote). */
export function callNote(call: Pick<Call, 'state' | 'transferred_to' | 'consult'>, nameOf: (agent: string) => string): string {
  if (call.state === 'transferred-out' && call.transferred_to) {
    return t('console.transferred_to', { number: dialledNumber(call.transferred_to) });
  }
  return consultNote(call.consult, nameOf);
}
