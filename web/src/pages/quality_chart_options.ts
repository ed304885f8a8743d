import type { Language, QualityReport } from '../api/types';
import { formatPercent } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';

/** A score or rate in percent (0-100, as the API gives them) in the language's digits. */
function percentLabel(value: number | null, language: Language): string {
  return formatPercent(value === null ? null : value / 100, language);
}

/** The ECharts option for a quality report: each key's average score as a bar and its pass
 *  rate as a line. Both are percentages, so they share one 0-100 axis: a reader compares a
 *  bar with its dot directly, with no second scale to read. Right-to-left languages run the
 *  keys from the right with the axis on the right; digits are the language's. `label` names
 *  a key as the table does (an agent's name rather than their id). */
export function qualityChartOption(report: QualityReport, language: Language, label: (key: string) => string) {
  const rtl = directionOf(language) === 'rtl';
  const font = { fontFamily: 'Vazirmatn, system-ui, sans-serif' };
  const format = (value: unknown) => percentLabel(typeof value === 'number' ? value : null, language);
  return {
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' as const, valueFormatter: format },
    legend: { top: 0, textStyle: font },
    grid: { left: 56, right: 56, top: 40, bottom: 56 },
    xAxis: {
      type: 'category' as const,
      inverse: rtl,
      data: report.rows.map((row) => label(row.key)),
      // Every key labelled (hidden where they would overlap), cut short rather than run into
      // the next one.
      axisLabel: { interval: 0, hideOverlap: true, width: 120, overflow: 'truncate' as const },
    },
    yAxis: {
      type: 'value' as const,
      position: rtl ? ('right' as const) : ('left' as const),
      min: 0,
      max: 100,
      axisLabel: { formatter: (value: number) => percentLabel(value, language) },
    },
    series: [
      {
        name: translate(language, 'quality.average'),
        type: 'bar' as const,
        barMaxWidth: 48,
        // null (no score counted) leaves the bar out rather than drawing a 0.
        data: report.rows.map((row) => row.average),
      },
      {
        name: translate(language, 'quality.pass_rate'),
        type: 'line' as const,
        connectNulls: false,
        symbolSize: 8,
        data: report.rows.map((row) => row.pass_rate),
      },
    ],
  };
}
