import type { AttendanceDay, Language } from '../api/types';
import { instantOfWall, wallClock, type CentreClock } from '../format/centre_clock';
import { formatDateTime, formatTime } from '../format/dates';
import { dateLocale } from '../format/locales';
import { kNoData } from '../format/numbers';

// Times of an agent's day on the centre's clock, whatever the browser's zone: the server cuts
// the days in the centre's zone (docs/api.md GET /api/v1/attendance), so a login at 08:05 in
// Tehran reads 08:05 on a laptop set to another zone, and a time typed into the correction
// form is a time of that day there (the clock itself: format/centre_clock.ts). Pure: the
// language and the zone come in.

const kMinuteMs = 60_000;
const kDayMinutes = 24 * 60;

/** Minutes from the day's local midnight to `atMs` on the centre's clock: 485 for 08:05, 1,530
 *  for 01:30 the next day, negative the day before. */
export function minutesIntoDay(atMs: number, day: Pick<AttendanceDay, 'from_ms'>, clock: CentreClock): number {
  return Math.round((wallClock(atMs, clock) - wallClock(day.from_ms, clock)) / kMinuteMs);
}

/** The instant the centre's clock shows `minutes` after the day's local midnight (1,440 and
 *  more: the next day). A wall time the clocks skip (02:30 when they go from 02:00 to 03:00)
 *  is read on the clock before the change (03:30); one they show twice, the first time. */
export function instantInDay(minutes: number, day: Pick<AttendanceDay, 'from_ms'>, clock: CentreClock): number {
  return instantOfWall(wallClock(day.from_ms, clock) + minutes * kMinuteMs, day.from_ms + minutes * kMinuteMs, clock);
}

/** "08:05" for minutes into a day (0-1439, the next day's taken modulo), Latin digits: what a
 *  time field holds before it is shown in the reader's digits. */
export function clockText(minutes: number): string {
  const inDay = ((minutes % kDayMinutes) + kDayMinutes) % kDayMinutes;
  return `${String(Math.floor(inDay / 60)).padStart(2, '0')}:${String(inDay % 60).padStart(2, '0')}`;
}

/** An instant of the day as the table writes it: the time ("08:05", "۰۸:۰۵") when it falls
 *  on the day, else the date too (a logout after midnight); "–" for none. */
export function dayInstantText(atMs: number | null, day: Pick<AttendanceDay, 'from_ms' | 'to_ms'>, clock: CentreClock, language: Language): string {
  if (atMs === null) {
    return kNoData;
  }
  const shifted = atMs + clock.shiftMs;
  return day.from_ms <= atMs && atMs < day.to_ms ? formatTime(shifted, language, clock.timeZone) : formatDateTime(shifted, language, clock.timeZone);
}

/** Any instant (when a correction was made) as the tables write one: "۱۴۰۵/۰۹/۱۵ ۱۰:۲۰". */
export function centreDateTime(atMs: number, clock: CentreClock, language: Language): string {
  return formatDateTime(atMs + clock.shiftMs, language, clock.timeZone);
}

/** The day's weekday in the language: "Saturday", "شنبه" (read at its middle, which is on the
 *  day in any zone). */
export function weekdayText(day: Pick<AttendanceDay, 'from_ms' | 'to_ms'>, clock: CentreClock, language: Language): string {
  const middle = Math.floor((day.from_ms + day.to_ms) / 2) + clock.shiftMs;
  return new Intl.DateTimeFormat(dateLocale(language), { weekday: 'long', timeZone: clock.timeZone }).format(middle);
}
