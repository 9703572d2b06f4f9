/** Wall-clock date-times in a time zone ↔ instants (core/time), and the business calendar that offers them to plugins. */
import { describe, expect, it } from 'vitest';
import { businessCalendar, formatLocalDateTime, LOCAL_DATE_TIME_PATTERN, parseLocalDateTime } from '../core/time/index.js';

const iso = (text: string, zone: string) => {
  const at = parseLocalDateTime(text, zone);
  return at instanceof Date ? at.toISOString() : at;
};

describe('local date-times in São Paulo (UTC−3 all year, no DST since 2019)', () => {
  const zone = 'America/Sao_Paulo';
  it('reads a wall-clock text as the instant three hours later in UTC, and writes it back', () => {
    expect(iso('2026-07-01 08:00:00', zone)).toBe('2026-07-01T11:00:00.000Z');
    expect(iso('2026-12-31 22:30:05', zone)).toBe('2027-01-01T01:30:05.000Z');
    expect(formatLocalDateTime(new Date('2027-01-01T01:30:05.999Z'), zone)).toBe('2026-12-31 22:30:05');
  });
  it('tells a malformed text from a day that does not exist', () => {
    for (const bad of ['2026-07-01T08:00:00', '2026-07-01 8:00:00', '2026-07-01 08:00', '2026-07-01 08:00:00.5', ' 2026-07-01 08:00:00', ''])
      expect(iso(bad, zone)).toBe('malformed');
    expect(iso('2026-02-31 10:00:00', zone)).toBe('nonexistent');
    expect(iso('2026-07-01 24:00:00', zone)).toBe('nonexistent');
    expect(iso('2026-07-01 10:60:00', zone)).toBe('nonexistent');
  });
  it('the pattern is the format it accepts', () => {
    expect(new RegExp(LOCAL_DATE_TIME_PATTERN).test('2026-07-01 08:00:00')).toBe(true);
    expect(new RegExp(LOCAL_DATE_TIME_PATTERN).test('2026-07-01 08:00')).toBe(false);
  });
});

describe('local date-times in zones with daylight saving', () => {
  it('refuses the hour a change to summer time skips (New York, Lisbon)', () => {
    expect(iso('2026-03-08 02:30:00', 'America/New_York')).toBe('nonexistent');
    expect(iso('2026-03-29 01:30:00', 'Europe/Lisbon')).toBe('nonexistent');
  });
  it('reads the hours around the changes with the offset in force then', () => {
    expect(iso('2026-03-08 01:59:59', 'America/New_York')).toBe('2026-03-08T06:59:59.000Z');
    expect(iso('2026-03-08 03:00:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
    expect(iso('2026-03-29 02:30:00', 'Europe/Lisbon')).toBe('2026-03-29T01:30:00.000Z');
  });
  it('takes the earlier instant of an hour the change back repeats, on either side of UTC', () => {
    expect(iso('2026-11-01 01:30:00', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(iso('2026-10-25 01:30:00', 'Europe/Lisbon')).toBe('2026-10-25T00:30:00.000Z');
    // Both instants are written as the same wall-clock text.
    expect(formatLocalDateTime(new Date('2026-10-25T01:30:00.000Z'), 'Europe/Lisbon')).toBe('2026-10-25 01:30:00');
  });
  it('writes back what it read, every quarter hour of a year with both changes', () => {
    const zone = 'Europe/Berlin';
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 15 * 60_000) {
      const text = formatLocalDateTime(new Date(t), zone);
      const back = parseLocalDateTime(text, zone) as Date;
      expect(formatLocalDateTime(back, zone)).toBe(text);
      // Only in the repeated hour does it read a different (the earlier) instant.
      if (back.getTime() !== t) expect(t - back.getTime()).toBe(3_600_000);
    }
  });
});

describe('the business calendar', () => {
  it('reads and writes on the wall clock of TIME_ZONE, whatever zone the server runs in', () => {
    const calendar = businessCalendar('America/Sao_Paulo');
    expect((calendar.parseLocalDateTime('2026-05-04 07:15:00') as Date).toISOString()).toBe('2026-05-04T10:15:00.000Z');
    expect(calendar.formatLocalDateTime(new Date('2026-05-04T02:00:00.000Z'))).toBe('2026-05-03 23:00:00');
    expect(businessCalendar('UTC').formatLocalDateTime(new Date('2026-05-04T02:00:00.000Z'))).toBe('2026-05-04 02:00:00');
    expect(calendar.parseLocalDateTime('04/05/2026 07:15')).toBe('malformed');
  });
});
