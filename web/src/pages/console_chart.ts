// A type-only import: the ECharts code itself arrives with the dynamic import below.
import type { EChartsType } from 'echarts/core';

import type { AppContext } from '../app_context';
import { currentLanguage, t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorText } from '../ui/labels';
import { intervalChartOption } from './interval_chart_options';

/** A new interval's figures matter within a minute; the live feed covers the rest. */
const kRefreshMs = 60_000;

/** Today by interval (ECharts, loaded only when the console opens). */
export function consoleChart(context: AppContext) {
  const canvas = h('div', { class: 'chart', 'data-testid': 'interval-chart' });
  const status = h('p', { class: 'empty' }, t('console.chart_loading'));
  const element = h('section', { class: 'panel console-chart' }, h('h2', {}, t('console.today_by_interval')), status, canvas);
  let disposed = false;
  let chart: EChartsType | null = null;

  const refresh = async () => {
    try {
      const [data, { echarts }] = await Promise.all([context.api.intervals(), import('../ui/echarts_setup')]);
      if (disposed) {
        return;
      }
      chart ??= echarts.init(canvas, undefined, { renderer: 'canvas' });
      chart.setOption(intervalChartOption(data, currentLanguage()), true);
      status.hidden = true;
    } catch (error) {
      status.hidden = false;
      status.textContent = errorText(error);
    }
  };
  void refresh();
  const timer = setInterval(() => void refresh(), kRefreshMs);
  const onResize = () => chart?.resize();
  window.addEventListener('resize', onResize);
  const dispose = () => {
    disposed = true;
    clearInterval(timer);
    window.removeEventListener('resize', onResize);
    chart?.dispose();
  };
  return { element, dispose };
}
