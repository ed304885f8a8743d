import { describe, expect, it } from 'vitest';
import type { PeriodReport, ReportPeriod, WaitCurve, WeekHours } from '../../src/api/types';
import { durationAxis, handleTimesChartOption } from '../../src/pages/handle_times_chart_options';
import { cumulativeShares, waitBucketLabels, waitCurveCalls, waitCurveChartOption } from '../../src/pages/wait_curve_chart_options';
import { weekDayNames, weekDays, weekHoursChartOption } from '../../src/pages/week_hours_chart_options';
import { window } from './fixtures';

// The Reports page's charts beyond the calls by period (reports.test.ts has those): ASA and
// AHT by period, the waits before an answer or an abandon, and the calls by weekday and hour;
// each in the reader's direction, words and digits.

const hourMs = 3_600_000;

/** A period whose ASA and AHT are given (seconds; null: no data). */
function timedPeriod(label: string, index: number, asa: number | null, aht: number | null): ReportPeriod {
  const figures = window();
  figures.kpis.asa_s = asa;
  figures.kpis.aht_s = aht;
  return { label, from_ms: index * 24 * hourMs, to_ms: (index + 1) * 24 * hourMs, counters: figures.counters, kpis: figures.kpis };
}

describe('the ASA and AHT chart', () => {
  const report: Pick<PeriodReport, 'by' | 'periods'> = {
    by: 'day',
    periods: [timedPeriod('2026-12-01', 0, 12.5, 185), timedPeriod('2026-12-02', 1, null, null), timedPeriod('2026-12-03', 2, 40, 240)],
  };

  it('draws a line each over the periods, a day without data a gap rather than 0', () => {
    const option = handleTimesChartOption(report, 'en');
    expect(option.series.map((s) => [s.name, s.type, s.yAxisIndex])).toEqual([
      ['ASA', 'line', 0],
      ['AHT', 'line', 1],
    ]);
    expect(option.series[0]!.data).toEqual([12.5, null, 40]);
    expect(option.series[1]!.data).toEqual([185, null, 240]);
    expect(option.series.every((s) => s.connectNulls === false)).toBe(true);
    expect(option.xAxis.data).toEqual(['2026-12-01', '2026-12-02', '2026-12-03']);
    expect(option.xAxis.inverse).toBe(false);
    expect(option.yAxis.map((axis) => axis.position)).toEqual(['left', 'right']);
  });

  it('reads durations as m:ss on axes ticked at whole steps, a dash for no data', () => {
    const option = handleTimesChartOption(report, 'en');
    expect(option.yAxis[0]!.axisLabel.formatter(30)).toBe('0:30');
    expect(option.yAxis[1]!.axisLabel.formatter(300)).toBe('5:00');
    expect(option.tooltip.valueFormatter(185)).toBe('3:05');
    expect(option.tooltip.valueFormatter(null)).toBe('–');
    // ASA up to 40 s: every 10 s up to 40 s; AHT up to 4 min: every minute up to 4 min.
    expect(option.yAxis[0]).toMatchObject({ min: 0, interval: 10, max: 40 });
    expect(option.yAxis[1]).toMatchObject({ min: 0, interval: 60, max: 240 });
  });

  it('picks steps people count in, and a step even with no data at all', () => {
    expect(durationAxis([null, null])).toEqual({ interval: 5, max: 5 });
    expect(durationAxis([7])).toEqual({ interval: 5, max: 10 });
    expect(durationAxis([61, null])).toEqual({ interval: 15, max: 75 });
    expect(durationAxis([1_000])).toEqual({ interval: 300, max: 1_200 });
    // Past 5 hours, whole hours: 11 h 7 min every 3 hours up to 12.
    expect(durationAxis([40_000])).toEqual({ interval: 10_800, max: 43_200 });
  });

  it('runs from the right in Persian, with Persian names, labels and digits', () => {
    const option = handleTimesChartOption({ by: 'interval', periods: [timedPeriod('1405-09-15 08:30', 0, 90, null)] }, 'fa');
    expect(option.xAxis.inverse).toBe(true);
    expect(option.yAxis.map((axis) => axis.position)).toEqual(['right', 'left']);
    expect(option.series.map((s) => s.name)).toEqual(['میانگین زمان پاسخ', 'میانگین زمان رسیدگی']);
    expect(option.xAxis.data).toEqual(['۱۴۰۵-۰۹-۱۵\n۰۸:۳۰']);
    expect(option.yAxis[0]!.axisLabel.formatter(90)).toBe('۱:۳۰');
    expect(option.tooltip.valueFormatter(12)).toBe('۰:۱۲');
  });

  it('labels every so many periods of a long report, as the calls chart does', () => {
    const periods = Array.from({ length: 96 }, (_, i) => timedPeriod(`p${i}`, i, 10, 100));
    expect(handleTimesChartOption({ by: 'interval', periods }, 'en').xAxis.axisLabel).toMatchObject({ interval: 9 });
  });
});

