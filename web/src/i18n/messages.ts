import ar from './ar.json';
import en from './en.json';
import fa from './fa.json';
import type { Language } from '../api/types';

/** Every translation key; en.json is the reference, and tests/unit/i18n.test.ts checks that
 *  fa.json and ar.json have exactly the same keys and placeholders. */
export type MessageKey = keyof typeof en;

export const kCatalogs: Record<Language, Record<MessageKey, string>> = { en, fa, ar };

/** Marks a string as a translation key where it is not passed to t() directly (tables of
 *  enum labels), so the type checker and the key-usage test both see it. */
export function msg<K extends MessageKey>(key: K): K {
  return key;
}
