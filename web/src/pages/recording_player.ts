import { recordingUrl } from '../api/endpoints';
import type { CallRecord, Waveform } from '../api/types';
import { formatDecimal, formatInteger, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { directionOf } from '../i18n/languages';
import { h } from '../ui/dom';
import { agentLegsTable, callFacts, supervisorsTable } from './recording_facts';
import { offersLegalHold, type LegalHoldControl } from './recording_legal_hold';
import { pausesInRecording } from './recording_pauses';
import { waveformView, type PausesOf } from './recording_waveform';

/** Playback speeds offered; 1 is normal. */
export const kSpeeds: readonly number[] = [0.75, 1, 1.25, 1.5, 2];

/** Seconds the back and forward buttons (and J, L, ←, →) jump. */
export const kJumpS = 5;

/** Where a jump of `deltaS` from `currentS` lands: within the recording, never before its
 *  start nor past its end (a duration not known yet does not bound it). */
export function seekTarget(currentS: number, deltaS: number, durationS: number): number {
  const end = Number.isFinite(durationS) ? durationS : Number.POSITIVE_INFINITY;
  return Math.min(Math.max(0, currentS + deltaS), end);
}

/** What a key press does to the player; null for keys it leaves alone. Keys by position
 *  (KeyboardEvent.code), so J, K and L work on a Persian or Arabic keyboard layout too. The
 *  arrows follow the timeline, which runs left to right in every language, as media controls
 *  do in right-to-left pages. */
export function playerKey(code: string): 'back' | 'forward' | 'toggle' | null {
  switch (code) {
    case 'KeyJ':
    case 'ArrowLeft':
      return 'back';
    case 'KeyL':
    case 'ArrowRight':
      return 'forward';
    case 'KeyK':
    case 'Space':
      return 'toggle';
    default:
      return null;
  }
}

/** Whether a key press belongs to what has focus: typing in a field, a list, a button that
 *  Space presses, the audio element's own controls, or a shortcut with a modifier. */
function keyIsTaken(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (event.ctrlKey || event.metaKey || event.altKey || target?.closest('input, textarea, select, [contenteditable], audio')) {
    return true;
  }
  return event.code === 'Space' && target?.closest('button, a') != null;
}

/** The browser's audio element (streamed and sought through range requests) with its
 *  transport: five-second jumps, speed, and — with `download` — a download link; above it the
 *  call's waveform and who spoke when (recording_waveform.ts), when the server has one. Shared
 *  by the Recordings page and the desk's evaluations (which hear the call they were scored
 *  on). */
export function audioPlayer(options: { download: boolean } = { download: true }) {
  const language = currentLanguage();
  // preload none: nothing is fetched until the reader plays, so the audit log's
  // "recording-play" (written on the first byte's request) means someone listened.
  const audio = h('audio', { controls: true, preload: 'none', 'data-testid': 'recording-audio' });
  const seconds = formatInteger(kJumpS, language);
  const speed = h(
    'select',
    { 'aria-label': t('recordings.speed'), 'data-testid': 'speed' },
    ...kSpeeds.map((value) => h('option', { value: String(value), selected: value === 1 }, t('recordings.speed_value', { speed: formatDecimal(value, language) }))),
  );
  const back = h('button', { type: 'button', 'data-action': 'back', 'aria-keyshortcuts': 'J ArrowLeft' }, t('recordings.back', { seconds }));
  const forward = h('button', { type: 'button', 'data-action': 'forward', 'aria-keyshortcuts': 'L ArrowRight' }, t('recordings.forward', { seconds }));
  const download = options.download ? h('a', { class: 'button', 'data-testid': 'download', download: '' }, t('recordings.download')) : null;
  // Opus keeps both channels in about a sixth of the WAV: the one to mail or attach.
  const downloadOpus = options.download ? h('a', { class: 'button', 'data-testid': 'download-opus', download: '' }, t('recordings.download_opus')) : null;
  const keysHint = h('p', { class: 'hint' }, t('recordings.keys', { seconds }));
  // Media controls are not mirrored in a right-to-left page: time runs left to right, back on
  // the left as on the audio element's timeline. Each control's own text keeps the page's
  // direction.
  const textDirection = directionOf(language);
  for (const control of [back, speed, forward, download, downloadOpus]) {
    if (control) {
      control.dir = textDirection;
    }
  }
  const transport = h('div', { class: 'transport', dir: 'ltr' }, back, speed, forward, download, downloadOpus);
  // A click on the waveform moves the position and leaves playing or paused as it was, as a
  // click on the audio element's own timeline does.
  const waveform = waveformView((seconds) => {
    audio.currentTime = seekTarget(0, seconds, audio.duration);
  });
  const element = h('div', { class: 'player' }, waveform.element, audio, transport, keysHint);

  const jump = (deltaS: number) => {
    audio.currentTime = seekTarget(audio.currentTime, deltaS, audio.duration);
  };
  // The playhead: on every position change, and each frame while playing (timeupdate comes
  // only about four times a second, which makes it jump).
  const follow = () => waveform.setTime(audio.currentTime, audio.duration);
  let frame = 0;
  const everyFrame = () => {
    follow();
    frame = requestAnimationFrame(everyFrame);
  };
  const stopFollowing = () => {
    cancelAnimationFrame(frame);
    follow();
  };
  ['timeupdate', 'seeked', 'emptied', 'loadedmetadata'].forEach((name) => audio.addEventListener(name, follow));
  audio.addEventListener('play', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(everyFrame);
  });
  ['pause', 'ended', 'emptied'].forEach((name) => audio.addEventListener(name, stopFollowing));
  back.addEventListener('click', () => jump(-kJumpS));
  forward.addEventListener('click', () => jump(kJumpS));
  speed.addEventListener('change', () => {
    // defaultPlaybackRate too: loading the next call's recording resets playbackRate to it.
    audio.defaultPlaybackRate = Number(speed.value);
    audio.playbackRate = audio.defaultPlaybackRate;
  });
  const unload = () => {
    audio.pause();
    audio.removeAttribute('src');
    audio.load();
    waveform.clear();
  };

  return {
    element,
    /** Loads `source` (unless it is loaded already) and, with `play`, plays it; `waveform`
     *  fetches its waveform (null: none is shown), `pauses` places the stretches paused for
     *  card details on it. */
    load(source: string, downloadHref: string | null, play: boolean, fetchWaveform: (() => Promise<Waveform>) | null = null, pauses: PausesOf | null = null) {
      if (audio.getAttribute('src') !== source) {
        audio.src = source;
        if (fetchWaveform) {
          waveform.load(fetchWaveform, pauses);
        } else {
          waveform.clear();
        }
      }
      if (download && downloadHref) {
        download.setAttribute('href', downloadHref);
      }
      if (downloadOpus && downloadHref) {
        downloadOpus.setAttribute('href', `${downloadHref}${downloadHref.includes('?') ? '&' : '?'}format=opus`);
      }
      if (play) {
        // A click chose the call: the browser lets a page play sound after one.
        audio.play().catch(() => undefined);
      }
    },
    unload,
    /** Where the player is, in seconds from the start of the recording. */
    currentS: () => audio.currentTime,
    /** Calls `listener` with the position whenever it moves (playing, or sought); returns the
     *  function that stops it. */
    onTime(listener: (currentS: number) => void): () => void {
      const tell = () => listener(audio.currentTime);
      const events = ['timeupdate', 'seeked', 'emptied'];
      events.forEach((name) => audio.addEventListener(name, tell));
      return () => events.forEach((name) => audio.removeEventListener(name, tell));
    },
    /** Moves to `ms` from the start (a comment's moment) and plays from there. */
    seekMs(ms: number) {
      audio.currentTime = seekTarget(0, ms / 1000, audio.duration);
      audio.play().catch(() => undefined);
    },
    /** Carries out a player key (playerKey); the caller decides whether the key is its. */
    act(action: 'back' | 'forward' | 'toggle') {
      if (action !== 'toggle') {
        jump(action === 'back' ? -kJumpS : kJumpS);
      } else if (audio.paused) {
        audio.play().catch(() => undefined);
      } else {
        audio.pause();
      }
    },
    /** Stops the sound when the page goes. */
    dispose() {
      cancelAnimationFrame(frame);
      unload();
      waveform.dispose();
    },
  };
}

