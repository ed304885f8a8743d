import type { QualityReport } from '../api/types';
import { currentLanguage } from '../i18n/i18n';
import { lazyChart } from '../ui/lazy_chart';
import { qualityChartOption } from './quality_chart_options';

/** The report as a chart: average score bars and the pass-rate line per key (ECharts, loaded
 *  only once a report is shown). */
export function qualityChart() {
  const chart = lazyChart('quality-chart');
  return {
    element: chart.element,
    show: (report: QualityReport, label: (key: string) => string): Promise<void> =>
      chart.show(report.rows.length, () => qualityChartOption(report, currentLanguage(), label)),
    dispose: chart.dispose,
  };
}
