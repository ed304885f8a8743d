import type { TransferTo } from '../api/types';
import { formatInteger, latinDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';

// A blind transfer out of the queues to a number the agent types (docs/api.md POST
// /api/v1/calls/{id}/transfer with {"number"}): another phone, or an outside number as the
// agent's own phone would dial it ("909121234567" through a trunk with dial prefix 9). The
// server decides whether the agent may send a caller there (the dialplan and their class of
// service); the desk checks only what a number can be made of, so a typing slip is caught
// before anything is sent.

/** The most characters a number has (docs/api.md: 1 to 32). */
export const kMaxTransferNumberLength = 32;

/** What is wrong with a typed number: nothing typed, a character a phone cannot dial, or too
 *  long. */
export type TransferNumberProblem = 'missing' | 'characters' | 'too_long';

export type TransferNumberCheck = { number: string } | { problem: TransferNumberProblem };

/** The number to send for what the agent typed: spaces around it dropped, Persian and Arabic
 *  digits (a Persian or Arabic keyboard layout types them) made Latin, as the dialplan has
 *  them; then 1 to 32 of digits, +, * and #. */
export function transferNumber(typed: string): TransferNumberCheck {
  const number = latinDigits(typed.trim());
  if (number === '') {
    return { problem: 'missing' };
  }
  if (!/^[0-9+*#]+$/.test(number)) {
    return { problem: 'characters' };
  }
  if (number.length > kMaxTransferNumberLength) {
    return { problem: 'too_long' };
  }
  return { number };
}

const kProblems: Record<TransferNumberProblem, MessageKey> = {
  missing: msg('desk.number_missing'),
  characters: msg('desk.number_characters'),
  too_long: msg('desk.number_too_long'),
};

/** The sentence saying what is wrong, the limit in the reader's digits. */
export function transferNumberProblemText(problem: TransferNumberProblem): string {
  return t(kProblems[problem], { max: formatInteger(kMaxTransferNumberLength, currentLanguage()) });
}

/** The request body: the number alone, never with a queue or an agent (the server refuses
 *  that). */
export function transferToNumber(number: string): TransferTo {
  return { number };
}

/** A number to dial inside a sentence: as sent, in Latin digits, left to right in every
 *  language (a left-to-right isolate), so "+98…" keeps its plus in front on a Persian page. */
export function dialledNumber(number: string): string {
  return `\u2066${number}\u2069`;
}

/** What the desk says once the caller has gone to `number`. */
export function transferredToNumberText(number: string): string {
  return t('desk.transferred_to_number', { number: dialledNumber(number) });
}
