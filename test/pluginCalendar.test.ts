/**
 * Plugins get "today" from the business calendar (TIME_ZONE), whatever zone
 * the server process runs in. The process here runs in Pago Pago (UTC-11) and
 * the business in Kiritimati (UTC+14): their calendar days always differ, so a
 * plugin reading the server's local day would report the wrong week.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessCalendar, calendarDate } from '../core/time/index.js';
import { isoDate } from '../core/index.js';
import { ADMIN, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { trpcApi } from './support/api.js';

const BUSINESS_ZONE = 'Pacific/Kiritimati';
const SERVER_ZONE = 'Pacific/Pago_Pago';

describe('the business calendar of plugins', () => {
  const originalTz = process.env.TZ;
  let platform: TestPlatform;

  beforeAll(async () => {
    process.env.TZ = SERVER_ZONE;
    platform = await startTestPlatform({ TIME_ZONE: BUSINESS_ZONE });
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
    process.env.TZ = originalTz;
  });

  it('is today where the business runs, for an injected instant', () => {
    // 23:30 on the 23rd in Pago Pago is 00:30 on the 25th in Kiritimati.
    const lateEvening = new Date('2026-11-24T10:30:00Z');
    expect(lateEvening.getDate()).toBe(23); // the server's local day
    expect(businessCalendar(BUSINESS_ZONE).today(lateEvening)).toBe('2026-11-25');
    expect(businessCalendar(SERVER_ZONE).today(lateEvening)).toBe('2026-11-23');
  });

  it("sgp's weekly report defaults to the business day, not the server's", async () => {
    const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
    const before = calendarDate(new Date(), BUSINESS_ZONE);
    const report = (await api.query('sgp.relatorio_semanal', {})) as { referencia: string; semana_atual: { inicio: string } };
    const after = calendarDate(new Date(), BUSINESS_ZONE);
    expect([before, after]).toContain(report.referencia);
    expect(report.semana_atual.inicio).toBe(isoDate.mondayOf(report.referencia));
  });
});

describe('day arithmetic', () => {
  it('adds days across months and DST changes, counts days and finds the Monday', () => {
    expect(isoDate.addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(isoDate.addDays('2026-10-31', 1)).toBe('2026-11-01');
    expect(isoDate.daysBetween('2026-12-25', '2027-01-01')).toBe(7);
    expect(isoDate.weekday('2026-11-29')).toBe(0);
    expect(isoDate.mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(isoDate.mondayOf('2026-11-23')).toBe('2026-11-23');
  });
});
