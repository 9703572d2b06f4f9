/**
 * Wall-clock date-times `YYYY-MM-DD HH:MM:SS` in a time zone ↔ instants, the
 * way people and older systems write a moment without a zone. Whole seconds:
 * the text has no fraction, so an instant's milliseconds are dropped on format.
 */

/** The text a local date-time must match (a JSON-schema `pattern` too). */
export const LOCAL_DATE_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$';
const LOCAL_DATE_TIME = new RegExp(LOCAL_DATE_TIME_PATTERN);

/** Why a text names no instant: not in the format, or a day or hour the zone does not have (31 February, a skipped DST hour). */
export type LocalDateTimeProblem = 'malformed' | 'nonexistent';

const DAY = 24 * 60 * 60 * 1000;
const partFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
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
    partFormats.set(timeZone, format);
  }
  return format;
}

/** `YYYY-MM-DD HH:MM:SS` of an instant on the wall clock of `timeZone`. */
export function formatLocalDateTime(at: Date, timeZone: string): string {
  const p = Object.fromEntries(
    partsFormat(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The text read as if it were UTC, in milliseconds. */
function asUtc(text: string): number {
  const [date, time] = text.split(' ') as [string, string];
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Milliseconds the wall clock of `timeZone` is ahead of UTC at `at`. */
function offsetAt(at: number, timeZone: string): number {
  return asUtc(formatLocalDateTime(new Date(at), timeZone)) - (at - (at % 1000));
}

/**
 * The instant a wall-clock text names in `timeZone`, or why it names none.
 * In the hour a DST change repeats, the earlier of the two instants.
 */
export function parseLocalDateTime(text: string, timeZone: string): Date | LocalDateTimeProblem {
  if (!LOCAL_DATE_TIME.test(text)) return 'malformed';
  const wall = asUtc(text);
  // The zone's offsets a day before and after (zones change offset at most once in two days): around a DST change, both.
  const offsets = [-DAY, 0, DAY].map((shift) => offsetAt(wall + shift, timeZone));
  const at = offsets
    .map((offset) => wall - offset)
    .filter((c) => !Number.isNaN(c) && formatLocalDateTime(new Date(c), timeZone) === text)
    .sort((a, b) => a - b)[0];
  return at === undefined ? 'nonexistent' : new Date(at);
}
