import { describe, expect, it } from 'vitest';
import { formatDate, formatTime, formatYear } from '../../src/format/dates';
import { formatDuration, formatInteger, formatPercent, formatSeconds, kNoData, localizeDigits, parseLocalizedInteger } from '../../src/format/numbers';

describe('numbers', () => {
  it('use Latin, Persian and Arabic-Indic digits with the language', () => {
    expect(formatInteger(1234, 'en')).toBe('1,234');
    expect(formatInteger(1234, 'fa')).toBe('۱٬۲۳۴');
    expect(formatInteger(1234, 'ar')).toBe('١٬٢٣٤');
  });

  it('show ratios as percentages with at most one decimal', () => {
    expect(formatPercent(0.8, 'en')).toBe('80%');
    expect(formatPercent(0.6667, 'en')).toBe('66.7%');
    expect(formatPercent(0.8, 'fa')).toBe('۸۰٪');
    expect(formatPercent(0.8, 'ar')).toMatch(/^٨٠٪/);
  });

  it('show no data as a dash, never 0 (docs/metrics.md)', () => {
    expect(formatPercent(null, 'en')).toBe(kNoData);
    expect(formatSeconds(null, 'fa')).toBe(kNoData);
    expect(formatInteger(null, 'ar')).toBe(kNoData);
    expect(formatDuration(null, 'en')).toBe(kNoData);
  });

  it('localize the digits of caller numbers and keep the rest', () => {
    expect(localizeDigits('+98 912', 'fa')).toBe('+۹۸ ۹۱۲');
    expect(localizeDigits('2001', 'ar')).toBe('٢٠٠١');
    expect(localizeDigits('2001', 'en')).toBe('2001');
  });
});

describe('typed integers', () => {
  it('are read in Latin, Persian and Arabic-Indic digits', () => {
    expect(parseLocalizedInteger('12')).toBe(12);
    expect(parseLocalizedInteger('-۱۲')).toBe(-12);
    expect(parseLocalizedInteger(' ٣٠ ')).toBe(30);
  });

  it('refuse anything else', () => {
    expect(parseLocalizedInteger('')).toBeNull();
    expect(parseLocalizedInteger('1.5')).toBeNull();
    expect(parseLocalizedInteger('۱۲a')).toBeNull();
  });
});

describe('durations', () => {
  it('are m:ss below an hour and h:mm:ss from an hour', () => {
    expect(formatDuration(0, 'en')).toBe('0:00');
    expect(formatDuration(65_000, 'en')).toBe('1:05');
    expect(formatDuration(3_725_000, 'en')).toBe('1:02:05');
    expect(formatDuration(36_000_000, 'en')).toBe('10:00:00');
  });

  it('round down to the second and never go negative', () => {
    expect(formatDuration(59_999, 'en')).toBe('0:59');
    expect(formatDuration(-5_000, 'en')).toBe('0:00');
  });

  it('use the language digits', () => {
    expect(formatDuration(65_000, 'fa')).toBe('۱:۰۵');
    expect(formatDuration(3_725_000, 'ar')).toBe('١:٠٢:٠٥');
  });

  it('format KPI seconds (ASA, AHT) as durations', () => {
    expect(formatSeconds(12.4, 'en')).toBe('0:12');
    expect(formatSeconds(185, 'fa')).toBe('۳:۰۵');
  });
});

describe('dates', () => {
  // 21 March 2025, noon UTC: Nowruz, 1 Farvardin 1404 in Tehran.
  const nowruz = Date.UTC(2025, 2, 21, 12, 0);

  it('are Jalali with Persian digits in Persian', () => {
    expect(formatDate(nowruz, 'fa', 'Asia/Tehran')).toBe('جمعه ۱ فروردین ۱۴۰۴');
    expect(formatYear(nowruz, 'fa', 'Asia/Tehran')).toBe('۱۴۰۴');
  });

  it('are Gregorian with Arabic-Indic digits in Arabic', () => {
    const text = formatDate(nowruz, 'ar', 'UTC');
    expect(text).toContain('مارس');
    expect(text).toContain('٢٠٢٥');
    expect(text).toContain('٢١');
  });

  it('are Gregorian in English', () => {
    expect(formatDate(nowruz, 'en', 'UTC')).toBe('Friday, 21 March 2025');
    expect(formatYear(nowruz, 'en', 'UTC')).toBe('2025');
  });

  it('give 24-hour times in the language digits', () => {
    expect(formatTime(nowruz, 'en', 'Asia/Tehran')).toBe('15:30');
    expect(formatTime(nowruz, 'fa', 'Asia/Tehran')).toBe('۱۵:۳۰');
  });
});
