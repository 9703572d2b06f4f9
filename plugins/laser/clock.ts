/**
 * Shop-floor time: the legacy frontend's wall-clock texts read on the business
 * calendar (core's ctx.calendar), refused in Portuguese naming the field; and
 * worked time as integer microseconds. Instants carry milliseconds, so every
 * difference is an exact integer count of microseconds (ms × 1000); nothing
 * here is a float.
 */
import { type BusinessCalendar, duration, LOCAL_DATE_TIME_PATTERN, ValidationError } from '#core';

/** The legacy frontend's date-time text, `YYYY-MM-DD HH:MM:SS`. */
export const WALL_CLOCK_PATTERN = LOCAL_DATE_TIME_PATTERN;

const MICROS_PER_MILLI = 1000;

/**
 * The instant a wall-clock text names on the business calendar; a
 * ValidationError naming `field` for bad text or a day or hour that does not
 * exist (31 February, or the hour a daylight-saving change skips).
 */
export function instantOf(calendar: BusinessCalendar, text: string, field: string): Date {
  const at = calendar.parseLocalDateTime(text);
  if (at === 'malformed') throw ValidationError.field(field, 'deve ser data e hora no formato AAAA-MM-DD HH:MM:SS');
  if (at === 'nonexistent') throw ValidationError.field(field, `não é um horário que existe em ${calendar.timeZone}`);
  return at;
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
