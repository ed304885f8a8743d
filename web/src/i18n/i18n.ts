import type { Language } from '../api/types';
import { directionOf } from './languages';
import { kCatalogs, type MessageKey } from './messages';

let current: Language = 'en';
const listeners = new Set<(language: Language) => void>();

export function currentLanguage(): Language {
  return current;
}

/** The text of `key` in the current language with `{name}` placeholders filled in. Callers
 *  format numbers first (formatNumber and friends), so digits follow the language. */
export function t(key: MessageKey, params: Record<string, string> = {}): string {
  return translate(current, key, params);
}

export function translate(
  language: Language,
  key: MessageKey,
  params: Record<string, string> = {},
): string {
  const text = kCatalogs[language][key] ?? kCatalogs.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

/** Switches the language and tells every listener (the app re-renders the page). */
export function setLanguage(language: Language): void {
  const changed = language !== current;
  current = language;
  if (changed) {
    for (const listener of listeners) {
      listener(language);
    }
  }
}

export function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Sets `lang` and `dir` on <html> so the browser lays out, shapes and mirrors the page. */
export function applyDocumentLanguage(root: HTMLElement, language: Language): void {
  root.lang = language;
  root.dir = directionOf(language);
}
