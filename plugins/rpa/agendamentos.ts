/**
 * The module's schedules (manifest `schedules`), the seed's "agendamentos":
 * CRIAR_PROCESSOS_MENSAIS and LIMPEZA_LOGS. (EXECUTAR_DOWNLOADS lives with
 * the download job it starts, in download.ts.)
 */
import { Type } from '#core';
import { defineJob } from './generated/model.js';
import { criarProcessosMensais } from './processosMensais.js';
import { mesAtual } from './mesAno.js';

const closed = { additionalProperties: false } as const;
const MES_ANO = '^(0[1-9]|1[0-2])/(19|20)\\d{2}$';
const DAY_MS = 24 * 60 * 60 * 1000;

export const criarProcessosMensaisJob = defineJob({
  label: 'Criar processos mensais',
  params: Type.Object({ mes_ano: Type.Optional(Type.String({ pattern: MES_ANO, description: 'Default: this month.' })) }, closed),
  async run({ ctx, params, log }) {
    const r = await criarProcessosMensais(ctx.data, params.mes_ano ?? mesAtual(ctx.calendar), log);
    return `${r.mes_ano}: ${r.criados} processo(s) criado(s), ${r.existentes} já existia(m)`;
  },
});

/**
 * Empties the log text of execuções that ended more than `dias` days ago (the
 * rows, their status and error stay). Housekeeping straight in SQL: no audit
 * entry per row, as for the platform's own cleanup.
 */
export const limpezaLogsJob = defineJob({
  label: 'Limpeza de logs',
  params: Type.Object({ dias: Type.Integer({ minimum: 1, maximum: 3650 }) }, closed),
  async run({ ctx, params }) {
    const d = ctx.data;
    const [table, log, fim] = [d.table('execucao'), d.column('execucao', 'log'), d.column('execucao', 'fim')];
    const cutoff = new Date(Date.now() - params.dias * DAY_MS);
    const [{ n }] = (await d.query<{ n: number }>(`SELECT COUNT(*) AS "n" FROM ${table} WHERE ${fim} < ? AND ${log} IS NOT NULL`, [cutoff])) as [{ n: number }];
    await d.query(`UPDATE ${table} SET ${log} = NULL WHERE ${fim} < ? AND ${log} IS NOT NULL`, [cutoff]);
    return `${Number(n)} log(s) de execuções encerradas antes de ${cutoff.toISOString().slice(0, 10)} apagado(s)`;
  },
});
