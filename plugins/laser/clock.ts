/**
 * Shop-floor time: wall-clock texts `YYYY-MM-DD HH:MM:SS` in the business
 * time zone (TIME_ZONE) ↔ instants, and worked time as integer microseconds.
 * Instants carry milliseconds, so every difference is an exact integer count
 * of microseconds (ms × 1000); nothing here is a float.
 */
import { duration, ValidationError } from '#core';

/** The legacy frontend's date-time text. */
export const WALL_CLOCK_PATTERN = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$';

const MICROS_PER_MILLI = 1000;
const formats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** `YYYY-MM-DD HH:MM:SS` of an instant on the wall clock of `timeZone`. */
export function wallClock(at: Date, timeZone: string): string {
  const p = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Milliseconds the wall clock of `timeZone` is ahead of UTC at `at`. */
function offsetAt(at: number, timeZone: string): number {
  const wall = wallClock(new Date(at), timeZone);
  return wallAsUtc(wall) - (at - (at % 1000));
}

function wallAsUtc(text: string): number {
  const [date, time] = text.split(' ') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * The instant a wall-clock text names in `timeZone`; a ValidationError naming
 * `field` for a day or hour that does not exist (31 February, or the hour a
 * daylight-saving change skips).
 */
export function instantOf(text: string, timeZone: string, field: string): Date {
  if (!new RegExp(WALL_CLOCK_PATTERN).test(text)) throw ValidationError.field(field, 'deve ser data e hora no formato AAAA-MM-DD HH:MM:SS');
  const asUtc = wallAsUtc(text);
  let at = asUtc - offsetAt(asUtc, timeZone);
  at = asUtc - offsetAt(at, timeZone);
  if (Number.isNaN(at) || wallClock(new Date(at), timeZone) !== text) throw ValidationError.field(field, `não é um horário que existe em ${timeZone}`);
  return new Date(at);
}

/** Exact microseconds from `from` to `to` (instants with milliseconds). */
export function microsBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) * MICROS_PER_MILLI;
}

/** Microseconds of a stored duration text; null counts as none. */
export function micros(text: string | null | undefined): number {
  return text ? duration.parseDuration(text) : 0;
}

export const formatMicros = (value: number): string => duration.formatDuration(Math.max(0, value));
