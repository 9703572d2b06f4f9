/**
 * The apontamento rules: start, pause, resume, finish, direct submit and
 * batch confirmation. Each runs in one transaction; every write goes through
 * ctx.data.entity (audit, live updates) with the version it read, so two
 * terminals acting on the same OF or apontamento at once cannot both win:
 * the second one's write is stale and answers CONFLICT.
 */
import { ConflictError, NotFoundError, ValidationError } from '#core';
import type { ApontamentoRow, Context, OperadorRow, OrdemFabricacaoRow } from './generated/model.js';
import { asLaserProcedure } from './writeGuard.js';
import { formatMicros, instantOf, micros, microsBetween } from './clock.js';
import { OPEN_STATUSES, resumo, type ApontamentoResumo } from './resumo.js';

type Data = Context['data'];

/** Status words as they read in a sentence ("a OF está concluída"). */
const STATUS_DA_OF: Record<NonNullable<OrdemFabricacaoRow['status']>, string> = {
  aberta: 'aberta',
  em_producao: 'em produção',
  concluida: 'concluída',
  cancelada: 'cancelada',
};
const STATUS_DO_APONTAMENTO: Record<NonNullable<ApontamentoRow['status']>, string> = {
  em_andamento: 'em andamento',
  pausado: 'pausado',
  finalizado: 'finalizado',
  confirmado: 'confirmado',
};

/** Runs the rules of one request in a transaction, past the write guard. */
export function inTransaction<T>(ctx: Context, work: (data: Data) => Promise<T>): Promise<T> {
  return asLaserProcedure(() => ctx.data.transaction(work));
}

export async function operadorPorCodigo(data: Data, codigo: string): Promise<OperadorRow> {
  const { rows } = await data.entity('operador').list({ filter: { codigo }, pageSize: 1 });
  if (!rows[0]) throw new NotFoundError(`Operador "${codigo}" não encontrado`);
  return rows[0];
}

/** The operator by code, refused with CONFLICT while inactive: they exist, but may not work (nor see a queue). */
export async function activeOperador(data: Data, codigo: string): Promise<OperadorRow> {
  const operador = await operadorPorCodigo(data, codigo);
  if (operador.ativo === false) throw new ConflictError(`Operador "${codigo}" está inativo`);
  return operador;
}

async function ordemAberta(data: Data, id: number): Promise<OrdemFabricacaoRow> {
  const ordem = await data.entity('ordem_fabricacao').get(id);
  if (ordem.status === 'concluida' || ordem.status === 'cancelada') throw new ConflictError(`OF ${ordem.numero} está ${STATUS_DA_OF[ordem.status]}`);
  return ordem;
}

async function openOf(data: Data, operador: number, ordem?: number): Promise<ApontamentoRow[]> {
  const filter: Record<string, unknown> = { operador, status: { in: OPEN_STATUSES } };
  if (ordem !== undefined) filter.ordem = ordem;
  return (await data.entity('apontamento').list({ filter, sort: '-id', pageSize: 50 })).rows;
}

export async function iniciar(ctx: Context, input: { ordem: number; operador_codigo: string }): Promise<ApontamentoResumo> {
  return inTransaction(ctx, async (data) => {
    const now = new Date();
    const operador = await activeOperador(data, input.operador_codigo);
    const ordem = await ordemAberta(data, input.ordem);
    if ((await openOf(data, operador.id, ordem.id)).length > 0)
      throw new ConflictError(`Operador ${operador.codigo} já está com a OF ${ordem.numero} em execução`);
    // Written with the version just read: of two terminals starting this OF at once, the second is stale.
    await data.entity('ordem_fabricacao').update(ordem.id, { status: 'em_producao', iniciado_em: now.toISOString() }, ordem.version);
    const created = await data.entity('apontamento').create({
      ordem: ordem.id,
      operador: operador.id,
      data_inicio: now.toISOString(),
      dia: ctx.calendar.today(now),
      tempo_pausado: formatMicros(0),
      status: 'em_andamento',
      direto: false,
    });
    return resumo(data, created, now);
  });
}

async function apontamentoNoEstado(data: Data, id: number, allowed: ApontamentoRow['status'][], acao: string): Promise<ApontamentoRow> {
  const row = await data.entity('apontamento').get(id);
  if (!allowed.includes(row.status))
    throw new ConflictError(`Apontamento ${id} está ${row.status ? STATUS_DO_APONTAMENTO[row.status] : 'sem status'}: não é possível ${acao}`);
  return row;
}

export async function pausar(ctx: Context, id: number): Promise<ApontamentoResumo> {
  return inTransaction(ctx, async (data) => {
    const now = new Date();
    const row = await apontamentoNoEstado(data, id, ['em_andamento'], 'pausá-lo');
    const updated = await data.entity('apontamento').update(id, { status: 'pausado', pausado_desde: now.toISOString() }, row.version);
    await data.entity('pausa').create({ apontamento: id, inicio: now.toISOString() });
    return resumo(data, updated, now);
  });
}

/** Ends the running pause of `row` at `now`: its time joins tempo_pausado and its pausa row gets its end. */
async function closePause(data: Data, row: ApontamentoRow, now: Date): Promise<{ tempo_pausado: string; pausado_desde: null }> {
  const paused = micros(row.tempo_pausado) + microsBetween(new Date(row.pausado_desde!), now);
  const { rows } = await data.entity('pausa').list({ filter: { apontamento: row.id, fim: { isNull: true } }, sort: '-id', pageSize: 1 });
  if (rows[0]) await data.entity('pausa').update(rows[0].id, { fim: now.toISOString() }, rows[0].version);
  return { tempo_pausado: formatMicros(paused), pausado_desde: null };
}

