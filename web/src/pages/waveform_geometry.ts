import type { Waveform } from '../api/types';
import type { Stretch } from './recording_pauses';

// Where the recording player's waveform draws its bars and which moment a click means. Pure:
// the canvas code in recording_waveform.ts only paints what these give.
// Time runs left to right in every language, as on the audio element's own timeline and in
// the audio players of right-to-left locales; only the legend and the texts follow the page.

/** Pixels from one bar to the next: a 2 px bar and a 1 px gap. */
export const kBarStepPx = 3;

/** How many bars fit `widthPx`, never more than the slices the server sent. */
export function columnCount(widthPx: number, points: number): number {
  return Math.max(1, Math.min(points, Math.floor(widthPx / kBarStepPx)));
}

/** The loudest slice of each of `columns` equal runs of `peaks`: a short loud word stays
 *  visible when many slices share one bar. Levels are kept within 0-1. */
export function columnPeaks(peaks: readonly number[], columns: number): number[] {
  const out: number[] = [];
  for (let column = 0; column < columns; column += 1) {
    const first = Math.floor((column * peaks.length) / columns);
    const end = Math.max(first + 1, Math.floor(((column + 1) * peaks.length) / columns));
    let loudest = 0;
    for (let i = first; i < end && i < peaks.length; i += 1) {
      loudest = Math.max(loudest, peaks[i] ?? 0);
    }
    out.push(Math.min(1, Math.max(0, loudest)));
  }
  return out;
}

/** Each bar's height in pixels from the middle line: the peak level times the room there is
 *  (half the canvas), rounded to whole pixels. */
export function barHeights(peaks: readonly number[], columns: number, roomPx: number): number[] {
  return columnPeaks(peaks, columns).map((level) => Math.round(level * roomPx));
}

/** The moment, in seconds, a click `xPx` from the waveform's left edge points at. */
export function timeAtX(xPx: number, widthPx: number, durationS: number): number {
  if (!(widthPx > 0) || !Number.isFinite(durationS) || durationS <= 0) {
    return 0;
  }
  return (Math.min(Math.max(0, xPx), widthPx) / widthPx) * durationS;
}

/** How far through the recording `currentS` is, 0-1 (0 while the length is unknown). */
export function playedFraction(currentS: number, durationS: number): number {
  if (!Number.isFinite(durationS) || durationS <= 0 || !Number.isFinite(currentS)) {
    return 0;
  }
  return Math.min(1, Math.max(0, currentS / durationS));
}

/** Where a stretch lies on a timeline, in percent of its length. */
export interface Shade {
  startPct: number;
  widthPct: number;
}

/** [fromMs, toMs) cut to a timeline `durationMs` long (> 0), in percent; a stretch too short
 *  to see is still drawn a little wide (0.2 %), so it does not vanish. */
function shadeOf(fromMs: number, toMs: number, durationMs: number): Shade {
  const pct = (ms: number) => (Math.min(Math.max(0, ms), durationMs) / durationMs) * 100;
  const startPct = pct(fromMs);
  return { startPct, widthPct: Math.min(100 - startPct, Math.max(0.2, pct(toMs) - startPct)) };
}

/** One stretch of speech on the timeline bar, in percent of the call's length. */
export interface SpeechBar extends Shade {
  side: Waveform['speech'][number]['side'];
}

/** The stretches each side spoke as parts of the timeline, cut to the call's length. */
export function speechBars(speech: Waveform['speech'], durationMs: number): SpeechBar[] {
  if (!(durationMs > 0)) {
    return [];
  }
  return speech
    .filter((stretch) => stretch.to_ms > stretch.from_ms && stretch.from_ms < durationMs)
    .map((stretch) => ({ side: stretch.side, ...shadeOf(stretch.from_ms, stretch.to_ms, durationMs) }));
}

/** The recording's paused stretches (recording_pauses.ts pausesInRecording) as shades over the
 *  waveform, cut to the recording. Nothing while the length is unknown. */
export function pausedShades(stretches: readonly Stretch[], durationMs: number): Shade[] {
  if (!(durationMs > 0)) {
    return [];
  }
  return stretches
    .filter((stretch) => stretch.toMs > stretch.fromMs && stretch.fromMs < durationMs)
    .map((stretch) => shadeOf(stretch.fromMs, stretch.toMs, durationMs));
}
