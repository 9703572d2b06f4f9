/**
 * Durations: stored as an exact count of microseconds (an integer, so sums of
 * shop-floor times never drift) and written as `HH:MM:SS.ffffff`, the way
 * time-tracking systems print total times. Hours may exceed 23 (a total of 130 h is
 * "130:00:00.000000"); negative totals are refused.
 */

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;

/** Hours, minutes, seconds and up to six decimals of a second: "8:05:00", "130:00:00.5". */
const DURATION_TEXT = /^(\d{1,9}):([0-5]\d):([0-5]\d)(?:\.(\d{1,6}))?$/;

/** JSON Schema pattern of the wire text (the same grammar `parseDuration` accepts). */
export const DURATION_PATTERN = DURATION_TEXT.source;

/** "01:30:00.250000" → 5400250000; throws RangeError on anything else. */
export function parseDuration(text: string): number {
  const m = DURATION_TEXT.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not a duration (HH:MM:SS or HH:MM:SS.ffffff)`);
  const [, hours, minutes, seconds, fraction = ''] = m;
  const micros = Number(hours) * MICROS_PER_HOUR + Number(minutes) * MICROS_PER_MINUTE + Number(seconds) * MICROS_PER_SECOND + Number(fraction.padEnd(6, '0'));
  if (!Number.isSafeInteger(micros)) throw new RangeError(`"${text}" is out of range`);
  return micros;
}

/** 5400250000 → "01:30:00.250000" (always six decimals, at least two hour digits). */
export function formatDuration(micros: number | bigint | string): string {
  const total = Number(micros);
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`${String(micros)} is not a count of microseconds`);
  const hours = Math.floor(total / MICROS_PER_HOUR);
  const minutes = Math.floor((total % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
  const seconds = Math.floor((total % MICROS_PER_MINUTE) / MICROS_PER_SECOND);
  const fraction = total % MICROS_PER_SECOND;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(hours)}:${two(minutes)}:${two(seconds)}.${String(fraction).padStart(6, '0')}`;
}
