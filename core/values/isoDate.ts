/**
 * Calendar arithmetic on "YYYY-MM-DD" strings, the wire form of date fields.
 * Works in UTC internally so no time zone or DST change ever shifts a day;
 * which day "today" is belongs to the business calendar (core/time).
 */

const DAY_MS = 86_400_000;

function toEpochDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromEpochDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ("2026-02-27", 2) → "2026-03-01". */
export function addDays(date: string, days: number): string {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toEpochDay(date) * DAY_MS).getUTCDay();
}

/** Monday of the ISO week containing `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}
