import { describe, expect, it } from 'vitest';
import { barHeights, columnCount, columnPeaks, kBarStepPx, playedFraction, speechBars, timeAtX } from '../../src/pages/waveform_geometry';
import { talkTotals } from '../../src/pages/waveform_talk';

// The recording player's waveform: which bars it draws and how tall, which moment a click
// points at, where the playhead stands, the speech timeline and the talk totals.

describe('waveform bars', () => {
  it('fit as many bars as the width takes, never more than the slices sent', () => {
    expect(columnCount(300, 1000)).toBe(300 / kBarStepPx);
    expect(columnCount(6000, 1000)).toBe(1000);
    expect(columnCount(0, 1000)).toBe(1);
  });

  it('keep the loudest slice of each bar, so a short loud word stays visible', () => {
    expect(columnPeaks([0.1, 0.9, 0.2, 0.3, 0, 0.05], 3)).toEqual([0.9, 0.3, 0.05]);
    expect(columnPeaks([0.5, 0.25], 2)).toEqual([0.5, 0.25]);
  });

  it('keep levels within 0-1 and cope with fewer slices than bars', () => {
    expect(columnPeaks([1.5, -0.2], 2)).toEqual([1, 0]);
    expect(columnPeaks([0.4], 3)).toEqual([0.4, 0.4, 0.4]);
  });

  it('are as tall as the level times the room from the middle line, in whole pixels', () => {
    expect(barHeights([0, 0.5, 1, 0.26], 4, 35)).toEqual([0, 18, 35, 9]);
  });
});

describe('seeking and the playhead', () => {
  it('turns a click into the moment it points at', () => {
    expect(timeAtX(150, 600, 40)).toBe(10);
    expect(timeAtX(450, 600, 40)).toBe(30);
  });

  it('keeps clicks past the edges within the recording', () => {
    expect(timeAtX(-5, 600, 40)).toBe(0);
    expect(timeAtX(700, 600, 40)).toBe(40);
  });

  it('seeks nowhere while the length or width is unknown', () => {
    expect(timeAtX(100, 600, Number.NaN)).toBe(0);
    expect(timeAtX(100, 0, 40)).toBe(0);
  });

  it('places the playhead at the share played', () => {
    expect(playedFraction(10, 40)).toBe(0.25);
    expect(playedFraction(50, 40)).toBe(1);
    expect(playedFraction(3, Number.NaN)).toBe(0);
  });
});

describe('the speech timeline', () => {
  it('places each side\'s stretches in percent of the call', () => {
    const bars = speechBars(
      [
        { side: 'caller', from_ms: 0, to_ms: 2_000 },
        { side: 'agents', from_ms: 5_000, to_ms: 10_000 },
      ],
      10_000,
    );
    expect(bars).toEqual([
      { side: 'caller', startPct: 0, widthPct: 20 },
      { side: 'agents', startPct: 50, widthPct: 50 },
    ]);
  });

  it('cuts stretches to the call, keeps a tiny one visible, and drops empty ones', () => {
    const bars = speechBars(
      [
        { side: 'caller', from_ms: 9_000, to_ms: 12_000 },
        { side: 'agents', from_ms: 1_000, to_ms: 1_001 },
        { side: 'agents', from_ms: 3_000, to_ms: 3_000 },
        { side: 'caller', from_ms: 11_000, to_ms: 12_000 },
      ],
      10_000,
    );
    expect(bars).toEqual([
      { side: 'caller', startPct: 90, widthPct: 10 },
      { side: 'agents', startPct: 10, widthPct: 0.2 },
    ]);
    expect(speechBars([{ side: 'caller', from_ms: 0, to_ms: 1 }], 0)).toEqual([]);
  });
});

describe('talk totals', () => {
  const talk = { caller_ms: 62_000, agents_ms: 45_500, overlap_ms: 3_000, silence_ms: 10_000 };

  it('say how long each side spoke, both at once and neither', () => {
    expect(talkTotals(talk, 'en')).toEqual([
      { part: 'caller', label: 'Caller spoke', value: '1:02' },
      { part: 'agents', label: 'Agent spoke', value: '0:45' },
      { part: 'overlap', label: 'Both at once', value: '0:03' },
      { part: 'silence', label: 'Silence', value: '0:10' },
    ]);
  });

  it('in Persian words and digits', () => {
    expect(talkTotals(talk, 'fa').map(({ label, value }) => `${label} ${value}`)).toEqual(['صحبت تماس‌گیرنده ۱:۰۲', 'صحبت کارشناس ۰:۴۵', 'هم‌زمان ۰:۰۳', 'سکوت ۰:۱۰']);
  });
});
