import type { Language } from '../api/types';
import { dateLocale } from './locales';

// Calendar days in the reader's calendar, for date fields: the Solar Hijri (Jalali) calendar
// in Persian, Gregorian otherwise, as formatDate shows them. The conversions go through the
// browser's own ICU (Intl), the same data that writes the dates, so a date picked is the date
// shown. A day is counted as days since 1970-01-01; it is a calendar day, not an instant:
// startOfDay() gives the instant it begins in the browser's time zone.

export type Calendar = 'gregory' | 'persian';

/** A date in one calendar; month 1-12, day 1-31. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const kDayMs = 86_400_000;

export function calendarFor(language: Language): Calendar {
  return language === 'fa' ? 'persian' : 'gregory';
}

/** The day of an ISO date ("2025-03-21", always Gregorian); null for anything else. */
export function dayFromIso(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) {
    return null;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over into March: such a date is refused, not moved.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return null;
  }
  return ms / kDayMs;
}

export function isoFromDay(day: number): string {
  return new Date(day * kDayMs).toISOString().slice(0, 10);
}

/** The calendar day an instant falls on in the browser's time zone. */
export function dayOfInstant(atMs: number): number {
  const local = new Date(atMs);
  return Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()) / kDayMs;
}

/** The instant `day` begins in the browser's time zone (local midnight). */
export function startOfDay(day: number): number {
  const utc = new Date(day * kDayMs);
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate()).getTime();
}

const partFormats = new Map<Calendar, Intl.DateTimeFormat>();

/** `day` in `calendar`. */
export function toCalendar(day: number, calendar: Calendar): CalendarDate {
  let format = partFormats.get(calendar);
  if (!format) {
    // Latin digits and UTC: the parts are read as numbers, and a day is midnight UTC here.
    format = new Intl.DateTimeFormat(`en-u-ca-${calendar}-nu-latn`, { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
    partFormats.set(calendar, format);
  }
  const parts = format.formatToParts(day * kDayMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** The day of `date` in `calendar`; for a date past its month's end (30 Esfand in a common
 *  year), the first day after the month. Dates grow with days in every calendar, so a binary
 *  search over days finds it without calendar arithmetic of our own. */
export function fromCalendar(date: CalendarDate, calendar: Calendar): number {
  let low = -200_000; // about 1422 (Gregorian)
  let high = 200_000; // about 2517
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (compare(toCalendar(middle, calendar), date) < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

export function daysInMonth(year: number, month: number, calendar: Calendar): number {
  const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return fromCalendar(next, calendar) - fromCalendar({ year, month, day: 1 }, calendar);
}

/** The month's name as the language writes it: "March", "فروردین", "مارس". */
export function monthName(year: number, month: number, language: Language): string {
  const first = fromCalendar({ year, month, day: 1 }, calendarFor(language));
  return new Intl.DateTimeFormat(dateLocale(language), { month: 'long', timeZone: 'UTC' }).format(first * kDayMs);
}
