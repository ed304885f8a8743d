import type { Language } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { kLanguages } from '../i18n/languages';
import { msg, type MessageKey } from '../i18n/messages';
import { h } from './dom';

// Each language is named in itself ("فارسی", not "Persian"), so a user who cannot read the
// current language still finds their own.
const kLanguageNames: Record<Language, MessageKey> = {
  en: msg('language.en'),
  fa: msg('language.fa'),
  ar: msg('language.ar'),
};

export function languageSelect(onChange: (language: Language) => void): HTMLSelectElement {
  const select = h(
    'select',
    { 'aria-label': t('nav.language'), 'data-testid': 'language-select', class: 'language-select' },
    ...kLanguages.map((language) =>
      h(
        'option',
        { value: language, lang: language, selected: language === currentLanguage() },
        t(kLanguageNames[language]),
      ),
    ),
  );
  select.addEventListener('change', () => onChange(select.value as Language));
  return select;
}
