import type { Language } from '../api/types';
import { numberLocale } from '../format/locales';
import { latinDigits, localizeDigits } from '../format/numbers';
import { hasThreshold, thresholdUnit } from './alert_measures';
import { parseTalkSeconds } from './recordings_query';

// A rule's figures as people type them and as the API takes them (docs/api.md POST
// /api/v1/alert-rules): a service level or abandon rate as a percentage ("80", the API's
// 0.8), a QA score as the percentage the server takes ("80", the API's 80), a wait or a pause
// as minutes:seconds or seconds ("15:00" or "900", the API's 900), a count as it is, a trunk
// unreachable as nothing (the API's 0); the delays before raising and clearing in minutes
// ("2", the API's 120 s). Both ways, in any of the three languages' digits. Pure.

/** The most a delay may be: a day (docs/api.md, raise_after_s and clear_after_s). */
export const kMaxDelayS = 86_400;

function plainNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(numberLocale(language), { useGrouping: false, maximumFractionDigits: 2 }).format(value);
}

/** A number typed with a decimal point ("72.5", "۷۲٫۵", "72,5"); null when it is not one.
 *  No sign: nothing here is negative. */
export function parseDecimal(text: string): number | null {
  const latin = latinDigits(text.trim()).replace(/[\u066B,]/g, '.');
  return /^(\d+(\.\d*)?|\.\d+)$/.test(latin) ? Number(latin) : null;
}

/** Seconds as minutes:seconds ("15:00", "1:30", "60:00" for an hour: the form reads it back
 *  the same way), in the language's digits. */
function minutesSecondsText(seconds: number, language: Language): string {
  const whole = Math.max(0, Math.round(seconds));
  return localizeDigits(`${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`, language);
}

/** A percentage typed with or without its sign ("80", "80%", "۸۰٪"); null when it is not one. */
function parsePercent(text: string): number | null {
  return parseDecimal(text.trim().replace(/[%\u066A]$/, ''));
}

/** The threshold as the form shows it: 0.8 → "80" (a percentage), 900 → "15:00", 3 → "3";
 *  "" for a measure that has none. */
export function thresholdText(measure: string, threshold: number, language: Language): string {
  if (!hasThreshold(measure)) {
    return '';
  }
  switch (thresholdUnit(measure)) {
    case 'percent':
      // 0.7 * 100 is 70.00000000000001: rounded to the hundredth of a percent first.
      return plainNumber(Math.round(threshold * 10_000) / 100, language);
    case 'score':
      return plainNumber(threshold, language);
    case 'seconds':
      return minutesSecondsText(threshold, language);
    default:
      return plainNumber(threshold, language);
  }
}

/** The threshold the API takes for what was typed: a percentage as a share ("80" or "80%" →
 *  0.8), a QA score as the percentage it is ("80" → 80), minutes:seconds or seconds as
 *  seconds, a whole count, 0 for a measure without one (whatever the hidden box holds); null
 *  when it is none of them. The range (a share over 1, a score over 100) is the server's to
 *  judge: it names the field. */
export function parseThreshold(measure: string, text: string): number | null {
  if (!hasThreshold(measure)) {
    return 0;
  }
  switch (thresholdUnit(measure)) {
    case 'percent': {
      const percent = parsePercent(text);
      return percent === null ? null : percent / 100;
    }
    case 'score':
      return parsePercent(text);
    case 'seconds':
      return parseTalkSeconds(text) ?? null;
    case 'count': {
      const latin = latinDigits(text.trim());
      return /^\d{1,9}$/.test(latin) ? Number(latin) : null;
    }
    default:
      return parseDecimal(text);
  }
}

/** Seconds as the form's minutes: 120 → "2", 30 → "0.5" ("۰٫۵"). */
export function minutesText(seconds: number, language: Language): string {
  return plainNumber(seconds / 60, language);
}

/** Minutes typed ("2", "0.5", "۱٫۵") as whole seconds, at most a day; null otherwise. */
export function parseMinutes(text: string): number | null {
  const minutes = parseDecimal(text);
  if (minutes === null) {
    return null;
  }
  const seconds = Math.round(minutes * 60);
  return seconds <= kMaxDelayS ? seconds : null;
}
