import type { Language, WaitCurve } from '../api/types';
import { formatInteger, formatPercent } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';

/** Each bucket's share of `counts` with the buckets before it: the share of the calls whose
 *  wait was at most that bucket's edge (0..1, the last 1). null when there are no calls: no
 *  curve, rather than one at 0 %. */
export function cumulativeShares(counts: readonly number[]): number[] | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total <= 0) {
    return null;
  }
  let sum = 0;
  return counts.map((count) => {
    sum += count;
    return sum / total;
  });
}

/** The buckets as the axis names them: "≤10 s" up to the last edge, then "> 300 s", in the
 *  language's words and digits. */
export function waitBucketLabels(edgesS: readonly number[], language: Language): string[] {
  const seconds = (value: number) => formatInteger(value, language);
  const last = edgesS[edgesS.length - 1] ?? 0;
  return [
    ...edgesS.map((edge) => translate(language, 'reports.wait_within', { seconds: seconds(edge) })),
    translate(language, 'reports.wait_over', { seconds: seconds(last) }),
  ];
}

/** The calls the curve counts: answered and abandoned (0: nothing to draw). */
export function waitCurveCalls(curve: WaitCurve): number {
  const sum = (counts: readonly number[]) => counts.reduce((total, count) => total + count, 0);
  return sum(curve.answered) + sum(curve.abandoned);
}

const kAnsweredColour = '#3ba272';
const kAbandonedColour = '#ee6666';

/** The ECharts option for the range's waits (wait_curve): of the answered calls, the share
 *  answered within each bucket's edge, and of the abandoned calls, the share that had hung up
 *  by it, in percent — how long callers are kept waiting and how long they will wait. A
 *  range without answered (or abandoned) calls has no line for them. Right-to-left languages
 *  run the waits from the right with the axis on the right; digits are the language's. */
export function waitCurveChartOption(curve: WaitCurve, language: Language) {
  const rtl = directionOf(language) === 'rtl';
  const font = { fontFamily: 'Vazirmatn, system-ui, sans-serif' };
  const percent = (value: unknown) => formatPercent(typeof value === 'number' ? value : null, language);
  const line = (name: 'kpi.answered' | 'kpi.abandoned', counts: readonly number[], colour: string) => {
    const shares = cumulativeShares(counts);
    return shares === null
      ? []
      : [{ name: translate(language, name), type: 'line' as const, symbolSize: 7, itemStyle: { color: colour }, lineStyle: { color: colour }, data: shares }];
  };
  return {
    textStyle: font,
    animation: false,
    tooltip: { trigger: 'axis' as const, valueFormatter: percent },
    legend: { top: 0, textStyle: font },
    grid: { left: 56, right: 56, top: 40, bottom: 32 },
    xAxis: {
      type: 'category' as const,
      inverse: rtl,
      boundaryGap: false,
      data: waitBucketLabels(curve.edges_s, language),
      axisLabel: { interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: 'value' as const,
      position: rtl ? ('right' as const) : ('left' as const),
      min: 0,
      max: 1,
      axisLabel: { formatter: (value: number) => formatPercent(value, language) },
    },
    series: [...line('kpi.answered', curve.answered, kAnsweredColour), ...line('kpi.abandoned', curve.abandoned, kAbandonedColour)],
  };
}
