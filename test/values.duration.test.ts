import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, DURATION_PATTERN } from '../core/values/duration.js';

describe('duration values', () => {
  it('reads the laser system total-time text as exact microseconds', () => {
    expect(parseDuration('01:30:00.250000')).toBe(5_400_250_000);
    expect(parseDuration('00:00:00.000001')).toBe(1);
    expect(parseDuration('8:05:00')).toBe(29_100_000_000);
    expect(parseDuration('130:00:00.5')).toBe(468_000_500_000);
  });

  it('writes six decimals and at least two hour digits', () => {
    expect(formatDuration(5_400_250_000)).toBe('01:30:00.250000');
    expect(formatDuration(0)).toBe('00:00:00.000000');
    expect(formatDuration(468_000_500_000n)).toBe('130:00:00.500000');
    expect(formatDuration('1')).toBe('00:00:00.000001');
  });

  it('round-trips without drift', () => {
    for (const micros of [0, 1, 999_999, 3_599_999_999, 86_400_000_000, 1_000_000_000_123]) {
      expect(parseDuration(formatDuration(micros))).toBe(micros);
    }
  });

  it('refuses text that is not a duration, and negative or fractional counts', () => {
    for (const text of ['', '1:2:3', '00:60:00', '00:00:60', '00:00:00.1234567', '-01:00:00', '1h', '01:00']) {
      expect(() => parseDuration(text)).toThrow(RangeError);
      expect(new RegExp(DURATION_PATTERN).test(text)).toBe(false);
    }
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(1.5)).toThrow(RangeError);
  });
});
