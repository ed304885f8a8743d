// The centre's clock, whatever the browser's zone: the server cuts days and periods in the
// centre's zone (docs/reports.md "Periods in the reader's calendar and the centre's zone"),
// which its answers name (`time_zone`). Used by the Attendance page for times of a day and by
// the Reports page for the midnights its days begin at. Pure: the zone comes in.

const kMinuteMs = 60_000;
const kDayMs = 86_400_000;

/** The centre's clock: an IANA zone, or (time_zone "" — a fixed offset) UTC shifted by the
 *  offset. Instants are formatted as `atMs + shiftMs` in `timeZone`. */
export interface CentreClock {
  timeZone: string;
  shiftMs: number;
}

/** The clock of a report whose `time_zone` is `timeZone`. A fixed offset is read from a day's
 *  start, which is local midnight: Tehran's (+03:30) begins at 20:30 UTC. */
export function centreClock(timeZone: string, dayStartMs: number): CentreClock {
  if (timeZone) {
    return { timeZone, shiftMs: 0 };
  }
  let shiftMs = (((-dayStartMs) % kDayMs) + kDayMs) % kDayMs;
  // Offsets run from -12:00 to +14:00.
  if (shiftMs > 14 * 60 * kMinuteMs) {
    shiftMs -= kDayMs;
  }
  return { timeZone: 'UTC', shiftMs };
}

/** The clock of the IANA zone `timeZone`; null for "" (a fixed offset, which a zone name does
 *  not tell) and for a name the browser does not know. */
export function zoneClock(timeZone: string): CentreClock | null {
  if (!timeZone) {
    return null;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    return null;
  }
  return { timeZone, shiftMs: 0 };
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The centre's wall clock at `atMs` as if it were UTC (Date.UTC of its parts), to the
 *  minute. */
export function wallClock(atMs: number, clock: CentreClock): number {
  let format = wallFormats.get(clock.timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-u-ca-gregory-nu-latn', {
      timeZone: clock.timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
    });
    wallFormats.set(clock.timeZone, format);
  }
  const parts = format.formatToParts(atMs + clock.shiftMs);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
}

/** The instant the centre's clock shows the wall time `wallMs` (wallClock's form), searched
 *  from `guessMs`, an instant near it. A wall time the clocks skip (02:30 when they go from
 *  02:00 to 03:00) is read on the clock before the change (03:30); one they show twice, the
 *  first time. */
export function instantOfWall(wallMs: number, guessMs: number, clock: CentreClock): number {
  // The zone's offset near the guess, then near the first answer: they differ only across a
  // change of the clocks.
  const first = wallMs - (wallClock(guessMs, clock) - guessMs);
  if (wallClock(first, clock) === wallMs) {
    return first;
  }
  const second = wallMs - (wallClock(first, clock) - first);
  if (wallClock(second, clock) === wallMs) {
    return second;
  }
  return Math.max(first, second);
}

/** The instant the calendar day `day` (days since 1970-01-01) begins on the centre's clock:
 *  its local midnight (startOfDay in format/calendar.ts is the browser's). A midnight the
 *  clocks skip begins the day at the change, as the server cuts it. */
export function centreMidnight(day: number, clock: CentreClock): number {
  return instantOfWall(day * kDayMs, day * kDayMs, clock);
}

/** The calendar day `atMs` falls on on the centre's clock (dayOfInstant in format/calendar.ts
 *  is the browser's). */
export function centreDay(atMs: number, clock: CentreClock): number {
  return Math.floor(wallClock(atMs, clock) / kDayMs);
}
