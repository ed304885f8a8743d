import type { Language, PeriodReport, ReportRanking } from '../api/types';
import { formatInteger } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';
import { periodLabel } from './report_figures';
import { volumeChartOption } from './volume_chart_options';

/** Agents the ranking chart shows at most (the table lists them all). */
export const kChartAgents = 20;

/** A period as the chart's axis writes it: the server's label in the reader's digits, an
 *  interval's time under its date. */
export function chartPeriodLabel(label: string, language: Language): string {
  return periodLabel(label, language).replace(' ', '\n');
}

/** Labels the periods' axis writes at most: a week of days, a year of months all labelled;
 *  longer reports every so many periods (the tooltip names each). */
const kAxisLabels = { oneLine: 14, twoLines: 10 };

/** The periods' axis as every chart over a report's periods writes it: the server's labels,
 *  an interval's time under its date, and only every so many periods labelled when they are
 *  many; `bottom` the room under the chart for the labels. */
export function periodAxis(report: Pick<PeriodReport, 'by' | 'periods'>, language: Language) {
  const twoLines = report.by === 'interval';
  const most = twoLines ? kAxisLabels.twoLines : kAxisLabels.oneLine;
  const every = Math.max(1, Math.ceil(report.periods.length / most));
  return {
    labels: report.periods.map((period) => chartPeriodLabel(period.label, language)),
    bottom: twoLines ? 48 : 32,
    axisLabel: { interval: every - 1, hideOverlap: true, lineHeight: 16 },
  };
}

/** The ECharts option for a report's periods: offered, answered and abandoned calls as bars and
 *  the service level as a line on a second axis, as the console's chart of today
 *  (volume_chart_options.ts), on the periods' axis (periodAxis). */
export function periodsChartOption(report: Pick<PeriodReport, 'by' | 'periods'>, language: Language) {
  const { labels, bottom, axisLabel } = periodAxis(report, language);
  return volumeChartOption(labels, report.periods, language, { bottom, axisLabel });
}

/** The ECharts option for the agents of a centre's or a queue's report, ranked by answered
 *  calls (the server sends them most answered first): a bar each for the first `limit`,
 *  named by `name`. Right-to-left languages rank from the right with the axis on the right;
 *  digits are the language's. */
export function agentsChartOption(agents: readonly ReportRanking[], language: Language, name: (id: string) => string, limit = kChartAgents) {
  const rtl = directionOf(language) === 'rtl';
  const font = { fontFamily: 'Vazirmatn, system-ui, sans-serif' };
  const count = (value: unknown) => formatInteger(typeof value === 'number' ? value : null, language);
  const shown = agents.slice(0, limit);
  return {
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' as const, valueFormatter: count },
    legend: { top: 0, textStyle: font },
    grid: { left: 56, right: 56, top: 40, bottom: 56 },
    xAxis: {
      type: 'category' as const,
      inverse: rtl,
      data: shown.map((agent) => name(agent.id)),
      // Every agent named (hidden where they would overlap), cut short rather than run into
      // the next one.
      axisLabel: { interval: 0, hideOverlap: true, width: 110, overflow: 'truncate' as const },
    },
    yAxis: {
      type: 'value' as const,
      position: rtl ? ('right' as const) : ('left' as const),
      minInterval: 1,
      axisLabel: { formatter: (value: number) => formatInteger(value, language) },
    },
    series: [
      {
        name: translate(language, 'kpi.answered'),
        type: 'bar' as const,
        barMaxWidth: 48,
        data: shown.map((agent) => agent.counters.answered),
      },
    ],
  };
}
