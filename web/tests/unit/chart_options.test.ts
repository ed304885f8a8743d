import { describe, expect, it } from 'vitest';
import type { Intervals } from '../../src/api/types';
import { intervalChartOption, offsetMinutes } from '../../src/pages/interval_chart_options';
import { counters, window } from './fixtures';

const data: Intervals = {
  date: '2025-03-21',
  utc_offset: '+03:30',
  interval_ms: 1_800_000,
  intervals: [0, 1].map((index) => {
    const figures = window({ counters: counters({ offered: 10 + index, answered: 8, abandoned: 2 }) });
    figures.kpis.service_level = index === 0 ? 0.75 : null;
    return { index, start_at_ms: Date.UTC(2025, 2, 20, 20, 30) + index * 1_800_000, end_at_ms: 0, total: figures, queues: {} };
  }),
};

describe('interval chart', () => {
  it('has offered, answered and abandoned bars and a service-level line with gaps for no data', () => {
    const option = intervalChartOption(data, 'en');
    expect(option.series.map((s) => [s.name, s.type])).toEqual([
      ['Offered', 'bar'],
      ['Answered', 'bar'],
      ['Abandoned', 'bar'],
      ['Service level', 'line'],
    ]);
    expect(option.series[0]!.data).toEqual([10, 11]);
    expect(option.series[3]!.data).toEqual([0.75, null]);
  });

  it('runs from the right in Persian, with Persian names and digits', () => {
    const option = intervalChartOption(data, 'fa');
    expect(option.xAxis.inverse).toBe(true);
    expect(option.yAxis[0]!.position).toBe('right');
    expect(option.series[0]!.name).toBe('ورودی');
    expect(option.yAxis[1]!.axisLabel.formatter(0.5)).toBe('۵۰٪');
    expect(option.xAxis.data.every((label) => /^[۰-۹]{2}:[۰-۹]{2}$/.test(label))).toBe(true);
  });

  it('runs from the left in English', () => {
    expect(intervalChartOption(data, 'en').xAxis.inverse).toBe(false);
  });

  it("labels intervals in the centre's time, from its midnight", () => {
    // 20:30 UTC is 00:00 in Tehran (+03:30), whatever the browser's time zone.
    expect(intervalChartOption(data, 'en').xAxis.data).toEqual(['00:00', '00:30']);
    expect(intervalChartOption({ ...data, utc_offset: '-05:00' }, 'en').xAxis.data).toEqual(['15:30', '16:00']);
  });

  it('reads offsets east and west of UTC, and nothing else', () => {
    expect(offsetMinutes('+03:30')).toBe(210);
    expect(offsetMinutes('-05:00')).toBe(-300);
    expect(offsetMinutes('+00:00')).toBe(0);
    expect(offsetMinutes('Z')).toBe(0);
    expect(offsetMinutes('03:30')).toBe(0);
  });
});
