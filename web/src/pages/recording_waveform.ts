import type { Waveform } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';
import { h } from '../ui/dom';
import type { Stretch } from './recording_pauses';
import { barHeights, columnCount, pausedShades, playedFraction, speechBars, timeAtX } from './waveform_geometry';
import { talkTotals } from './waveform_talk';

/** The colours come from the style sheet (--wave-caller, --wave-agents), so the legend's
 *  swatches and the canvas cannot disagree; these are used if the sheet has none. */
const kFallbackColours = { caller: '#0f766e', agents: '#1d4ed8', line: '#dde3ea' };

/** The stretches of a recording paused for card details, in ms from its start, once its
 *  length is known (recording_pauses.ts pausesInRecording). */
export type PausesOf = (recordingMs: number) => Stretch[];

/** What the recording looks like and who spoke when, above the player's audio element: the
 *  caller's peaks above the middle line and the agents' below, a playhead, and a click plays
 *  from where it points; under it a thin bar of each side's speech and the talk totals. The
 *  stretches where the recording was paused for card details are shaded, with a legend entry,
 *  so a reviewer sees the silence there was recorded on purpose.
 *  `load` fetches a call's waveform; a call without one (404, or any failure) shows nothing
 *  and the player works as before. The drawing area is left to right whatever the page's
 *  direction, as an audio timeline is in right-to-left locales (waveform_geometry.ts); the
 *  legend and totals follow the page. */
export function waveformView(onSeek: (seconds: number) => void) {
  const language = currentLanguage();
  const canvas = h('canvas', { class: 'waveform-canvas', 'data-testid': 'waveform-canvas', 'aria-hidden': 'true' });
  const playhead = h('div', { class: 'waveform-playhead', 'data-testid': 'waveform-playhead' });
  const callerRow = h('div', { class: 'speech-row', 'data-side': 'caller' });
  const agentsRow = h('div', { class: 'speech-row', 'data-side': 'agents' });
  const timeline = h('div', { class: 'speech-timeline', 'data-testid': 'speech-timeline' }, callerRow, agentsRow);
  const shades = h('div', { class: 'paused-shades', 'data-testid': 'paused-shades' });
  const area = h('div', { class: 'waveform-area', dir: 'ltr', title: t('waveform.click_to_seek') }, canvas, shades, playhead, timeline);
  const swatch = (side: 'caller' | 'agents' | 'paused', text: string) => h('span', { class: 'legend-item', 'data-side': side }, h('span', { class: 'swatch' }), text);
  /** In the legend only while something is shaded. */
  const pausedLegend = swatch('paused', t('waveform.recording_paused'));
  const legend = h('div', { class: 'waveform-legend', dir: directionOf(language) }, swatch('caller', t('waveform.caller')), swatch('agents', t('waveform.agent')));
  const totals = h('dl', { class: 'talk-totals', 'data-testid': 'talk-totals' });
  const element = h(
    'figure',
    { class: 'waveform', 'data-testid': 'waveform', 'data-state': 'none', hidden: true, 'aria-label': t('waveform.title') },
    legend,
    area,
    totals,
  );
  let shown: Waveform | null = null;
  let pausesOf: PausesOf | null = null;
  /** Answers for a call no longer loaded are dropped. */
  let latest = 0;

  const colour = (name: string, fallback: string) => getComputedStyle(element).getPropertyValue(name).trim() || fallback;

  const draw = () => {
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    const context = canvas.getContext('2d');
    if (!shown || width === 0 || height === 0 || !context) {
      return; // hidden for now: the resize observer draws it once it has a size
    }
    // Sharp on high-density screens: the bitmap has the screen's pixels, the drawing CSS ones.
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    const middle = height / 2;
    const columns = columnCount(width, shown.points);
    const step = width / columns;
    const barWidth = Math.max(1, step - 1);
    const caller = barHeights(shown.caller, columns, middle - 1);
    const agents = barHeights(shown.agents, columns, middle - 1);
    context.fillStyle = colour('--wave-caller', kFallbackColours.caller);
    caller.forEach((bar, i) => bar > 0 && context.fillRect(i * step, middle - bar, barWidth, bar));
    context.fillStyle = colour('--wave-agents', kFallbackColours.agents);
    agents.forEach((bar, i) => bar > 0 && context.fillRect(i * step, middle, barWidth, bar));
    context.fillStyle = colour('--line', kFallbackColours.line);
    context.fillRect(0, Math.floor(middle), width, 1);
    canvas.dataset.columns = String(columns);
  };
  const resized = new ResizeObserver(() => draw());
  resized.observe(canvas);

  const show = (waveform: Waveform) => {
    shown = waveform;
    element.hidden = false;
    element.dataset.state = 'drawn';
    element.dataset.durationMs = String(waveform.duration_ms);
    const rows = { caller: callerRow, agents: agentsRow };
    callerRow.replaceChildren();
    agentsRow.replaceChildren();
    for (const bar of speechBars(waveform.speech, waveform.duration_ms)) {
      rows[bar.side]?.append(h('span', { class: 'speech', style: `left:${bar.startPct}%;width:${bar.widthPct}%` }));
    }
    const paused = pausedShades(pausesOf?.(waveform.duration_ms) ?? [], waveform.duration_ms);
    shades.replaceChildren(...paused.map((shade) => h('span', { class: 'paused-shade', style: `left:${shade.startPct}%;width:${shade.widthPct}%` })));
    if (paused.length > 0) {
      legend.append(pausedLegend);
    } else {
      pausedLegend.remove();
    }
    totals.replaceChildren(
      // Each label with its figure in a group of its own, so a line never breaks between them.
      ...talkTotals(waveform.talk, language).map(({ part, label, value }) => h('div', { 'data-part': part }, h('dt', {}, label), h('dd', {}, value))),
    );
    draw();
  };

  area.addEventListener('click', (event) => {
    if (shown) {
      const box = area.getBoundingClientRect();
      onSeek(timeAtX(event.clientX - box.left, box.width, shown.duration_ms / 1000));
    }
  });

  return {
    element,
    /** Fetches and draws a call's waveform, with its paused stretches shaded (`pauses`: none
     *  when null); on failure the waveform stays hidden. */
    load(fetch: () => Promise<Waveform>, pauses: PausesOf | null = null) {
      const mine = ++latest;
      shown = null;
      pausesOf = pauses;
      element.hidden = true;
      element.dataset.state = 'loading';
      fetch()
        .then((waveform) => mine === latest && show(waveform))
        .catch(() => {
          if (mine === latest) {
            element.dataset.state = 'none';
          }
        });
    },
    /** No waveform (no call, or one without a recording). */
    clear() {
      latest += 1;
      shown = null;
      element.hidden = true;
      element.dataset.state = 'none';
    },
    /** Moves the playhead to `currentS`; the audio's length when it knows it, else the
     *  waveform's. */
    setTime(currentS: number, durationS: number) {
      const length = Number.isFinite(durationS) && durationS > 0 ? durationS : (shown?.duration_ms ?? 0) / 1000;
      playhead.style.left = `${playedFraction(currentS, length) * 100}%`;
    },
    dispose() {
      resized.disconnect();
    },
  };
}
