import type { Language } from '../api/types';
import { numberLocale } from './locales';

/** What a figure without data shows (docs/metrics.md: "the wallboard shows '–'"); the same
 *  sign in every language. */
export const kNoData = '–';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(language: Language, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = language + JSON.stringify(options);
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(numberLocale(language), options);
    cache.set(key, format);
  }
  return format;
}

export function formatInteger(value: number | null, language: Language): string {
  if (value === null || !Number.isFinite(value)) {
    return kNoData;
  }
  return numberFormat(language, { maximumFractionDigits: 0 }).format(value);
}

/** A ratio 0..1 as a percentage with at most one decimal: 0.8 -> "80%", "۸۰٪", "٨٠٪". */
export function formatPercent(ratio: number | null, language: Language): string {
  if (ratio === null || !Number.isFinite(ratio)) {
    return kNoData;
  }
  return numberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

function twoDigits(value: number, language: Language): string {
  return numberFormat(language, { minimumIntegerDigits: 2, useGrouping: false }).format(value);
}

/** A duration as m:ss, or h:mm:ss from an hour, in the language's digits. Rounds down to the
 *  second (a wait of 59.9 s has not reached a minute). Negative values (clock skew) show 0:00. */
export function formatDuration(ms: number | null, language: Language): string {
  if (ms === null || !Number.isFinite(ms)) {
    return kNoData;
  }
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const plain = numberFormat(language, { useGrouping: false });
  if (hours > 0) {
    return `${plain.format(hours)}:${twoDigits(minutes, language)}:${twoDigits(seconds, language)}`;
  }
  return `${plain.format(minutes)}:${twoDigits(seconds, language)}`;
}

/** KPI seconds (asa_s, aht_s) shown as a duration. */
export function formatSeconds(seconds: number | null, language: Language): string {
  return seconds === null ? kNoData : formatDuration(seconds * 1000, language);
}

/** Digits inside identifiers people read (a caller's number, an extension) in the language's
 *  digits; everything else in the string is kept. */
export function localizeDigits(text: string, language: Language): string {
  if (language === 'en') {
    return text;
  }
  const digits = numberFormat(language, { useGrouping: false });
  return text.replace(/[0-9]/g, (d) => digits.format(Number(d)));
}

/** An integer typed in any of the three languages' digits ("-۱۲", "٣", "7"); null when the text
 *  is not a whole number. For fields such as a call's priority. */
export function parseLocalizedInteger(text: string): number | null {
  const latin = latinDigits(text.trim()).replace(/^[\u2212\u2013]/, '-');
  return /^[-+]?\d+$/.test(latin) ? Number(latin) : null;
}

/** Persian and Arabic-Indic digits as Latin ones, the rest kept: what a typed caller number
 *  or figure is before it goes to the server. */
export function latinDigits(text: string): string {
  return text
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}

/** A number with up to two decimals in the language's digits: 1.25, ۱٫۲۵, ١٫٢٥. */
export function formatDecimal(value: number, language: Language): string {
  return numberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** A rate with exactly one decimal, "–" for no data: 12 -> "12.0", "۱۲٫۰", "١٢٫٠" (calls per
 *  agent-hour: a column of them lines up, and 0.4 calls an hour is not rounded away). */
export function formatOneDecimal(value: number | null, language: Language): string {
  if (value === null || !Number.isFinite(value)) {
    return kNoData;
  }
  return numberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}
