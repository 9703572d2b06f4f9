/**
 * The time report (laser.relatorio_tempo), summed by the database, against
 * sums worked out by hand; and the demo seed: operators, OFs with their STEP
 * files in the step folder, weeks of apontamentos whose report adds up.
 * SQLite, or MariaDB with TEST_DATABASE_URL.
 */
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duration } from '../core/index.js';
import { operadorComOf, startLaserPlatform, type LaserPlatform } from './laserPlatform.js';

describe('relatorio_tempo', () => {
  let laser: LaserPlatform;
  const ids = {} as Record<'ana' | 'beto' | 'of1' | 'of2', { id: number; codigo?: string; numero?: string }>;

  beforeAll(async () => {
    laser = await startLaserPlatform();
    const sup = laser.api.supervisor;
    const a = await operadorComOf(sup, { quantidade: 100 });
    const b = await operadorComOf(sup, { quantidade: 100 });
    ids.ana = a.operador;
    ids.beto = b.operador;
    ids.of1 = a.ordem;
    ids.of2 = b.ordem;
    const direto = (operador: { codigo?: string }, ordem: { id: number }, inicio: string, fim: string, tempo_pausado?: string) =>
      laser.api.operador.mutate('laser.apontamento_direto', {
        ordem: ordem.id,
        operador_codigo: operador.codigo,
        data_inicio: inicio,
        data_fim: fim,
        quantidade_produzida: 2,
        quantidade_refugo: 1,
        ...(tempo_pausado ? { tempo_pausado } : {}),
      });
    // Day 1 (2026-03-02): ana on OF1 01:00:00 − 00:00:00.000001 paused; beto on OF2 00:30:00.
    await direto(ids.ana, ids.of1, '2026-03-02 08:00:00', '2026-03-02 09:00:00', '00:00:00.000001');
    await direto(ids.beto, ids.of2, '2026-03-02 10:00:00', '2026-03-02 10:30:00');
    // Day 2 (2026-03-03), late evening in São Paulo (already the 4th in UTC): ana on OF2 02:15:30 − 00:15:00.5.
    await direto(ids.ana, ids.of2, '2026-03-03 22:00:00', '2026-03-04 00:15:30', '00:15:00.5');
    // Outside the period, and an open one: neither counts.
    await direto(ids.beto, ids.of1, '2026-03-05 08:00:00', '2026-03-05 18:00:00');
    await laser.api.operador.mutate('laser.iniciar', { ordem: ids.of1.id, operador_codigo: ids.beto.codigo });
  });

  afterAll(async () => {
    await laser?.close();
  });

  const report = (agrupar: string, de = '2026-03-02', ate = '2026-03-04') => laser.api.supervisor.query('laser.relatorio_tempo', { de, ate, agrupar });

  it('per day, on the business calendar', async () => {
    const r = await report('dia');
    expect(r.linhas).toEqual([
      {
        chave: '2026-03-02',
        rotulo: '2026-03-02',
        apontamentos: 2,
        quantidade_produzida: 4,
        quantidade_refugo: 2,
        total_time: '01:29:59.999999',
        total_micros: '5399999999',
      },
      {
        chave: '2026-03-03',
        rotulo: '2026-03-03',
        apontamentos: 1,
        quantidade_produzida: 2,
        quantidade_refugo: 1,
        total_time: '02:00:29.500000',
        total_micros: '7229500000',
      },
    ]);
    expect([r.total_time, r.total_micros]).toEqual(['03:30:29.499999', '12629499999']);
  });

  it('per operator and per OF', async () => {
    const byOperador = await report('operador');
    expect(byOperador.linhas.map((l: any) => [Number(l.chave), l.rotulo, l.apontamentos, l.total_time])).toEqual([
      [ids.ana.id, (ids.ana as any).nome, 2, '03:00:29.499999'],
      [ids.beto.id, (ids.beto as any).nome, 1, '00:30:00.000000'],
    ]);
    const byOrdem = await report('ordem');
    expect(byOrdem.linhas.map((l: any) => [Number(l.chave), l.rotulo, l.total_time])).toEqual([
      [ids.of1.id, ids.of1.numero, '00:59:59.999999'],
      [ids.of2.id, ids.of2.numero, '02:30:29.500000'],
    ]);
    expect(byOrdem.total_micros).toBe(byOperador.total_micros);
  });

  it('a period with nothing in it, bad input, and who may run it', async () => {
    expect(await report('dia', '2025-01-01', '2025-01-31')).toMatchObject({ linhas: [], total_time: '00:00:00.000000', total_micros: '0' });
    const bad = await laser.api.supervisor.query('laser.relatorio_tempo', { de: '2026-03-02', ate: '2026-03-04', agrupar: 'semana' }).catch((e: any) => e);
    expect([bad.code, bad.issues[0].path]).toEqual(['BAD_REQUEST', 'agrupar']);
    const denied = await laser.api.operador.query('laser.relatorio_tempo', { de: '2026-03-02', ate: '2026-03-04', agrupar: 'dia' }).catch((e: any) => e);
    expect(denied.code).toBe('FORBIDDEN');
  });
});

