import type { Intervals, Language } from '../api/types';
import { formatTime } from '../format/dates';
import { formatInteger, formatPercent } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';

/** "+03:30" -> 210, "-05:00" -> -300 (minutes east of UTC); 0 for anything else. */
export function offsetMinutes(utcOffset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  if (!match) {
    return 0;
  }
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The ECharts option for today by interval: offered, answered and abandoned calls as bars, the
 *  service level as a line on its own axis. Right-to-left languages run time from the right.
 *  Intervals are labelled in the centre's time (`utc_offset`), where its day begins, whatever
 *  the time zone of the browser. */
export function intervalChartOption(data: Intervals, language: Language) {
  const shiftMs = offsetMinutes(data.utc_offset) * 60_000;
  const rtl = directionOf(language) === 'rtl';
  const rows = data.intervals;
  const font = { fontFamily: 'Vazirmatn, system-ui, sans-serif' };
  return {
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, textStyle: font },
    grid: { left: 56, right: 56, top: 40, bottom: 32 },
    xAxis: {
      type: 'category' as const,
      inverse: rtl,
      data: rows.map((row) => formatTime(row.start_at_ms + shiftMs, language, 'UTC')),
    },
    yAxis: [
      {
        type: 'value' as const,
        position: rtl ? ('right' as const) : ('left' as const),
        minInterval: 1,
        axisLabel: { formatter: (value: number) => formatInteger(value, language) },
      },
      {
        type: 'value' as const,
        position: rtl ? ('left' as const) : ('right' as const),
        min: 0,
        max: 1,
        splitLine: { show: false },
        axisLabel: { formatter: (value: number) => formatPercent(value, language) },
      },
    ],
    series: [
      { name: translate(language, 'kpi.offered'), type: 'bar' as const, data: rows.map((row) => row.total.counters.offered) },
      { name: translate(language, 'kpi.answered'), type: 'bar' as const, data: rows.map((row) => row.total.counters.answered) },
      { name: translate(language, 'kpi.abandoned'), type: 'bar' as const, data: rows.map((row) => row.total.counters.abandoned) },
      {
        name: translate(language, 'kpi.service_level'),
        type: 'line' as const,
        yAxisIndex: 1,
        connectNulls: false,
        // null (no data) leaves a gap rather than dropping to 0 (docs/metrics.md).
        data: rows.map((row) => row.total.kpis.service_level),
      },
    ],
  };
}
