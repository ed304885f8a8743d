import type { CallConsult, Language } from '../api/types';
import { currentLanguage } from '../i18n/i18n';
import { dialledNumber } from './desk_transfer_number';
import { isolated } from './report_figures';

// Whom a consult is with (docs/api.md Call.consult: one of `agent` and `number`), for the desk's
// and the console's sentences.

/** The colleague by name (their id when not known), kept apart from right-to-left text; or,
 *  when the agent consults a number, the number as dialled: Latin digits, left to right. */
export function consultParty(
  consult: Pick<CallConsult, 'agent' | 'number'>,
  nameOf: (agent: string) => string,
  language: Language = currentLanguage(),
): string {
  if (!consult.agent && consult.number) {
    return dialledNumber(consult.number);
  }
  return isolated(nameOf(consult.agent ?? ''), language);
}
