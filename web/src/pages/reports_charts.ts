import type { PeriodReport, WeekHours } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { h, setData } from '../ui/dom';
import { lazyChart } from '../ui/lazy_chart';
import { handleTimesChartOption } from './handle_times_chart_options';
import { waitCurveCalls, waitCurveChartOption } from './wait_curve_chart_options';
import { kWeekHoursMeasureLabels, kWeekHoursMeasures, weekHoursChartOption, type WeekHoursMeasure } from './week_hours_chart_options';

/** Calls offered, answered or abandoned in the week's hours (0: an empty heatmap, not shown). */
function weekHoursCalls(weekHours: WeekHours): number {
  const sum = (rows: number[][]) => rows.flat().reduce((total, count) => total + count, 0);
  return sum(weekHours.offered) + sum(weekHours.answered) + sum(weekHours.abandoned);
}

/** The report's charts beyond its calls by period (reports_view.ts draws those): the ASA and
 *  AHT of each period (`trend`, shown under the calls), and how the range's calls spread
 *  (`patterns`): the waits before an answer or a hang-up, and the calls by weekday and hour
 *  with a choice of what the cells count. A chart with nothing to draw is hidden with its
 *  title. */
export function reportsCharts() {
  const trend = lazyChart('reports-handle-times-chart');
  const trendPart = h('section', { class: 'report-part', 'data-testid': 'report-handle-times-part' }, h('h3', {}, t('reports.handle_times_chart')), trend.element);

  const waits = lazyChart('reports-wait-curve-chart');
  const waitsPart = h(
    'section',
    { class: 'report-part', 'data-testid': 'report-wait-curve-part' },
    h('h3', {}, t('reports.wait_curve_chart')),
    h('p', { class: 'hint' }, t('reports.wait_curve_hint')),
    waits.element,
  );

  const measure = h(
    'select',
    { name: 'measure', 'data-testid': 'reports-heatmap-measure' },
    ...kWeekHoursMeasures.map((value) => h('option', { value }, t(kWeekHoursMeasureLabels[value]))),
  );
  const heatmap = lazyChart('reports-heatmap-chart');
  const heatmapPart = h(
    'section',
    { class: 'report-part report-heatmap', 'data-testid': 'report-heatmap-part' },
    h(
      'div',
      { class: 'report-part-head' },
      h('h3', {}, t('reports.heatmap_chart')),
      h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('reports.heatmap_measure')), measure),
    ),
    heatmap.element,
  );
  const patterns = h('div', { class: 'report-patterns', 'data-testid': 'report-patterns' }, waitsPart, heatmapPart);
  let last: PeriodReport | null = null;

  /** Draws the heatmap of `report` with the measure chosen (its part shown or hidden by
   *  show()); `data-measure` says what the drawing's cells count, for tests, as `data-keys`. */
  const drawHeatmap = (report: PeriodReport) => {
    const rows = heatmapPart.hidden ? 0 : report.week_hours.offered.length;
    void heatmap.show(rows, () => {
      const chosen = measure.value as WeekHoursMeasure;
      setData(heatmap.element, 'measure', chosen);
      return weekHoursChartOption(report.week_hours, chosen, currentLanguage());
    });
  };
  measure.addEventListener('change', () => {
    if (last) {
      drawHeatmap(last);
    }
  });

  const hide = () => {
    last = null;
    for (const part of [trendPart, patterns]) {
      part.hidden = true;
    }
    trend.hide();
    waits.hide();
    heatmap.hide();
  };
  hide();

  return {
    /** The ASA and AHT by period, for under the calls by period. */
    trend: trendPart,
    /** The waits and the week's hours, for under the table of periods. */
    patterns,
    show(report: PeriodReport) {
      last = report;
      // Calls are offered to queues, not agents: an agent's offered hours are all 0.
      if (report.scope.kind === 'agent' && measure.value === 'offered') {
        measure.value = 'answered';
      }
      // Periods with an ASA or an AHT: without any, the lines would be nothing but gaps.
      const timed = report.periods.some((period) => period.kpis.asa_s !== null || period.kpis.aht_s !== null);
      const curve = report.wait_curve;
      // The parts are shown before their charts are drawn: ECharts sizes a chart by its box.
      trendPart.hidden = !timed;
      waitsPart.hidden = waitCurveCalls(curve) === 0;
      heatmapPart.hidden = weekHoursCalls(report.week_hours) === 0;
      patterns.hidden = waitsPart.hidden && heatmapPart.hidden;
      void trend.show(timed ? report.periods.length : 0, () => handleTimesChartOption(report, currentLanguage()));
      void waits.show(waitsPart.hidden ? 0 : curve.answered.length, () => waitCurveChartOption(curve, currentLanguage()));
      drawHeatmap(report);
    },
    hide,
    dispose() {
      trend.dispose();
      waits.dispose();
      heatmap.dispose();
    },
  };
}
