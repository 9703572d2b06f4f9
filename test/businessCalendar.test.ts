/**
 * "Today" for date fields is the business calendar's day (TIME_ZONE), not the
 * UTC day: in São Paulo the UTC date turns at 21:00, and a pedido entered in
 * the evening must not be dated tomorrow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDate, isTimeZone } from '../core/time/index.js';
import { loadConfig, ConfigError } from '../core/config/index.js';
import { ADMIN, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { trpcApi } from './support/api.js';
import { todayIso } from '../ui/src/format/dateText.js';

describe('calendarDate', () => {
  it('gives the wall-calendar day of an instant in a time zone', () => {
    const evening = new Date('2026-11-24T00:30:00Z'); // 21:30 on the 23rd in São Paulo (UTC-3, no DST since 2019)
    expect(calendarDate(evening, 'America/Sao_Paulo')).toBe('2026-11-23');
    expect(calendarDate(evening, 'UTC')).toBe('2026-11-24');
    expect(calendarDate(new Date('2026-11-23T03:00:00Z'), 'America/Sao_Paulo')).toBe('2026-11-23');
    expect(calendarDate(new Date('2026-11-23T02:59:59Z'), 'America/Sao_Paulo')).toBe('2026-11-22');
    expect(calendarDate(new Date('2026-01-01T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-01-02');
  });

  it('the UI reads today on the same calendar when given the zone', () => {
    const evening = new Date('2026-11-24T00:30:00Z');
    expect(todayIso(evening, 'America/Sao_Paulo')).toBe('2026-11-23');
    expect(todayIso(evening, 'UTC')).toBe('2026-11-24');
  });

  it('knows IANA zones only', () => {
    expect(isTimeZone('America/Manaus')).toBe(true);
    expect(isTimeZone('Brasil/Brasilia')).toBe(false);
  });

  it('TIME_ZONE defaults to São Paulo and a bad one stops start-up naming it', () => {
    expect(loadConfig({}, '/tmp').timeZone).toBe('America/Sao_Paulo');
    expect(loadConfig({ TIME_ZONE: 'America/Manaus' }, '/tmp').timeZone).toBe('America/Manaus');
    expect(() => loadConfig({ TIME_ZONE: 'GMT-3h' }, '/tmp')).toThrow(ConfigError);
    expect(() => loadConfig({ TIME_ZONE: 'GMT-3h' }, '/tmp')).toThrow(/TIME_ZONE="GMT-3h" is not an IANA time zone/);
  });
});

describe('a date field defaulting to "now" on the server', () => {
  // A zone whose day differs from the UTC day right now: UTC+14 from 10:00 UTC on, UTC-11 before 11:00 UTC.
  const zone = new Date().getUTCHours() >= 10 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ TIME_ZONE: zone });
  }, 120_000);

  afterAll(() => platform?.close());

  it('takes the day of TIME_ZONE, not the UTC day', async () => {
    const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
    const cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Cliente do outro fuso' } });
    const before = calendarDate(new Date(), zone);
    const pedido = await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    const after = calendarDate(new Date(), zone);
    expect([before, after]).toContain(pedido.data_entrada);
    expect(pedido.data_entrada).not.toBe(new Date().toISOString().slice(0, 10));
  });

  it('tells the screens the zone, so a new form proposes the same day', async () => {
    const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
    expect((await api.query('platform.model', undefined)).timeZone).toBe(zone);
  });
});
