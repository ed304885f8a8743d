// Only the parts of ECharts the pages use, so the chunk stays a fraction of the full build:
// bars and lines (the console, the reports), the reports' heatmap of the week's hours and its
// colour scale (the continuous visual map).
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, HeatmapChart, LineChart, GridComponent, LegendComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer]);

export { echarts };
