import type { Language, Waveform } from '../api/types';
import { formatDuration } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';

/** The talk totals under the waveform, in this order. */
export type TalkPart = 'caller' | 'agents' | 'overlap' | 'silence';

const kParts: readonly { part: TalkPart; key: MessageKey; field: keyof Waveform['talk'] }[] = [
  { part: 'caller', key: msg('waveform.caller_spoke'), field: 'caller_ms' },
  { part: 'agents', key: msg('waveform.agent_spoke'), field: 'agents_ms' },
  { part: 'overlap', key: msg('waveform.both_spoke'), field: 'overlap_ms' },
  { part: 'silence', key: msg('waveform.silence'), field: 'silence_ms' },
];

/** How long the caller spoke, the agents spoke, both at once and neither, as label and
 *  duration (m:ss in the language's digits). */
export function talkTotals(talk: Waveform['talk'], language: Language): { part: TalkPart; label: string; value: string }[] {
  return kParts.map(({ part, key, field }) => ({ part, label: translate(language, key), value: formatDuration(talk[field], language) }));
}
