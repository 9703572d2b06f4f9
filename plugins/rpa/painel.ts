/**
 * The dashboard's numbers (rpaui's page): this month's processos per status
 * and per operadora, the month's failed executions and what runs right now.
 * Plain SQL over the module's tables with the caller's read scope, so it
 * counts exactly what the lists would show them.
 */
import { Type } from '#core';
import { defineProcedure, type Context } from './generated/model.js';
import { mesAtual } from './mesAno.js';

type SqlRow = Record<string, unknown>;

const MES_ANO = '^(0[1-9]|1[0-2])/(19|20)\\d{2}$';
const FALHAS = 20;

// Oracle upper-cases unquoted aliases and drivers differ in key case: read columns by lower-case name.
async function rows(ctx: Context, sql: string, params: unknown[]): Promise<SqlRow[]> {
  return (await ctx.data.query<SqlRow>(sql, params)).map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v])));
}

const num = (value: unknown) => Number(value ?? 0);

/** The error message an execução keeps in its `erro` JSON. */
function mensagem(erro: unknown): string | null {
  if (erro === null || erro === undefined) return null;
  const parsed = typeof erro === 'string' ? (JSON.parse(erro) as unknown) : erro;
  return typeof parsed === 'object' && parsed !== null && 'mensagem' in parsed ? String(parsed.mensagem) : JSON.stringify(parsed);
}

function firstRows(ctx: Context, n: number): string {
  return ctx.data.dialect === 'oracle' ? `FETCH FIRST ${n} ROWS ONLY` : `LIMIT ${n}`;
}

/** `FROM processo p JOIN cliente c JOIN operadora o`, and the column names of each. */
function sources(ctx: Context) {
  const d = ctx.data;
  const p = (f: Parameters<typeof d.column<'processo'>>[1]) => `p.${d.column('processo', f)}`;
  const c = (f: Parameters<typeof d.column<'cliente'>>[1]) => `c.${d.column('cliente', f)}`;
  const o = (f: Parameters<typeof d.column<'operadora'>>[1]) => `o.${d.column('operadora', f)}`;
  const e = (f: Parameters<typeof d.column<'execucao'>>[1]) => `e.${d.column('execucao', f)}`;
  const joins = `JOIN ${d.table('cliente')} c ON ${c('id')} = ${p('cliente')}
    JOIN ${d.table('operadora')} o ON ${o('id')} = ${c('operadora')}`;
  const from = `${d.table('processo')} p ${joins}`;
  const execucoes = `${d.table('execucao')} e JOIN ${d.table('processo')} p ON ${p('id')} = ${e('processo')} ${joins}`;
  return { p, c, o, e, from, execucoes };
}

export const painel = defineProcedure({
  kind: 'query',
  input: Type.Object({ mes_ano: Type.Optional(Type.String({ pattern: MES_ANO })) }, { additionalProperties: false }),
  access: { entity: 'processo', action: 'read' },
  async resolve({ input, ctx }) {
    const mes = input.mes_ano ?? mesAtual(ctx.calendar);
    const { p, c, o, e, from, execucoes } = sources(ctx);
    const scope = ctx.data.readScope('processo', 'p');
    const execScope = ctx.data.readScope('execucao', 'e');
    const porStatus = await rows(
      ctx,
      `SELECT ${p('status')} AS status, COUNT(*) AS total FROM ${from} WHERE ${p('mes_ano')} = ? AND ${scope.sql} GROUP BY ${p('status')}`,
      [mes, ...scope.params],
    );
    const porOperadora = await rows(
      ctx,
      `SELECT ${o('id')} AS operadora, ${o('codigo')} AS codigo, ${o('nome')} AS nome, ${p('status')} AS status, COUNT(*) AS total
       FROM ${from} WHERE ${p('mes_ano')} = ? AND ${scope.sql}
       GROUP BY ${o('id')}, ${o('codigo')}, ${o('nome')}, ${p('status')} ORDER BY ${o('nome')}`,
      [mes, ...scope.params],
    );
    const columns = `${e('id')} AS execucao, ${p('id')} AS processo, ${p('mes_ano')} AS mes_ano, ${c('razao_social')} AS cliente, ${o('nome')} AS operadora,
       ${e('tipo')} AS tipo, ${e('status')} AS status`;
    const falhas = await rows(
      ctx,
      `SELECT ${columns}, ${e('erro')} AS erro, ${e('fim')} AS fim FROM ${execucoes}
       WHERE ${p('mes_ano')} = ? AND ${e('status')} IN (?, ?) AND ${execScope.sql} AND ${scope.sql} ORDER BY ${e('id')} DESC ${firstRows(ctx, FALHAS)}`,
      [mes, 'FALHOU', 'TIMEOUT', ...execScope.params, ...scope.params],
    );
    const executando = await rows(
      ctx,
      `SELECT ${columns}, ${e('run')} AS run, ${e('tentativa')} AS tentativa, ${e('inicio')} AS inicio FROM ${execucoes}
       WHERE ${e('status')} = ? AND ${execScope.sql} AND ${scope.sql} ORDER BY ${e('id')}`,
      ['EXECUTANDO', ...execScope.params, ...scope.params],
    );
    const base = (r: SqlRow) => ({
      execucao: num(r.execucao),
      processo: num(r.processo),
      mes_ano: String(r.mes_ano),
      cliente: String(r.cliente),
      operadora: String(r.operadora),
      tipo: String(r.tipo),
      status: String(r.status),
    });
    return {
      mes_ano: mes,
      por_status: porStatus.map((r) => ({ status: String(r.status), total: num(r.total) })),
      por_operadora: porOperadora.map((r) => ({
        operadora: num(r.operadora),
        codigo: String(r.codigo),
        nome: String(r.nome),
        status: String(r.status),
        total: num(r.total),
      })),
      falhas: falhas.map((r) => ({ ...base(r), erro: mensagem(r.erro), fim: instante(r.fim) })),
      executando: executando.map((r) => ({ ...base(r), run: r.run === null ? null : num(r.run), tentativa: num(r.tentativa), inicio: instante(r.inicio) })),
    };
  },
});

/** A datetime column as ISO-8601 (drivers hand back Date objects or text). */
function instante(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}
