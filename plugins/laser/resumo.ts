/** ApontamentoResumo: an apontamento as the shop floor sees it, with the time worked so far. */
import type { Context, ApontamentoRow, OperadorRow } from './generated/model.js';
import { formatMicros, micros, microsBetween } from './clock.js';

export type ApontamentoStatus = 'em_andamento' | 'pausado' | 'finalizado' | 'confirmado';

export interface ApontamentoResumo {
  id: number;
  ordem: number;
  ordem_numero: string;
  operador: number;
  operador_codigo: string;
  operador_nome: string;
  status: ApontamentoStatus;
  /** ISO instant. */
  data_inicio: string;
  data_fim: string | null;
  pausado_desde: string | null;
  /** `HH:MM:SS.ffffff` worked so far, pauses excluded, at `medido_em`. */
  decorrido: string;
  /** ISO server time of the measurement. */
  medido_em: string;
  version: number;
}

export const OPEN_STATUSES: ApontamentoStatus[] = ['em_andamento', 'pausado'];

/** Microseconds worked: the total once finished; else start → now minus the pauses, the running one included. */
export function workedMicros(row: ApontamentoRow, now: Date): number {
  if (row.status === 'finalizado' || row.status === 'confirmado') return micros(row.total_time);
  if (!row.data_inicio) return 0;
  const running = row.pausado_desde ? microsBetween(new Date(row.pausado_desde), now) : 0;
  return microsBetween(new Date(row.data_inicio), now) - micros(row.tempo_pausado) - running;
}

type Data = Context['data'];

export async function operadoresById(data: Data, ids: number[]): Promise<Map<number, OperadorRow>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { rows } = await data.entity('operador').list({ filter: { id: { in: unique } }, pageSize: 200 });
  return new Map(rows.map((r) => [r.id, r]));
}

export async function resumos(data: Data, rows: ApontamentoRow[], now = new Date()): Promise<ApontamentoResumo[]> {
  const operadores = await operadoresById(
    data,
    rows.map((r) => r.operador),
  );
  return rows.map((row) => {
    const op = operadores.get(row.operador);
    return {
      id: row.id,
      ordem: row.ordem,
      ordem_numero: row._display?.ordem ?? String(row.ordem),
      operador: row.operador,
      operador_codigo: op?.codigo ?? '',
      operador_nome: op?.nome ?? '',
      status: row.status ?? 'em_andamento',
      data_inicio: row.data_inicio ?? '',
      data_fim: row.data_fim,
      pausado_desde: row.pausado_desde,
      decorrido: formatMicros(workedMicros(row, now)),
      medido_em: now.toISOString(),
      version: row.version,
    };
  });
}

export async function resumo(data: Data, row: ApontamentoRow, now = new Date()): Promise<ApontamentoResumo> {
  return (await resumos(data, [row], now))[0]!;
}
