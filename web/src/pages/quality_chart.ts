// A type-only import: the ECharts code itself arrives with the dynamic import below.
import type { EChartsType } from 'echarts/core';

import type { QualityReport } from '../api/types';
import { currentLanguage } from '../i18n/i18n';
import { h } from '../ui/dom';
import { qualityChartOption } from './quality_chart_options';

/** The report as a chart: average score bars and the pass-rate line per key (ECharts, loaded
 *  only once a report is shown). */
export function qualityChart() {
  const canvas = h('div', { class: 'chart', 'data-testid': 'quality-chart' });
  let chart: EChartsType | null = null;
  let disposed = false;
  /** Reports drawn out of order (a slow import) keep the newest. */
  let latest = 0;

  const onResize = () => chart?.resize();
  window.addEventListener('resize', onResize);
  return {
    element: canvas,
    async show(report: QualityReport, label: (key: string) => string): Promise<void> {
      const mine = ++latest;
      canvas.hidden = report.rows.length === 0;
      const { echarts } = await import('../ui/echarts_setup');
      if (disposed || mine !== latest || canvas.hidden) {
        return;
      }
      chart ??= echarts.init(canvas, undefined, { renderer: 'canvas' });
      chart.setOption(qualityChartOption(report, currentLanguage(), label), true);
      chart.resize();
      canvas.dataset.keys = String(report.rows.length);
    },
    dispose() {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    },
  };
}
