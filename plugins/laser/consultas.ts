/** The shop floor's reads: an operator's queue, what runs now, an OF's apontamentos, the jobs list. */
import type { ApontamentoRow, Context, OrdemFabricacaoRow } from './generated/model.js';
import { activeOperador } from './apontamentos.js';
import { OPEN_STATUSES, resumos, workedMicros, type ApontamentoResumo } from './resumo.js';
import { formatMicros } from './clock.js';

type Data = Context['data'];

/** Queue statuses: OFs still to cut. */
const IN_QUEUE: OrdemFabricacaoRow['status'][] = ['aberta', 'em_producao'];
const MAX_ROWS = 200;

/** An OF as the shop floor lists it. */
export interface OfResumo {
  id: number;
  numero: string;
  produto: string;
  material: string | null;
  espessura: string | null;
  quantidade: number;
  sequencia: number | null;
  status: OrdemFabricacaoRow['status'];
  tem_step: boolean;
}

export interface ItemFila extends OfResumo {
  apontamento: ApontamentoResumo | null;
}

function ofResumo(o: OrdemFabricacaoRow): OfResumo {
  return {
    id: o.id,
    numero: o.numero,
    produto: o.produto,
    material: o.material,
    espessura: o.espessura,
    quantidade: o.quantidade,
    sequencia: o.sequencia,
    status: o.status,
    tem_step: !!o.arquivo_step,
  };
}

export interface Sequenciamento {
  operador: { id: number; codigo: string; nome: string };
  fila: ItemFila[];
  em_execucao: ApontamentoResumo | null;
}

/** Nulls last, then by number: an OF without a position waits behind the sequenced ones. */
function queueOrder(a: OrdemFabricacaoRow, b: OrdemFabricacaoRow): number {
  const sa = a.sequencia ?? Number.MAX_SAFE_INTEGER;
  const sb = b.sequencia ?? Number.MAX_SAFE_INTEGER;
  return sa - sb || a.numero.localeCompare(b.numero);
}

export async function sequenciamento(ctx: Context, operadorCodigo: string): Promise<Sequenciamento> {
  const data = ctx.data;
  const now = new Date();
  const operador = await activeOperador(data, operadorCodigo);
  const ordens = await data
    .entity('ordem_fabricacao')
    .list({ filter: { operador: operador.id, status: { in: IN_QUEUE } }, sort: 'sequencia', pageSize: MAX_ROWS });
  const open = await data.entity('apontamento').list({ filter: { operador: operador.id, status: { in: OPEN_STATUSES } }, sort: '-id', pageSize: MAX_ROWS });
  const summaries = await resumos(data, open.rows, now);
  const byOrdem = new Map<number, ApontamentoResumo>();
  for (const s of summaries) if (!byOrdem.has(s.ordem)) byOrdem.set(s.ordem, s);
  const fila = [...ordens.rows].sort(queueOrder).map((o) => ({ ...ofResumo(o), apontamento: byOrdem.get(o.id) ?? null }));
  // The running one first; a paused one when nothing runs.
  const emExecucao = summaries.find((s) => s.status === 'em_andamento') ?? summaries.find((s) => s.status === 'pausado') ?? null;
  return { operador: { id: operador.id, codigo: operador.codigo, nome: operador.nome }, fila, em_execucao: emExecucao };
}

export async function emMaquina(data: Data): Promise<ApontamentoResumo[]> {
  const { rows } = await data.entity('apontamento').list({ filter: { status: { in: OPEN_STATUSES } }, sort: 'data_inicio', pageSize: MAX_ROWS });
  return resumos(data, rows);
}

export async function apontamentosDaOf(data: Data, ordem: number): Promise<ApontamentoResumo[]> {
  await data.entity('ordem_fabricacao').get(ordem);
  const { rows } = await data.entity('apontamento').list({ filter: { ordem }, sort: 'data_inicio', pageSize: MAX_ROWS });
  return resumos(data, rows);
}

export interface Job extends OfResumo {
  operador: number | null;
  operador_nome: string | null;
  apontamentos: number;
  quantidade_produzida: number;
  /** `HH:MM:SS.ffffff` worked on the OF so far: finished apontamentos plus the running ones up to now, pauses excluded. */
  tempo_trabalhado: string;
}

/** The laser jobs: every OF (newest first, or those of `status`) with what was worked on it so far. */
export async function jobs(data: Data, status?: OrdemFabricacaoRow['status'][]): Promise<Job[]> {
  const now = new Date();
  const ordens = await data.entity('ordem_fabricacao').list({ filter: status ? { status: { in: status } } : {}, sort: '-id', pageSize: MAX_ROWS });
  const ids = ordens.rows.map((o) => o.id);
  const apontamentos: ApontamentoRow[] = ids.length ? (await data.entity('apontamento').list({ filter: { ordem: { in: ids } }, pageSize: 10_000 })).rows : [];
  const worked = new Map<number, { count: number; produced: number; micros: number }>();
  for (const a of apontamentos) {
    const w = worked.get(a.ordem) ?? { count: 0, produced: 0, micros: 0 };
    w.count += 1;
    w.produced += a.quantidade_produzida ?? 0;
    w.micros += workedMicros(a, now);
    worked.set(a.ordem, w);
  }
  return ordens.rows.map((o) => {
    const w = worked.get(o.id);
    return {
      ...ofResumo(o),
      operador: o.operador,
      operador_nome: o._display?.operador ?? null,
      apontamentos: w?.count ?? 0,
      quantidade_produzida: w?.produced ?? 0,
      tempo_trabalhado: formatMicros(w?.micros ?? 0),
    };
  });
}
