import type { Language } from '../api/types';

export const kLanguages: readonly Language[] = ['en', 'fa', 'ar'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (kLanguages as readonly string[]).includes(value);
}

/** Persian and Arabic are written right to left. */
export function directionOf(language: Language): 'ltr' | 'rtl' {
  return language === 'en' ? 'ltr' : 'rtl';
}

/** The language before anyone logs in: the one this browser used last, else the first of the
 *  browser's languages we have, else English. After login the user's own setting wins. */
export function initialLanguage(stored: string | null, browser: readonly string[]): Language {
  if (isLanguage(stored)) {
    return stored;
  }
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) {
      return base;
    }
  }
  return 'en';
}