export async function retomar(ctx: Context, id: number): Promise<ApontamentoResumo> {
  return inTransaction(ctx, async (data) => {
    const now = new Date();
    const row = await apontamentoNoEstado(data, id, ['pausado'], 'retomá-lo');
    const pause = await closePause(data, row, now);
    const updated = await data.entity('apontamento').update(id, { ...pause, status: 'em_andamento' }, row.version);
    return resumo(data, updated, now);
  });
}

export interface Finalizacao {
  apontamento: number;
  quantidade_produzida: number;
  quantidade_refugo?: number;
}

export async function finalizar(ctx: Context, input: Finalizacao): Promise<ApontamentoResumo> {
  return inTransaction(ctx, async (data) => {
    const now = new Date();
    const row = await apontamentoNoEstado(data, input.apontamento, OPEN_STATUSES, 'finalizá-lo');
    const pause = row.status === 'pausado' ? await closePause(data, row, now) : { tempo_pausado: row.tempo_pausado ?? formatMicros(0) };
    const total = microsBetween(new Date(row.data_inicio!), now) - micros(pause.tempo_pausado);
    const updated = await data.entity('apontamento').update(
      row.id,
      {
        ...pause,
        status: 'finalizado',
        data_fim: now.toISOString(),
        total_time: formatMicros(total),
        quantidade_produzida: input.quantidade_produzida,
        quantidade_refugo: input.quantidade_refugo ?? 0,
      },
      row.version,
    );
    await settleOrdem(data, row.ordem);
    return resumo(data, updated, now);
  });
}

/** After a finish: the OF is concluded once what was produced reaches its quantity, back in the queue when nobody runs it. */
async function settleOrdem(data: Data, ordemId: number): Promise<void> {
  const ordem = await data.entity('ordem_fabricacao').get(ordemId);
  const { rows } = await data.entity('apontamento').list({ filter: { ordem: ordemId }, pageSize: 200 });
  const produced = rows.filter((r) => r.status === 'finalizado' || r.status === 'confirmado').reduce((sum, r) => sum + (r.quantidade_produzida ?? 0), 0);
  const running = rows.some((r) => r.status === 'em_andamento' || r.status === 'pausado');
  const status = produced >= ordem.quantidade ? 'concluida' : running ? 'em_producao' : 'aberta';
  if (status !== ordem.status) await data.entity('ordem_fabricacao').update(ordemId, { status }, ordem.version);
}

export interface ApontamentoDireto {
  ordem: number;
  operador_codigo: string;
  /** `YYYY-MM-DD HH:MM:SS` in the business time zone. */
  data_inicio: string;
  data_fim: string;
  /** Pauses inside the period, `HH:MM:SS[.ffffff]`. */
  tempo_pausado?: string;
  quantidade_produzida: number;
  quantidade_refugo?: number;
}

/** A finished apontamento submitted whole (start and end typed in), e.g. after a terminal was offline. */
export async function apontamentoDireto(ctx: Context, input: ApontamentoDireto): Promise<ApontamentoResumo> {
  const inicio = instantOf(ctx.calendar, input.data_inicio, 'data_inicio');
  const fim = instantOf(ctx.calendar, input.data_fim, 'data_fim');
  if (fim.getTime() <= inicio.getTime()) throw ValidationError.field('data_fim', 'deve ser posterior a data_inicio');
  const paused = micros(input.tempo_pausado);
  const total = microsBetween(inicio, fim) - paused;
  if (total < 0) throw ValidationError.field('tempo_pausado', 'é maior que o período de data_inicio a data_fim');
  if (fim.getTime() > Date.now()) throw ValidationError.field('data_fim', 'está no futuro');
  return inTransaction(ctx, async (data) => {
    const operador = await activeOperador(data, input.operador_codigo);
    const ordem = await ordemAberta(data, input.ordem);
    const created = await data.entity('apontamento').create({
      ordem: ordem.id,
      operador: operador.id,
      data_inicio: inicio.toISOString(),
      data_fim: fim.toISOString(),
      dia: ctx.calendar.today(inicio),
      tempo_pausado: formatMicros(paused),
      total_time: formatMicros(total),
      quantidade_produzida: input.quantidade_produzida,
      quantidade_refugo: input.quantidade_refugo ?? 0,
      status: 'finalizado',
      direto: true,
    });
    await settleOrdem(data, ordem.id);
    return resumo(data, created);
  });
}

export interface LoteConfirmado {
  lote: number;
  confirmado_em: string;
  confirmado_por: string;
  apontamentos: number[];
}

/** Confirms finished apontamentos as one batch: all of them or, when any is missing or not finished, none. */
export async function confirmarLote(ctx: Context, ids: number[]): Promise<LoteConfirmado> {
  const unique = [...new Set(ids)];
  return inTransaction(ctx, async (data) => {
    const now = new Date().toISOString();
    const rows: ApontamentoRow[] = [];
    for (const id of unique) rows.push(await data.entity('apontamento').get(id));
    const notFinished = rows.filter((r) => r.status !== 'finalizado').map((r) => `${r.id} (${r.status ?? 'sem status'})`);
    if (notFinished.length) throw new ConflictError(`Só apontamentos finalizados podem ser confirmados; não finalizados: ${notFinished.join(', ')}`);
    const lote = await data.entity('lote').create({ confirmado_em: now, confirmado_por: ctx.user.email, quantidade: rows.length });
    for (const row of rows) await data.entity('apontamento').update(row.id, { status: 'confirmado', lote: lote.id }, row.version);
    return { lote: lote.id, confirmado_em: now, confirmado_por: ctx.user.email, apontamentos: rows.map((r) => r.id) };
  });
}
