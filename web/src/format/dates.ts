import type { Language } from '../api/types';
import { dateLocale } from './locales';

// Dates and times through Intl, so Persian gets the Jalali calendar and its digits from the
// browser's own ICU data. `timeZone` is left to the browser unless a caller (a test) fixes it.

/** A full date with the weekday: "Sunday, 23 November 2025", "یکشنبه ۲ آذر ۱۴۰۴". */
export function formatDate(atMs: number, language: Language, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(dateLocale(language), {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  });
  if (language !== 'fa') {
    return format.format(atMs);
  }
  // ICU (Node 20, Chromium 156) writes the Jalali date as "۱۴۰۴ آذر ۳, دوشنبه": year first and a
  // Latin comma. Persian readers expect weekday, day, month, year, as in "دوشنبه ۳ آذر ۱۴۰۴".
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    format.formatToParts(atMs).find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** Hours and minutes, 24-hour: "14:30", "۱۴:۳۰". */
export function formatTime(atMs: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(dateLocale(language), {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(atMs);
}

/** The calendar year as the language writes it, e.g. "۱۴۰۴" for Persian. */
export function formatYear(atMs: number, language: Language, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat(dateLocale(language), {
    year: 'numeric',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(atMs);
  return parts.find((part) => part.type === 'year')?.value ?? '';
}

/** Hours, minutes and seconds, 24-hour: "14:30:05", "۱۴:۳۰:۰۵". */
export function formatTimeWithSeconds(atMs: number, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(dateLocale(language), {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(atMs);
}

/** A short numeric date: "21/03/2025", "۱۴۰۴/۰۱/۰۱", "٢١‏/٠٣‏/٢٠٢٥". */
export function formatShortDate(atMs: number, language: Language, timeZone?: string): string {
  const format = new Intl.DateTimeFormat(dateLocale(language), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  });
  if (language !== 'fa') {
    return format.format(atMs);
  }
  // Written year/month/day as Iranian forms do; ICU's own order varies between versions.
  const parts = format.formatToParts(atMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}/${part('month')}/${part('day')}`;
}

/** A short date and the time, for tables of past calls: "21/03/2025 15:30", "۱۴۰۴/۰۱/۰۱ ۱۵:۳۰". */
export function formatDateTime(atMs: number, language: Language, timeZone?: string): string {
  return `${formatShortDate(atMs, language, timeZone)} ${formatTime(atMs, language, timeZone)}`;
}
