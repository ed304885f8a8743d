import type { Language } from '../api/types';

// BCP 47 tags per language, with the numbering system and calendar spelled out rather than left
// to the browser's defaults (which differ between ICU versions: 'ar' alone gives Latin digits
// in some of them).

/** Numbers: Latin digits for English, Persian (extended Arabic-Indic) for Persian,
 *  Arabic-Indic for Arabic. */
export function numberLocale(language: Language): string {
  switch (language) {
    case 'fa':
      return 'fa-IR-u-nu-arabext';
    case 'ar':
      return 'ar-u-nu-arab';
    default:
      return 'en-US';
  }
}

/** Dates: the Solar Hijri (Jalali) calendar for Persian, Gregorian with Arabic month names for
 *  Arabic. */
export function dateLocale(language: Language): string {
  switch (language) {
    case 'fa':
      return 'fa-IR-u-ca-persian-nu-arabext';
    case 'ar':
      return 'ar-u-ca-gregory-nu-arab';
    default:
      return 'en-GB-u-ca-gregory';
  }
}