describe('demo seed', () => {
  let laser: LaserPlatform;

  beforeAll(async () => {
    laser = await startLaserPlatform({ SEED: 'true' });
  });

  afterAll(async () => {
    await laser?.close();
  });

  it('writes operators, OFs with STEP files, and weeks of finished and confirmed apontamentos with pauses', async () => {
    const admin = laser.api.admin;
    expect((await admin.query('laser.operador.list', {})).total).toBe(4);
    const ordens = await admin.query('laser.ordem_fabricacao.list', { pageSize: 100 });
    expect(ordens.total).toBe(36);
    const files = await readdir(laser.stepDir);
    for (const o of ordens.rows.filter((r: any) => r.arquivo_step)) {
      expect(files).toContain(o.arquivo_step);
      expect((await readFile(`${laser.stepDir}/${o.arquivo_step}`, 'utf8')).startsWith('ISO-10303-21;')).toBe(true);
    }
    const download = await fetch(`${laser.platform.url}/api/laser/download_step?of_id=${ordens.rows.find((r: any) => r.arquivo_step).id}`, {
      headers: { authorization: `Bearer ${laser.tokens.operador}` },
    });
    expect([download.status, download.headers.get('content-type')]).toEqual([200, 'model/step']);
    expect((await admin.query('laser.apontamento.list', { filter: { status: 'confirmado' } })).total).toBeGreaterThan(20);
    expect((await admin.query('laser.pausa.list', {})).total).toBeGreaterThan(10);
    expect((await admin.query('laser.lote.list', {})).total).toBe(3);
    const seq = await laser.api.operador.query('laser.sequenciamento', { operador_codigo: '1001' });
    expect(seq.fila.length).toBeGreaterThan(0);
  });

  it('its report adds up to the apontamentos it lists, whichever the grouping', async () => {
    const rows: any[] = [];
    for (let page = 1; ; page++) {
      const batch = await laser.api.admin.query('laser.apontamento.list', { filter: { status: { in: ['finalizado', 'confirmado'] } }, page, pageSize: 200 });
      rows.push(...batch.rows);
      if (rows.length >= batch.total) break;
    }
    const byDay = new Map<string, bigint>();
    for (const r of rows) byDay.set(r.dia, (byDay.get(r.dia) ?? 0n) + BigInt(duration.parseDuration(r.total_time)));
    const days = [...byDay.keys()].sort();
    const total = [...byDay.values()].reduce((a, b) => a + b, 0n);
    const report = (agrupar: string) => laser.api.supervisor.query('laser.relatorio_tempo', { de: days[0], ate: days.at(-1), agrupar });
    const perDay = await report('dia');
    expect(perDay.linhas.map((l: any) => [l.chave, l.total_micros])).toEqual(days.map((d) => [d, byDay.get(d)!.toString()]));
    for (const agrupar of ['dia', 'operador', 'ordem']) expect((await report(agrupar)).total_micros).toBe(total.toString());
    expect(total).toBeGreaterThan(0n);
  });
});