export type AudioPlayer = ReturnType<typeof audioPlayer>;

/** The chosen call: its recording in the player (audioPlayer), and beside it what happened on
 *  the call: the IVR path and keys, the queues and wait, each agent's talk and hold and the
 *  transfers, the supervisors who were in it, how it ended. `fetchWaveform`: a call's waveform
 *  for the player. `legalHold`: a manager's legal hold toggle under the player (null for
 *  everyone else). */
export function recordingDetail(
  agentName: (id: string) => string,
  fetchWaveform: (call: string) => Promise<Waveform>,
  legalHold: LegalHoldControl | null = null,
) {
  const language = currentLanguage();
  const player = audioPlayer();
  const title = h('h2', { 'data-testid': 'player-title' });
  const noRecording = h('p', { class: 'empty', 'data-testid': 'no-recording' }, t('recordings.not_recorded'));
  const facts = h('dl', { class: 'facts', 'data-testid': 'call-facts' });
  const legs = h('div', { class: 'legs' });
  const element = h(
    'section',
    { class: 'panel recording-detail', 'data-testid': 'recording-detail', hidden: true },
    title,
    h('div', { class: 'detail-grid' }, h('div', { class: 'listen' }, player.element, noRecording, legalHold?.element), h('div', { class: 'about' }, facts, legs)),
  );
  let shown: CallRecord | null = null;

  const showFacts = (record: CallRecord) => {
    facts.replaceChildren(...callFacts(record));
    legs.replaceChildren(...agentLegsTable(record, agentName), ...supervisorsTable(record));
    if (legalHold) {
      legalHold.element.hidden = !offersLegalHold(record);
      legalHold.show(record);
    }
  };

  return {
    element,
    player,
    /** Shows `record`; a recorded call is loaded into the player and, with `play`, played. */
    show(record: CallRecord, play: boolean) {
      shown = record;
      element.hidden = false;
      element.dataset.call = record.id;
      title.textContent = t('recordings.call_from', { caller: localizeDigits(record.caller, language) });
      player.element.hidden = !record.recorded;
      noRecording.hidden = record.recorded;
      if (record.recorded) {
        const pauses = (recordingMs: number) => pausesInRecording(record.recording_pauses ?? [], record.ended_at_ms, recordingMs);
        player.load(recordingUrl(record.id), recordingUrl(record.id, true), play, () => fetchWaveform(record.id), pauses);
      } else {
        player.unload();
      }
      showFacts(record);
    },
    /** Writes the facts again (the agents' names have arrived); the player is left alone. */
    relabel() {
      if (shown) {
        showFacts(shown);
      }
    },
    /** The call has changed on the server (its legal hold): its facts are written again if it
     *  is still the one shown; the player is left alone. */
    update(record: CallRecord) {
      if (shown?.id === record.id) {
        shown = record;
        showFacts(record);
      }
    },
    /** Handles the player's keys; true when the key was the player's. */
    handleKey(event: KeyboardEvent): boolean {
      const action = playerKey(event.code);
      if (element.hidden || player.element.hidden || action === null || keyIsTaken(event)) {
        return false;
      }
      event.preventDefault();
      player.act(action);
      return true;
    },
    /** Stops the sound when the page goes. */
    dispose: player.dispose,
  };
}
