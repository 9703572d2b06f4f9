/**
 * Time per OF, operator or day, summed by the database (GROUP BY, SUM of
 * total_time in microseconds). Names come from ctx.data, never literals, so
 * the report keeps working when the entities are mapped onto existing
 * tables; the caller's read scope is part of the WHERE.
 */
import type { Context } from './generated/model.js';
import { formatMicros } from './clock.js';

export type Agrupamento = 'ordem' | 'operador' | 'dia';

export interface LinhaRelatorio {
  /** OF id, operator id, or the day `YYYY-MM-DD`. */
  chave: string;
  /** OF number, operator name, or the day. */
  rotulo: string;
  apontamentos: number;
  quantidade_produzida: number;
  quantidade_refugo: number;
  total_time: string;
  /** The exact sum in microseconds, as a decimal integer text. */
  total_micros: string;
}

export interface Relatorio {
  de: string;
  ate: string;
  agrupar: Agrupamento;
  linhas: LinhaRelatorio[];
  total_time: string;
  total_micros: string;
}

type SqlRow = Record<string, unknown>;

function lowerKeys(row: SqlRow): SqlRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The grouping key and label of each grouping, with the join it needs. */
function grouping(ctx: Context, agrupar: Agrupamento): { key: string; label: string; join: string } {
  const d = ctx.data;
  const col = (alias: string, field: string) => `${alias}.${field}`;
  if (agrupar === 'dia') {
    const day = d.sql.dayOf(col('a', d.column('apontamento', 'dia')));
    return { key: day, label: day, join: '' };
  }
  if (agrupar === 'ordem') {
    return {
      key: col('a', d.column('apontamento', 'ordem')),
      label: col('g', d.column('ordem_fabricacao', 'numero')),
      join: `JOIN ${d.table('ordem_fabricacao')} g ON g.${d.column('ordem_fabricacao', 'id')} = a.${d.column('apontamento', 'ordem')}`,
    };
  }
  return {
    key: col('a', d.column('apontamento', 'operador')),
    label: col('g', d.column('operador', 'nome')),
    join: `JOIN ${d.table('operador')} g ON g.${d.column('operador', 'id')} = a.${d.column('apontamento', 'operador')}`,
  };
}

export async function relatorioTempo(ctx: Context, input: { de: string; ate: string; agrupar: Agrupamento }): Promise<Relatorio> {
  const d = ctx.data;
  const a = (field: Parameters<typeof d.column<'apontamento'>>[1]) => `a.${d.column('apontamento', field)}`;
  const g = grouping(ctx, input.agrupar);
  const scope = d.readScope('apontamento', 'a');
  const sql = `SELECT ${g.key} AS chave, ${g.label} AS rotulo, COUNT(*) AS apontamentos,
      COALESCE(SUM(${a('quantidade_produzida')}), 0) AS produzida, COALESCE(SUM(${a('quantidade_refugo')}), 0) AS refugo,
      COALESCE(SUM(${a('total_time')}), 0) AS total
    FROM ${d.table('apontamento')} a ${g.join}
    WHERE ${scope.sql} AND ${a('status')} IN (?, ?) AND ${a('dia')} >= ? AND ${a('dia')} <= ?
    GROUP BY ${g.key}, ${g.label}
    ORDER BY ${g.key}`;
  const rows = (await d.query<SqlRow>(sql, [...scope.params, 'finalizado', 'confirmado', input.de, input.ate])).map(lowerKeys);
  let sum = 0n;
  const linhas = rows.map((r) => {
    const total = BigInt(String(r.total));
    sum += total;
    return {
      chave: String(r.chave),
      rotulo: String(r.rotulo),
      apontamentos: Number(r.apontamentos),
      quantidade_produzida: Number(r.produzida),
      quantidade_refugo: Number(r.refugo),
      total_time: formatMicros(Number(total)),
      total_micros: total.toString(),
    };
  });
  return { de: input.de, ate: input.ate, agrupar: input.agrupar, linhas, total_time: formatMicros(Number(sum)), total_micros: sum.toString() };
}
