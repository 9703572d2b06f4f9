/**
 * The company's calendar: a date field means the day on the wall calendar
 * where the business runs (TIME_ZONE), not the UTC day, which in São Paulo
 * turns at 21:00.
 */

import { formatLocalDateTime, parseLocalDateTime, type LocalDateTimeProblem } from './localDateTime.js';

export { formatLocalDateTime, LOCAL_DATE_TIME_PATTERN, parseLocalDateTime, type LocalDateTimeProblem } from './localDateTime.js';

/** The business time zone when TIME_ZONE is not set; also the default of schedules. */
export const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';

/** True for a time zone the runtime knows by its IANA name (e.g. America/Sao_Paulo, UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name.trim() !== '';
  } catch {
    return false;
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` of an instant on the calendar of a time zone. */
export function calendarDate(at: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD; building a format costs ~70 µs, using one ~1 µs.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The business calendar plugins get on their context: which day it is where the business runs. */
export interface BusinessCalendar {
  /** IANA zone of the calendar (TIME_ZONE). */
  readonly timeZone: string;
  /** `YYYY-MM-DD` of `now` (default: this instant) on the business calendar, whatever zone the server runs in. */
  today(now?: Date): string;
  /** The instant `YYYY-MM-DD HH:MM:SS` names on the business wall clock, or why it names none (the caller says which field). */
  parseLocalDateTime(text: string): Date | LocalDateTimeProblem;
  /** `YYYY-MM-DD HH:MM:SS` of an instant on the business wall clock. */
  formatLocalDateTime(at: Date): string;
}

export function businessCalendar(timeZone: string): BusinessCalendar {
  return {
    timeZone,
    today: (now = new Date()) => calendarDate(now, timeZone),
    parseLocalDateTime: (text) => parseLocalDateTime(text, timeZone),
    formatLocalDateTime: (at) => formatLocalDateTime(at, timeZone),
  };
}
