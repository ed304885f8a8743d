import type { Intervals, Language } from '../api/types';
import { formatTime } from '../format/dates';
import { volumeChartOption } from './volume_chart_options';

/** "+03:30" -> 210, "-05:00" -> -300 (minutes east of UTC); 0 for anything else. */
export function offsetMinutes(utcOffset: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  if (!match) {
    return 0;
  }
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The ECharts option for today by interval: offered, answered and abandoned calls as bars, the
 *  service level as a line on its own axis (volume_chart_options.ts). Right-to-left languages
 *  run time from the right. Intervals are labelled in the centre's time (`utc_offset`), where
 *  its day begins, whatever the time zone of the browser. */
export function intervalChartOption(data: Intervals, language: Language) {
  const shiftMs = offsetMinutes(data.utc_offset) * 60_000;
  const rows = data.intervals;
  return volumeChartOption(
    rows.map((row) => formatTime(row.start_at_ms + shiftMs, language, 'UTC')),
    rows.map((row) => row.total),
    language,
  );
}
