import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ar from '../../src/i18n/ar.json';
import en from '../../src/i18n/en.json';
import fa from '../../src/i18n/fa.json';
import { translate } from '../../src/i18n/i18n';
import { directionOf, initialLanguage } from '../../src/i18n/languages';
import { kWebRoot, sourceFiles } from './source_files';

const catalogs: Record<string, Record<string, string>> = { en, fa, ar };

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** Keys written in code: t('key'), msg('key'), translate(language, 'key'). */
function keysUsedInCode(): Map<string, string> {
  const used = new Map<string, string>();
  const pattern = /\b(?:t|msg)\(\s*'([^']+)'|\btranslate\(\s*\w+,\s*'([^']+)'/g;
  for (const file of sourceFiles()) {
    for (const match of file.text.matchAll(pattern)) {
      used.set(match[1] ?? match[2]!, file.path);
    }
  }
  return used;
}

describe('translation files', () => {
  it('have exactly the same keys in English, Persian and Arabic', () => {
    const reference = Object.keys(en).sort();
    for (const [language, catalog] of Object.entries(catalogs)) {
      const keys = Object.keys(catalog).sort();
      expect({ language, missing: reference.filter((k) => !keys.includes(k)), extra: keys.filter((k) => !reference.includes(k)) }).toEqual({
        language,
        missing: [],
        extra: [],
      });
    }
  });

  it('use the same placeholders in every language and leave no text empty', () => {
    for (const [key, english] of Object.entries(en)) {
      for (const language of ['fa', 'ar']) {
        const text = catalogs[language]![key]!;
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(english));
      }
    }
  });

  it('translate Persian and Arabic into their own script, not left in English', () => {
    // Language names are each written in themselves; a few strings are symbols only.
    const sameEverywhere = new Set(['language.en', 'language.fa', 'language.ar', 'error.with_detail', 'recordings.speed_value']);
    for (const key of Object.keys(en)) {
      if (sameEverywhere.has(key)) {
        continue;
      }
      for (const language of ['fa', 'ar']) {
        expect(catalogs[language]![key], `${language} ${key}`).toMatch(/[\u0600-\u06FF]/);
      }
    }
  });

  it('contain every key the code uses', () => {
    const missing = [...keysUsedInCode()].filter(([key]) => !(key in en)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it('contain no key the code does not use', () => {
    const used = keysUsedInCode();
    expect(Object.keys(en).filter((key) => !used.has(key))).toEqual([]);
  });

  it('fill placeholders and fall back to English for nothing (all keys exist)', () => {
    expect(translate('en', 'desk.pause_for', { reason: 'Lunch' })).toBe('Pause: Lunch');
    expect(translate('fa', 'kpi.target', { target: '۸۰٪' })).toBe('هدف ۸۰٪');
  });
});

describe('no hard-coded text', () => {
  it('index.html has no visible text', () => {
    const html = readFileSync(join(kWebRoot, 'index.html'), 'utf8');
    const body = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, '').trim();
    expect(body).toBe('');
  });

  it('code outside the translation files writes no Persian or Arabic text', () => {
    const offenders = sourceFiles()
      .filter((file) => /[\u0600-\u06FF]/.test(file.text.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('element text in pages comes from t(), not from English literals', () => {
    // h('tag', {...}, 'Some words') with a literal child is the mistake this catches.
    const literalChild = /\bh\(\s*'[a-z0-9]+',\s*\{[^}]*\},\s*'[^']*[A-Za-z]{2,}[^']*'/;
    const offenders = sourceFiles().filter((file) => literalChild.test(file.text)).map((file) => file.path);
    expect(offenders).toEqual([]);
  });
});

describe('languages', () => {
  it('Persian and Arabic are right to left, English left to right', () => {
    expect(directionOf('fa')).toBe('rtl');
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
  });

  it('start with the stored language, else the browser language, else English', () => {
    expect(initialLanguage('ar', ['fa-IR'])).toBe('ar');
    expect(initialLanguage(null, ['de-DE', 'fa-IR'])).toBe('fa');
    expect(initialLanguage('xx', ['de'])).toBe('en');
  });
});
