import type { Language, PeriodReport } from '../api/types';
import { formatSeconds } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';
import { periodAxis } from './reports_chart_options';

/** Steps a duration axis is ticked at, in seconds: those people count in (10 s, 30 s, a
 *  minute, 5 minutes...), where ECharts' own decimal steps give 0:50, 1:40, 2:30. */
const kDurationSteps = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Ticks above 0 a duration axis has at most. */
const kDurationTicks = 5;

/** A duration axis for `values` (seconds; null is no data): its step, and its top at the step
 *  that holds the largest value, so the ticks fall on whole steps from 0. */
export function durationAxis(values: readonly (number | null)[]): { interval: number; max: number } {
  const largest = values.reduce<number>((most, value) => (value !== null && Number.isFinite(value) ? Math.max(most, value) : most), 0);
  const hour = 3600;
  const interval = kDurationSteps.find((step) => largest <= step * kDurationTicks) ?? Math.ceil(largest / (hour * kDurationTicks)) * hour;
  return { interval, max: Math.max(interval, Math.ceil(largest / interval) * interval) };
}

/** The series' colours, each axis's labels in its line's, so a reader knows which scale is
 *  whose. */
const kAsaColour = '#5470c6';
const kAhtColour = '#ee6666';

/** The ECharts option for the ASA and AHT of a report's periods (kpis.asa_s and aht_s): a line
 *  each over the periods' axis (periodAxis). A period without data leaves a gap, never a 0
 *  (docs/metrics.md). Each has its own axis, the ASA's on the near side: a wait of seconds
 *  next to a handle time of minutes would lie flat on one scale. Durations read m:ss in the
 *  language's digits; right-to-left languages run time from the right. */
export function handleTimesChartOption(report: Pick<PeriodReport, 'by' | 'periods'>, language: Language) {
  const rtl = directionOf(language) === 'rtl';
  const font = { fontFamily: 'Vazirmatn, system-ui, sans-serif' };
  const duration = (value: unknown) => formatSeconds(typeof value === 'number' ? value : null, language);
  const { labels, bottom, axisLabel } = periodAxis(report, language);
  const asa = report.periods.map((period) => period.kpis.asa_s);
  const aht = report.periods.map((period) => period.kpis.aht_s);
  const axis = (values: (number | null)[], near: boolean, colour: string) => ({
    type: 'value' as const,
    position: near !== rtl ? ('left' as const) : ('right' as const),
    min: 0,
    ...durationAxis(values),
    splitLine: { show: near },
    axisLine: { show: true, lineStyle: { color: colour } },
    axisLabel: { color: colour, formatter: (value: number) => formatSeconds(value, language) },
  });
  const line = (name: 'kpi.asa' | 'kpi.aht', values: (number | null)[], yAxisIndex: number, colour: string) => ({
    name: translate(language, name),
    type: 'line' as const,
    yAxisIndex,
    // null (no call answered or handled) leaves a gap rather than dropping to 0.
    connectNulls: false,
    symbolSize: 6,
    itemStyle: { color: colour },
    lineStyle: { color: colour },
    data: values,
  });
  return {
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' as const, valueFormatter: duration },
    legend: { top: 0, textStyle: font },
    grid: { left: 56, right: 56, top: 40, bottom },
    xAxis: { type: 'category' as const, inverse: rtl, data: labels, axisLabel },
    yAxis: [axis(asa, true, kAsaColour), axis(aht, false, kAhtColour)],
    series: [line('kpi.asa', asa, 0, kAsaColour), line('kpi.aht', aht, 1, kAhtColour)],
  };
}