describe('the wait curve', () => {
  // 10 answered calls: 5 within 10 s, 3 more within 20 s, 2 more within 30 s. 4 abandoned: one
  // after 10-20 s, one after 45-60 s, two after more than 300 s.
  const curve: WaitCurve = {
    edges_s: [10, 20, 30, 45, 60, 90, 120, 180, 300],
    answered: [5, 3, 2, 0, 0, 0, 0, 0, 0, 0],
    abandoned: [0, 1, 0, 0, 1, 0, 0, 0, 0, 2],
  };

  it('adds up the buckets into the share of calls within each wait', () => {
    expect(cumulativeShares(curve.answered)).toEqual([0.5, 0.8, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(cumulativeShares(curve.abandoned)).toEqual([0, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5, 0.5, 1]);
    expect(cumulativeShares([0, 0, 0])).toBeNull();
    expect(waitCurveCalls(curve)).toBe(14);
  });

  it('draws the answered and the abandoned curve in percent against the buckets', () => {
    const option = waitCurveChartOption(curve, 'en');
    expect(option.xAxis.data).toEqual(['≤10 s', '≤20 s', '≤30 s', '≤45 s', '≤60 s', '≤90 s', '≤120 s', '≤180 s', '≤300 s', '> 300 s']);
    expect(option.series.map((s) => [s.name, s.type])).toEqual([
      ['Answered', 'line'],
      ['Abandoned', 'line'],
    ]);
    expect(option.series[0]!.data).toEqual([0.5, 0.8, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(option.series[1]!.data[4]).toBe(0.5);
    expect(option.yAxis).toMatchObject({ min: 0, max: 1 });
    expect(option.yAxis.axisLabel.formatter(0.25)).toBe('25%');
    expect(option.tooltip.valueFormatter(0.8)).toBe('80%');
  });

  it('has no line for calls the range does not have', () => {
    const answeredOnly = waitCurveChartOption({ ...curve, abandoned: curve.abandoned.map(() => 0) }, 'en');
    expect(answeredOnly.series.map((s) => s.name)).toEqual(['Answered']);
    const abandonedOnly = waitCurveChartOption({ ...curve, answered: curve.answered.map(() => 0) }, 'en');
    expect(abandonedOnly.series.map((s) => s.name)).toEqual(['Abandoned']);
    const none = { ...curve, answered: curve.answered.map(() => 0), abandoned: curve.abandoned.map(() => 0) };
    expect(waitCurveChartOption(none, 'en').series).toEqual([]);
    expect(waitCurveCalls(none)).toBe(0);
  });

  it('runs from the right in Persian, in Persian words and digits', () => {
    const option = waitCurveChartOption(curve, 'fa');
    expect(option.xAxis.inverse).toBe(true);
    expect(option.yAxis.position).toBe('right');
    expect(option.xAxis.data[0]).toBe('تا ۱۰ ثانیه');
    expect(option.xAxis.data[9]).toBe('بیش از ۳۰۰ ثانیه');
    expect(option.series.map((s) => s.name)).toEqual(['پاسخ‌داده', 'رهاشده']);
    expect(option.yAxis.axisLabel.formatter(0.5)).toBe('۵۰٪');
    expect(waitBucketLabels([10, 20], 'ar')).toEqual(['خلال ١٠ ث', 'خلال ٢٠ ث', 'أكثر من ٢٠ ث']);
  });
});

describe('the heatmap of the week by hour', () => {
  /** A week whose offered calls at day d, hour h are d * 100 + h; answered half of them
   *  (rounded down); the service level only on Saturdays' (row 0's) 9 o'clock. */
  const week = (firstDay: WeekHours['first_day']): WeekHours => {
    const grid = (cell: (day: number, hour: number) => number) => Array.from({ length: 7 }, (_, day) => Array.from({ length: 24 }, (_, hour) => cell(day, hour)));
    return {
      first_day: firstDay,
      offered: grid((day, hour) => day * 100 + hour),
      answered: grid((day, hour) => Math.floor((day * 100 + hour) / 2)),
      abandoned: grid(() => 0),
      service_level: Array.from({ length: 7 }, (_, day) => Array.from({ length: 24 }, (_, hour) => (day === 0 && hour === 9 ? 0.75 : null))),
    };
  };
  const cell = (data: [number, number, number | string][], day: number, hour: number) => data.find(([x, y]) => x === hour && y === day)?.[2];

  it('lists the days from Saturday in Jalali and Hijri weeks, from Monday in ISO weeks', () => {
    expect(weekDays('sat')).toEqual(['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri']);
    expect(weekDays('mon')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    expect(weekHoursChartOption(week('mon'), 'offered', 'en').yAxis.data).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    const persian = weekHoursChartOption(week('sat'), 'offered', 'fa').yAxis.data;
    expect(persian).toEqual(['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه']);
    expect(weekDayNames('sat', 'ar')[6]).toBe('الجمعة');
    // Row 0, the week's first day, on top.
    expect(weekHoursChartOption(week('sat'), 'offered', 'en').yAxis.inverse).toBe(true);
  });

  it('colours each hour of each day by the calls offered, on a scale up to the busiest', () => {
    const option = weekHoursChartOption(week('mon'), 'offered', 'en');
    const data = option.series[0]!.data;
    expect(option.series[0]).toMatchObject({ type: 'heatmap', name: 'Offered' });
    expect(data).toHaveLength(7 * 24);
    expect(cell(data, 0, 0)).toBe(0);
    expect(cell(data, 2, 9)).toBe(209);
    expect(cell(data, 6, 23)).toBe(623);
    expect(option.xAxis.data).toEqual(Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0')));
    expect(option.visualMap).toMatchObject({ type: 'continuous', min: 0, max: 623 });
  });

  it('switches to answered calls or to the service level, a cell without data left blank', () => {
    expect(cell(weekHoursChartOption(week('sat'), 'answered', 'en').series[0]!.data, 2, 9)).toBe(104);
    const level = weekHoursChartOption(week('sat'), 'service_level', 'en');
    expect(level.series[0]!.name).toBe('Service level');
    expect(cell(level.series[0]!.data, 0, 9)).toBe(0.75);
    // '-' is ECharts' empty cell: no colour at all, never the colour of 0 %.
    expect(cell(level.series[0]!.data, 0, 10)).toBe('-');
    expect(level.visualMap).toMatchObject({ min: 0, max: 1 });
    expect(level.visualMap.formatter(0.75)).toBe('75%');
    expect(level.tooltip.formatter({ data: [9, 0, 0.75] })).toBe('Saturday 09:00–10:00<br>Service level: 75%');
    expect(level.tooltip.formatter({ data: [10, 0, '-'] })).toBe('Saturday 10:00–11:00<br>Service level: –');
  });

  it('keeps a scale for a week without calls', () => {
    const quiet = { ...week('mon'), offered: week('mon').offered.map((row) => row.map(() => 0)) };
    expect(weekHoursChartOption(quiet, 'offered', 'en').visualMap.max).toBe(1);
  });

  it('runs the hours from the right in Persian, the days on the right, in Persian digits', () => {
    const option = weekHoursChartOption(week('sat'), 'offered', 'fa');
    expect(option.xAxis.inverse).toBe(true);
    expect(option.yAxis.position).toBe('right');
    expect(option.visualMap.inverse).toBe(true);
    expect(option.xAxis.data.slice(0, 3)).toEqual(['۰۰', '۰۱', '۰۲']);
    expect(option.xAxis.data[23]).toBe('۲۳');
    expect(option.series[0]!.name).toBe('ورودی');
    expect(option.visualMap.formatter(1234)).toBe('۱٬۲۳۴');
    expect(option.tooltip.formatter({ data: [8, 1, 108] })).toBe('یکشنبه ۰۸:۰۰–۰۹:۰۰<br>ورودی: ۱۰۸');
  });
});
