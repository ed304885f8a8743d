import { describe, expect, it } from 'vitest';
import type { RecordingPause } from '../../src/api/types';
import { pauseRows, pausesInRecording } from '../../src/pages/recording_pauses';
import { pausedShades } from '../../src/pages/waveform_geometry';

// A finished call's recording pauses for card details (docs/api.md CallRecord.recording_pauses):
// listed in the call's facts with times from the call's start, and shaded on the waveform at
// their place in the recording.

const start = Date.UTC(2025, 2, 21, 12);
const pause = (by: string, fromS: number, toS: number): RecordingPause => ({ by, from_ms: start + fromS * 1000, to_ms: start + toS * 1000 });
const record = (pauses: RecordingPause[] | undefined, durationS = 180) => ({ started_at_ms: start, duration_ms: durationS * 1000, recording_pauses: pauses });

describe('the pauses in the call facts', () => {
  it('give each pause its times from the call start and who paused it, oldest first', () => {
    expect(pauseRows(record([pause('a1001', 10, 30), pause('supervisor', 95.4, 125.9)]), 'en')).toEqual([
      { by: 'a1001', fromMs: 10_000, toMs: 30_000, label: '0:10 – 0:30 by a1001' },
      { by: 'supervisor', fromMs: 95_400, toMs: 125_900, label: '1:35 – 2:05 by supervisor' },
    ]);
  });

  it('write the times in the reader digits', () => {
    expect(pauseRows(record([pause('a1001', 10, 30)]), 'fa')[0]!.label).toBe('۰:۱۰ تا ۰:۳۰، توسط a1001');
    expect(pauseRows(record([pause('a1001', 70, 90)]), 'ar')[0]!.label).toBe('١:١٠ – ١:٣٠ بواسطة a1001');
  });

  it('keep a pause within the call, whatever the clocks say', () => {
    expect(pauseRows(record([pause('a1001', -2, 5), pause('a1001', 170, 200)]), 'en').map(({ fromMs, toMs }) => [fromMs, toMs])).toEqual([
      [0, 5_000],
      [170_000, 180_000],
    ]);
  });

  it('are none for a call never paused, or from a server without the field', () => {
    expect(pauseRows(record([]), 'en')).toEqual([]);
    expect(pauseRows(record(undefined), 'en')).toEqual([]);
  });
});

describe('the pauses on the recording', () => {
  // The call ran 180 s; an agent answered at 60 s, so the recording is the last 120 s.
  const ended = start + 180_000;

  it('place each pause from the recording start: the call end less the recording length', () => {
    expect(pausesInRecording([pause('a1001', 70, 90), pause('a1001', 150, 180)], ended, 120_000)).toEqual([
      { fromMs: 10_000, toMs: 30_000 },
      { fromMs: 90_000, toMs: 120_000 },
    ]);
  });

  it('cut a pause to the recording and drop one wholly outside it', () => {
    expect(pausesInRecording([pause('a1001', 50, 65), pause('a1001', 20, 40), pause('a1001', 175, 190)], ended, 120_000)).toEqual([
      { fromMs: 0, toMs: 5_000 },
      { fromMs: 115_000, toMs: 120_000 },
    ]);
  });

  it('place nothing while the recording length is unknown', () => {
    expect(pausesInRecording([pause('a1001', 70, 90)], ended, 0)).toEqual([]);
    expect(pausesInRecording([pause('a1001', 70, 90)], ended, Number.NaN)).toEqual([]);
  });
});

describe('the shading on the waveform', () => {
  it('covers each paused stretch in percent of the recording', () => {
    expect(pausedShades([{ fromMs: 12_000, toMs: 30_000 }, { fromMs: 90_000, toMs: 120_000 }], 120_000)).toEqual([
      { startPct: 10, widthPct: 15 },
      { startPct: 75, widthPct: 25 },
    ]);
  });

  it('stays within the waveform, keeps a tiny pause visible and drops empty ones', () => {
    expect(pausedShades([{ fromMs: 9_000, toMs: 12_000 }, { fromMs: 1_000, toMs: 1_001 }, { fromMs: 3_000, toMs: 3_000 }, { fromMs: 11_000, toMs: 12_000 }], 10_000)).toEqual([
      { startPct: 90, widthPct: 10 },
      { startPct: 10, widthPct: 0.2 },
    ]);
  });

  it('shades nothing while the length is unknown', () => {
    expect(pausedShades([{ fromMs: 0, toMs: 1_000 }], 0)).toEqual([]);
  });
});
