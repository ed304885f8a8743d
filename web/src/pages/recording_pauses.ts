import type { CallRecord, Language, RecordingPause } from '../api/types';
import { formatDuration } from '../format/numbers';
import { translate } from '../i18n/i18n';

// The stretches of a finished call whose recording was paused for card details (PCI DSS;
// docs/api.md CallRecord.recording_pauses), for the Recordings page: listed in the call's
// facts, and shaded on the player's waveform so a reviewer sees where the silence was
// recorded on purpose. The server gives wall-clock instants; these turn them into offsets.

/** A stretch of time in ms from some start (the call's or the recording's). */
export interface Stretch {
  fromMs: number;
  toMs: number;
}

/** One pause as the call's facts list it: who, and from when to when since the call began. */
export interface PauseRow extends Stretch {
  by: string;
  /** "0:10 – 0:30 by a1001", in the reader's language and digits. */
  label: string;
}

/** Each pause with its times from the call's start (`started_at_ms`, as the call's other facts
 *  count), in the server's order (oldest first); none for a call never paused, or from a server
 *  without the field. A pause is never before the start nor longer than the call. */
export function pauseRows(record: Pick<CallRecord, 'started_at_ms' | 'duration_ms' | 'recording_pauses'>, language: Language): PauseRow[] {
  const within = (atMs: number) => Math.min(Math.max(0, atMs - record.started_at_ms), Math.max(0, record.duration_ms));
  return (record.recording_pauses ?? []).map((pause) => {
    const fromMs = within(pause.from_ms);
    const toMs = Math.max(fromMs, within(pause.to_ms));
    const label = translate(language, 'recordings.pause_span', {
      from: formatDuration(fromMs, language),
      to: formatDuration(toMs, language),
      by: pause.by,
    });
    return { by: pause.by, fromMs, toMs, label };
  });
}

/** The pauses as stretches of the recording, in ms from its start. The recording begins when
 *  an agent answers, which the call record does not say, and runs to the call's end (a pause
 *  writes silence, so the file keeps the call's timeline): so the recording's start is the
 *  call's end less the recording's length. Stretches are cut to the recording; one wholly
 *  outside it (a clock step) is dropped. */
export function pausesInRecording(pauses: readonly RecordingPause[], endedAtMs: number, recordingMs: number): Stretch[] {
  if (!(recordingMs > 0)) {
    return [];
  }
  const startMs = endedAtMs - recordingMs;
  const within = (atMs: number) => Math.min(Math.max(0, atMs - startMs), recordingMs);
  return pauses
    .map((pause) => ({ fromMs: within(pause.from_ms), toMs: within(pause.to_ms) }))
    .filter((stretch) => stretch.toMs > stretch.fromMs);
}
