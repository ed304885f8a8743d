import type { Language, WeekHours, WeekStart } from '../api/types';
import { formatInteger, formatPercent, kNoData, localizeDigits } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';
import { msg, type MessageKey } from '../i18n/messages';

/** What the heatmap's cells count: calls offered, answered or abandoned, or the service level. */
export type WeekHoursMeasure = 'offered' | 'answered' | 'abandoned' | 'service_level';

export const kWeekHoursMeasures: readonly WeekHoursMeasure[] = ['offered', 'answered', 'abandoned', 'service_level'];

export const kWeekHoursMeasureLabels: Record<WeekHoursMeasure, MessageKey> = {
  offered: msg('kpi.offered'),
  answered: msg('kpi.answered'),
  abandoned: msg('kpi.abandoned'),
  service_level: msg('kpi.service_level'),
};

type WeekDay = 'sat' | 'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri';

const kWeek: readonly WeekDay[] = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'];

const kDayNames: Record<WeekDay, MessageKey> = {
  sat: msg('weekday.sat'),
  sun: msg('weekday.sun'),
  mon: msg('weekday.mon'),
  tue: msg('weekday.tue'),
  wed: msg('weekday.wed'),
  thu: msg('weekday.thu'),
  fri: msg('weekday.fri'),
};

/** The days of the rows, row 0 first: from Saturday (Jalali and Hijri weeks) or from Monday
 *  (ISO weeks). */
export function weekDays(firstDay: WeekStart): WeekDay[] {
  const start = kWeek.indexOf(firstDay);
  return [...kWeek.slice(start), ...kWeek.slice(0, start)];
}

/** The rows' day names in the language, row 0 first. */
export function weekDayNames(firstDay: WeekStart, language: Language): string[] {
  return weekDays(firstDay).map((day) => translate(language, kDayNames[day]));
}

/** An hour of the day as the columns name it: "08", "۰۸". */
function hourLabel(hour: number, language: Language): string {
  return localizeDigits(String(hour).padStart(2, '0'), language);
}

/** Cell colours from few to many calls; the service level from poor (red) to good (green). */
const kCountColours = ['#f2f6fc', '#91a8e0', '#1f3f94'];
const kServiceLevelColours = ['#d94e5d', '#eac736', '#3ba272'];

/** ECharts' mark of a cell without data: left blank, never coloured as 0. */
const kEmpty = '-';

/** The ECharts option for the range's calls by weekday and hour (week_hours): a heatmap of 7
 *  rows, the week's first day on top, by 24 columns, the centre's hours; each cell the
 *  `measure` of that hour summed over the range's such days, its colour read on the scale
 *  under the chart. A service level without data leaves its cell blank. Right-to-left
 *  languages run the hours from the right with the days on the right; day names and digits
 *  are the language's. */
export function weekHoursChartOption(weekHours: WeekHours, measure: WeekHoursMeasure, language: Language) {
  const rtl = directionOf(language) === 'rtl';
  const font = { fontFamily: 'Vazirmatn, system-ui, sans-serif' };
  const rate = measure === 'service_level';
  const format = (value: unknown) => {
    const figure = typeof value === 'number' ? value : null;
    return rate ? formatPercent(figure, language) : formatInteger(figure, language);
  };
  const days = weekDayNames(weekHours.first_day, language);
  const rows: (number | null)[][] = weekHours[measure];
  const cells = rows.flatMap((row, day) => row.map((value, hour) => [hour, day, value ?? kEmpty] as [number, number, number | string]));
  const largest = rows.flat().reduce<number>((most, value) => Math.max(most, value ?? 0), 0);
  const name = translate(language, kWeekHoursMeasureLabels[measure]);
  return {
    textStyle: font,
    animation: false,
    tooltip: {
      trigger: 'item' as const,
      // "Saturday 08:00–09:00" then "Offered: 12", the day and hour of the cell pointed at.
      formatter: (params: { data?: unknown }) => {
        const [hour, day, value] = params.data as [number, number, number | string];
        const hours = localizeDigits(`${String(hour).padStart(2, '0')}:00–${String(hour + 1).padStart(2, '0')}:00`, language);
        return `${days[day] ?? ''} ${hours}<br>${name}: ${value === kEmpty ? kNoData : format(value)}`;
      },
    },
    // Room under the hours for the colour scale and the values on its handles.
    grid: rtl ? { left: 16, right: 96, top: 8, bottom: 104 } : { left: 96, right: 16, top: 8, bottom: 104 },
    xAxis: {
      type: 'category' as const,
      inverse: rtl,
      data: Array.from({ length: 24 }, (_, hour) => hourLabel(hour, language)),
      splitArea: { show: true },
      axisLabel: { interval: 0 },
    },
    yAxis: {
      type: 'category' as const,
      // Row 0, the week's first day, on top.
      inverse: true,
      position: rtl ? ('right' as const) : ('left' as const),
      data: days,
      splitArea: { show: true },
    },
    visualMap: {
      type: 'continuous' as const,
      min: 0,
      // A range without calls still needs a scale to colour its zeros on.
      max: rate ? 1 : Math.max(1, largest),
      calculable: true,
      orient: 'horizontal' as const,
      inverse: rtl,
      left: 'center',
      bottom: 4,
      formatter: (value: number) => format(value),
      inRange: { color: rate ? kServiceLevelColours : kCountColours },
      textStyle: font,
    },
    series: [
      {
        name,
        type: 'heatmap' as const,
        data: cells,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#333', borderWidth: 1 } },
      },
    ],
  };
}
