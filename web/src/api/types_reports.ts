// The JSON shapes of docs/api.md "Reports" (GET /api/v1/reports): the centre's, a queue's or
// an agent's figures per period. Re-exported by types.ts, which the pages import.

import type { Figures } from './types';

/** How long each period is (`by`): an interval of `interval_min` minutes, a day, a week, a
 *  month or a year of the report's calendar. */
export type ReportGrain = 'interval' | 'day' | 'week' | 'month' | 'year';

/** The calendar periods are cut and labelled in: Jalali (Saturday weeks, Persian months),
 *  Gregorian (ISO weeks from Monday) or Hijri (the tabular Islamic calendar, islamic-civil:
 *  Saturday weeks, Hijri months such as "1448-06"). */
export type ReportCalendar = 'jalali' | 'gregorian' | 'hijri';

/** An interval's length in minutes (`interval_min`). */
export type ReportIntervalMin = 15 | 30 | 60;

/** Whose figures: the whole centre, a queue, an agent, or a supervisor's team (`team=<their
 *  username>`: their queues' calls summed, their agents' time). */
export type ReportScopeKind = 'centre' | 'queue' | 'agent' | 'team';

/** One period's figures (ReportRow with its period): `label` as the server writes it in the
 *  report's calendar ("1405-09-15", "1405-09-15 08:30", "2026-W49", "1405-09", "1448-06",
 *  "1405"). */
export interface ReportPeriod extends Figures {
  label: string;
  from_ms: number;
  to_ms: number;
}

/** A queue's or an agent's figures over the whole range (ReportRow with `id`). */
export interface ReportRanking extends Figures {
  id: string;
}

/** A QA score beside the figures: submitted evaluations of the calls that started in the
 *  range, their average score and the share that passed, in percent (0..100, one decimal);
 *  null where no evaluation counts. */
export interface ReportQualityFigures {
  evaluations: number;
  average: number | null;
  pass_rate: number | null;
}

/** The scope's QA score (as GET /api/v1/quality/report sums it) and each ranked agent's who
 *  has evaluations, by agent id. */
export interface ReportQuality extends ReportQualityFigures {
  by_agent: Record<string, ReportQualityFigures>;
}

/** How long the range's callers waited before an answer or a hang-up, counted in buckets of
 *  wait: bucket i < 9 holds the waits in (edges_s[i-1], edges_s[i]] seconds (the first from
 *  0 to 10 s), bucket 9 those over 300 s. The same calls as the total's counters: `answered`
 *  the calls answered (callbacks left out), `abandoned` those abandoned (short abandons left
 *  out). */
export interface WaitCurve {
  /** The buckets' upper edges in seconds: [10, 20, 30, 45, 60, 90, 120, 180, 300]. */
  edges_s: number[];
  /** Calls per bucket, one more bucket than edges (the last: over the last edge). */
  answered: number[];
  abandoned: number[];
}

/** The day a week's rows begin with: Saturday for the Jalali and Hijri calendars, Monday for
 *  the Gregorian (ISO weeks). */
export type WeekStart = 'sat' | 'mon';

/** The range's calls by day of the week and hour of the centre's day, summed over the whole
 *  range: 7 rows (row 0 is `first_day`) of 24 columns (local hours 0-23 of the centre's
 *  zone). */
export interface WeekHours {
  first_day: WeekStart;
  offered: number[][];
  answered: number[][];
  abandoned: number[][];
  /** 0..1, null where no call counts (docs/metrics.md: no data, never 0). */
  service_level: (number | null)[][];
}

export interface PeriodReport {
  scope: { kind: ReportScopeKind; id: string };
  by: ReportGrain;
  calendar: ReportCalendar;
  /** The centre's IANA zone the periods are cut in; "" for a fixed offset. */
  time_zone: string;
  /** The first period's start and the last one's end. */
  from_ms: number;
  to_ms: number;
  periods: ReportPeriod[];
  total: Figures;
  /** The centre's and a team's report: each queue in the reader's scope (a team's: its
   *  queues), most answered first. */
  queues?: ReportRanking[];
  /** The centre's, a team's and a queue's report: each agent (a queue's: its members, a
   *  team's: its agents), most answered first. */
  agents?: ReportRanking[];
  /** The range's waits, answered and abandoned, by bucket of wait. */
  wait_curve: WaitCurve;
  /** The range's calls by weekday and hour of the centre's day. */
  week_hours: WeekHours;
  /** The QA score beside the figures; absent when the server keeps no evaluations. */
  quality?: ReportQuality;
}
