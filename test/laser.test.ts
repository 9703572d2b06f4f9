/**
 * The laser module's procedures and rules through the real tRPC API: start,
 * pause, resume, finish, direct submit, batch confirmation, the queue, and
 * who may do what. Runs on SQLite, or on MariaDB with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duration } from '../core/index.js';
import { ApiCallError } from './support/api.js';
import { operadorComOf, startLaserPlatform, type LaserPlatform } from './laserPlatform.js';

let laser: LaserPlatform;

beforeAll(async () => {
  laser = await startLaserPlatform();
});

afterAll(async () => {
  await laser?.close();
});

async function refusal(call: Promise<unknown>): Promise<ApiCallError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiCallError)) throw new Error(`expected an API error, got ${String(error)}`);
  return error;
}

const micros = (text: string) => duration.parseDuration(text);

describe('laser apontamentos', () => {
  it('start → pause → resume → finish: total is end − start − pauses, to the microsecond', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor);
    const op = laser.api.operador;
    const started = await op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo });
    expect(started).toMatchObject({
      ordem: ordem.id,
      ordem_numero: ordem.numero,
      operador_codigo: operador.codigo,
      operador_nome: operador.nome,
      status: 'em_andamento',
    });
    const paused = await op.mutate('laser.pausar', { apontamento: started.id });
    expect(paused.status).toBe('pausado');
    expect(paused.pausado_desde).not.toBeNull();
    const resumed = await op.mutate('laser.retomar', { apontamento: started.id });
    expect(resumed.status).toBe('em_andamento');
    const finished = await op.mutate('laser.finalizar', { apontamento: started.id, quantidade_produzida: 4, quantidade_refugo: 1 });
    expect(finished.status).toBe('finalizado');

    const row = await laser.api.admin.query('laser.apontamento.get', { id: started.id });
    const pausas = await laser.api.admin.query('laser.pausa.list', { filter: { apontamento: started.id } });
    expect(pausas.rows).toHaveLength(1);
    const pausa = pausas.rows[0];
    const ms = (iso: string) => BigInt(Date.parse(iso)) * 1000n;
    const pausedMicros = ms(pausa.fim) - ms(pausa.inicio);
    expect(BigInt(micros(row.tempo_pausado))).toBe(pausedMicros);
    expect(BigInt(micros(row.total_time))).toBe(ms(row.data_fim) - ms(row.data_inicio) - pausedMicros);
    expect(row.total_time).toMatch(/^\d{2,}:\d{2}:\d{2}\.\d{6}$/);
    expect(finished.decorrido).toBe(row.total_time);
    expect(row).toMatchObject({ quantidade_produzida: 4, quantidade_refugo: 1, direto: false });
    // Only 4 of 10 produced: the OF is back in the queue.
    expect((await laser.api.admin.query('laser.ordem_fabricacao.get', { id: ordem.id })).status).toBe('aberta');
  });

  it('finishing while paused closes the pause first', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor, { quantidade: 2 });
    const op = laser.api.operador;
    const a = await op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo });
    await op.mutate('laser.pausar', { apontamento: a.id });
    await op.mutate('laser.finalizar', { apontamento: a.id, quantidade_produzida: 2 });
    const row = await laser.api.admin.query('laser.apontamento.get', { id: a.id });
    const [pausa] = (await laser.api.admin.query('laser.pausa.list', { filter: { apontamento: a.id } })).rows;
    expect(pausa.fim).toBe(row.data_fim);
    expect(row.pausado_desde).toBeNull();
    expect(micros(row.total_time)).toBe((Date.parse(pausa.inicio) - Date.parse(row.data_inicio)) * 1000);
    // Everything produced: the OF is done and leaves the queue.
    expect((await laser.api.admin.query('laser.ordem_fabricacao.get', { id: ordem.id })).status).toBe('concluida');
    const seq = await op.query('laser.sequenciamento', { operador_codigo: operador.codigo });
    expect(seq.fila).toEqual([]);
  });

  it('refuses what the rules forbid with CONFLICT, unknown rows with NOT_FOUND, bad input with BAD_REQUEST naming the field', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor);
    const op = laser.api.operador;
    const a = await op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo });
    expect((await refusal(op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo }))).code).toBe('CONFLICT');
    await op.mutate('laser.pausar', { apontamento: a.id });
    expect((await refusal(op.mutate('laser.pausar', { apontamento: a.id }))).code).toBe('CONFLICT');
    await op.mutate('laser.finalizar', { apontamento: a.id, quantidade_produzida: 1 });
    expect((await refusal(op.mutate('laser.finalizar', { apontamento: a.id, quantidade_produzida: 1 }))).code).toBe('CONFLICT');
    expect((await refusal(op.mutate('laser.retomar', { apontamento: a.id }))).code).toBe('CONFLICT');
    expect((await refusal(op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: 'NINGUEM' }))).code).toBe('NOT_FOUND');
    expect((await refusal(op.mutate('laser.iniciar', { ordem: 999999, operador_codigo: operador.codigo }))).code).toBe('NOT_FOUND');
    expect((await refusal(op.mutate('laser.pausar', { apontamento: 999999 }))).code).toBe('NOT_FOUND');
    const bad = await refusal(op.mutate('laser.finalizar', { apontamento: a.id, quantidade_produzida: -1 }));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.issues.map((i) => i.path)).toEqual(['quantidade_produzida']);
    const missing = await refusal(op.mutate('laser.iniciar', { ordem: ordem.id }));
    expect(missing.issues).toEqual([{ path: 'operador_codigo', message: 'is required' }]);
  });

  it('refuses an inactive operator the same way in the queue as at the start: CONFLICT, in Portuguese', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor);
    const current = await laser.api.supervisor.query('laser.operador.get', { id: operador.id });
    await laser.api.supervisor.mutate('laser.operador.update', { id: operador.id, data: { ativo: false }, version: current.version });
    const queue = await refusal(laser.api.operador.query('laser.sequenciamento', { operador_codigo: operador.codigo }));
    const start = await refusal(laser.api.operador.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo }));
    expect(queue.code).toBe('CONFLICT');
    expect(queue.message).toContain(`Operador "${operador.codigo}" está inativo`);
    expect([start.code, start.message]).toEqual([queue.code, queue.message]);
    // The lookup by code still finds them, saying they are inactive.
    expect(await laser.api.operador.query('laser.operador_por_codigo', { codigo: operador.codigo })).toMatchObject({ ativo: false });
  });

  it('words its refusals in Portuguese, the language of the people at the machine', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor);
    const op = laser.api.operador;
    const a = await op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo });
    expect((await refusal(op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo }))).message).toContain(
      `Operador ${operador.codigo} já está com a OF ${ordem.numero} em execução`,
    );
    await op.mutate('laser.pausar', { apontamento: a.id });
    expect((await refusal(op.mutate('laser.pausar', { apontamento: a.id }))).message).toContain(`Apontamento ${a.id} está pausado: não é possível pausá-lo`);
    await op.mutate('laser.finalizar', { apontamento: a.id, quantidade_produzida: ordem.quantidade });
    expect((await refusal(op.mutate('laser.retomar', { apontamento: a.id }))).message).toContain(
      `Apontamento ${a.id} está finalizado: não é possível retomá-lo`,
    );
    expect((await refusal(op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo }))).message).toContain(
      `OF ${ordem.numero} está concluída`,
    );
    expect((await refusal(op.query('laser.sequenciamento', { operador_codigo: 'NINGUEM' }))).message).toContain('Operador "NINGUEM" não encontrado');
  });

  it('writes of apontamentos, pausas and lotes come from the procedures only; outsiders reach none of it', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor);
    const forged = { ordem: ordem.id, operador: operador.id, status: 'finalizado', total_time: '99:00:00' };
    expect((await refusal(laser.api.operador.mutate('laser.apontamento.create', { data: forged }))).code).toBe('FORBIDDEN');
    expect((await refusal(laser.api.admin.mutate('laser.apontamento.create', { data: forged }))).code).toBe('FORBIDDEN');
    expect((await refusal(laser.api.operador.mutate('laser.ordem_fabricacao.update', { id: ordem.id, data: { quantidade: 1 } }))).code).toBe('FORBIDDEN');
    expect((await refusal(laser.api.outsider.query('laser.sequenciamento', { operador_codigo: operador.codigo }))).code).toBe('FORBIDDEN');
    expect((await refusal(laser.api.outsider.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo }))).code).toBe('FORBIDDEN');
    expect((await refusal(laser.api.operador.mutate('laser.confirmar_lote', { apontamentos: [1] }))).code).toBe('FORBIDDEN');
  });

  it('the queue: the operator’s open OFs by sequence, with the open apontamento and what runs', async () => {
    const sup = laser.api.supervisor;
    const { operador, ordem } = await operadorComOf(sup, { sequencia: 3, numero: 'FILA-3' });
    const segunda = await sup.mutate('laser.ordem_fabricacao.create', {
      data: { numero: 'FILA-1', produto: 'Flange', quantidade: 5, operador: operador.id, sequencia: 1, arquivo_step: 'flange.step' },
    });
    await sup.mutate('laser.ordem_fabricacao.create', {
      data: { numero: 'FILA-X', produto: 'Cancelada', quantidade: 5, operador: operador.id, sequencia: 2, status: 'cancelada' },
    });
    await sup.mutate('laser.ordem_fabricacao.create', { data: { numero: 'FILA-0', produto: 'Sem sequência', quantidade: 5, operador: operador.id } });
    const a = await laser.api.operador.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo });
    const seq = await laser.api.operador.query('laser.sequenciamento', { operador_codigo: operador.codigo });
    expect(seq.operador).toEqual({ id: operador.id, codigo: operador.codigo, nome: operador.nome });
    expect(seq.fila.map((f: any) => f.numero)).toEqual(['FILA-1', 'FILA-3', 'FILA-0']);
    expect(seq.fila[0]).toMatchObject({ id: segunda.id, tem_step: true, apontamento: null, status: 'aberta', espessura: null });
    expect(seq.fila[1]).toMatchObject({ status: 'em_producao', tem_step: false, espessura: '3.00', apontamento: { id: a.id, status: 'em_andamento' } });
    expect(seq.em_execucao).toMatchObject({ id: a.id });
    const running = await laser.api.operador.query('laser.em_maquina', {});
    expect(running.map((r: any) => r.id)).toContain(a.id);
    expect((await laser.api.operador.query('laser.operador_por_codigo', { codigo: operador.codigo })).nome).toBe(operador.nome);
    const list = await laser.api.operador.query('laser.apontamentos_da_of', { ordem: ordem.id });
    expect(list.map((r: any) => r.id)).toEqual([a.id]);
    const job = (await laser.api.operador.query('laser.jobs', { status: ['em_producao'] })).find((j: any) => j.id === ordem.id);
    expect(job).toMatchObject({ numero: 'FILA-3', status: 'em_producao', apontamentos: 1 });
  });

  it('apontamento direto: start and end in the business time zone, pauses subtracted exactly', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor);
    const a = await laser.api.operador.mutate('laser.apontamento_direto', {
      ordem: ordem.id,
      operador_codigo: operador.codigo,
      data_inicio: '2026-02-10 07:58:30',
      data_fim: '2026-02-10 10:15:00',
      tempo_pausado: '00:10:00.000001',
      quantidade_produzida: 3,
    });
    const row = await laser.api.admin.query('laser.apontamento.get', { id: a.id });
    // São Paulo is UTC−3 (no daylight saving since 2019).
    expect(row).toMatchObject({
      data_inicio: '2026-02-10T10:58:30.000Z',
      data_fim: '2026-02-10T13:15:00.000Z',
      dia: '2026-02-10',
      direto: true,
      status: 'finalizado',
    });
    expect(row.total_time).toBe('02:06:29.999999');
    const late = await laser.api.operador.mutate('laser.apontamento_direto', {
      ordem: ordem.id,
      operador_codigo: operador.codigo,
      data_inicio: '2026-02-10 22:30:00',
      data_fim: '2026-02-11 01:00:00',
      quantidade_produzida: 1,
    });
    // 22:30 in São Paulo is already the 11th in UTC; the business day is the 10th.
    expect((await laser.api.admin.query('laser.apontamento.get', { id: late.id })).dia).toBe('2026-02-10');
    for (const [field, input] of [
      ['data_fim', { data_inicio: '2026-02-10 10:00:00', data_fim: '2026-02-10 09:00:00' }],
      ['data_inicio', { data_inicio: '2026-02-30 10:00:00', data_fim: '2026-03-01 09:00:00' }],
      ['data_inicio', { data_inicio: '2026-02-10T10:00:00', data_fim: '2026-02-10 11:00:00' }],
      ['tempo_pausado', { data_inicio: '2026-02-10 10:00:00', data_fim: '2026-02-10 11:00:00', tempo_pausado: '02:00:00' }],
    ] as const) {
      const e = await refusal(
        laser.api.operador.mutate('laser.apontamento_direto', { ordem: ordem.id, operador_codigo: operador.codigo, quantidade_produzida: 1, ...input }),
      );
      expect([e.code, e.issues[0]?.path]).toEqual(['BAD_REQUEST', field]);
    }
  });

  it('confirms a batch all or nothing', async () => {
    const { operador, ordem } = await operadorComOf(laser.api.supervisor, { quantidade: 100 });
    const op = laser.api.operador;
    const direto = (h: string) =>
      op.mutate('laser.apontamento_direto', {
        ordem: ordem.id,
        operador_codigo: operador.codigo,
        data_inicio: `2026-01-05 0${h}:00:00`,
        data_fim: `2026-01-05 0${h}:30:00`,
        quantidade_produzida: 1,
      });
    const a = await direto('1');
    const b = await direto('2');
    const open = await op.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo });
    const refused = await refusal(laser.api.supervisor.mutate('laser.confirmar_lote', { apontamentos: [a.id, b.id, open.id] }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(`${open.id} (em_andamento)`);
    expect((await refusal(laser.api.supervisor.mutate('laser.confirmar_lote', { apontamentos: [a.id, 999999] }))).code).toBe('NOT_FOUND');
    for (const id of [a.id, b.id]) expect((await laser.api.admin.query('laser.apontamento.get', { id })).status).toBe('finalizado');
    expect((await laser.api.admin.query('laser.lote.list', {})).total).toBe(0);

    const lote = await laser.api.supervisor.mutate('laser.confirmar_lote', { apontamentos: [a.id, b.id, a.id] });
    expect(lote).toMatchObject({ apontamentos: [a.id, b.id], confirmado_por: 'supervisor@test.local' });
    for (const id of [a.id, b.id])
      expect(await laser.api.admin.query('laser.apontamento.get', { id })).toMatchObject({ status: 'confirmado', lote: lote.lote });
    expect((await laser.api.admin.query('laser.lote.get', { id: lote.lote })).quantidade).toBe(2);
    expect((await refusal(laser.api.supervisor.mutate('laser.confirmar_lote', { apontamentos: [a.id] }))).code).toBe('CONFLICT');
  });

  it('two terminals starting the same OF for the same operator at once: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const { operador, ordem } = await operadorComOf(laser.api.supervisor);
      const calls = await Promise.allSettled(
        Array.from({ length: 4 }, () => laser.api.operador.mutate('laser.iniciar', { ordem: ordem.id, operador_codigo: operador.codigo })),
      );
      const won = calls.filter((c) => c.status === 'fulfilled');
      const lost = calls.filter((c): c is PromiseRejectedResult => c.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((c) => (c.reason as ApiCallError).code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
      const rows = await laser.api.admin.query('laser.apontamento.list', { filter: { ordem: ordem.id } });
      expect(rows.total).toBe(1);
    }
  });
});
