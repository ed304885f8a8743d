import type { Figures, Language } from '../api/types';
import { formatInteger, formatPercent } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { directionOf } from '../i18n/languages';

/** How the category axis writes its labels (long ones wrap or are thinned out). */
export interface VolumeAxisLabel {
  /** Room under the chart for the labels, in pixels. */
  bottom?: number;
  /** ECharts' axisLabel settings for the category axis. */
  axisLabel?: Record<string, unknown>;
}

/** The ECharts option for calls over time: offered, answered and abandoned calls as bars, the
 *  service level as a line on its own axis, one category per `labels` entry with `rows` its
 *  figures. The console's intervals of today and the Reports page's periods both draw it.
 *  Right-to-left languages run time from the right with the counts' axis on the right;
 *  numbers, on the axes and in the tooltip, are in the language's digits. */
export function volumeChartOption(labels: readonly string[], rows: readonly Figures[], language: Language, axis: VolumeAxisLabel = {}) {
  const rtl = directionOf(language) === 'rtl';
  const font = { fontFamily: 'Vazirmatn, system-ui, sans-serif' };
  const count = (value: unknown) => formatInteger(typeof value === 'number' ? value : null, language);
  const percent = (value: unknown) => formatPercent(typeof value === 'number' ? value : null, language);
  const bar = (name: MessageKey, pick: (row: Figures) => number) => ({
    name: translate(language, name),
    type: 'bar' as const,
    tooltip: { valueFormatter: count },
    data: rows.map(pick),
  });
  return {
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' as const },
    legend: { top: 0, textStyle: font },
    grid: { left: 56, right: 56, top: 40, bottom: axis.bottom ?? 32 },
    xAxis: {
      type: 'category' as const,
      inverse: rtl,
      data: [...labels],
      ...(axis.axisLabel ? { axisLabel: axis.axisLabel } : {}),
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
      bar(msg('kpi.offered'), (row) => row.counters.offered),
      bar(msg('kpi.answered'), (row) => row.counters.answered),
      bar(msg('kpi.abandoned'), (row) => row.counters.abandoned),
      {
        name: translate(language, 'kpi.service_level'),
        type: 'line' as const,
        yAxisIndex: 1,
        connectNulls: false,
        tooltip: { valueFormatter: percent },
        // null (no data) leaves a gap rather than dropping to 0 (docs/metrics.md).
        data: rows.map((row) => row.kpis.service_level),
      },
    ],
  };
}
