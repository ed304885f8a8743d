// A type-only import: the ECharts code itself arrives with the dynamic import below.
import type { EChartsCoreOption, EChartsType } from 'echarts/core';

import { h } from './dom';

/** A chart drawn with ECharts, which is loaded only once something is shown (the pages that
 *  have no chart never fetch it). `show` draws the option `build` makes, or hides the chart
 *  when there is nothing (`items` 0); shows overtaken by a newer one (a slow import) are
 *  dropped. `data-keys` says how many items (categories) the last drawing has, for tests. */
export function lazyChart(testId: string) {
  const canvas = h('div', { class: 'chart', 'data-testid': testId });
  let chart: EChartsType | null = null;
  let disposed = false;
  let latest = 0;

  const onResize = () => chart?.resize();
  window.addEventListener('resize', onResize);
  return {
    element: canvas,
    async show(items: number, build: () => EChartsCoreOption): Promise<void> {
      const mine = ++latest;
      canvas.hidden = items === 0;
      const { echarts } = await import('./echarts_setup');
      if (disposed || mine !== latest || canvas.hidden) {
        return;
      }
      chart ??= echarts.init(canvas, undefined, { renderer: 'canvas' });
      chart.setOption(build(), true);
      chart.resize();
      canvas.dataset.keys = String(items);
    },
    hide() {
      latest += 1;
      canvas.hidden = true;
    },
    dispose() {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    },
  };
}
