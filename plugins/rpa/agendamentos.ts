/**
 * The module's schedules (manifest `schedules`), the seed's "agendamentos":
 * CRIAR_PROCESSOS_MENSAIS, EXECUTAR_DOWNLOADS and LIMPEZA_LOGS.
 */
import { ConflictError, Type } from '#core';
import { defineJob } from './generated/model.js';
import { criarProcessosMensais } from './processosMensais.js';
import { iniciarNoRobo } from './iniciar.js';
import { listAll } from './listAll.js';
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
 * Starts a download for each processo of the month still waiting for its
 * invoice, at most `limite`. Each is a record job of its own: the platform
 * runs a bounded number at once (JOBS_CONCURRENCY) and queues the rest.
 * Processos that cannot start now (no robot for the operadora, a run already
 * going) are skipped and counted.
 */
export const executarDownloadsJob = defineJob({
  label: 'Executar downloads',
  params: Type.Object(
    { mes_ano: Type.Optional(Type.String({ pattern: MES_ANO, description: 'Default: this month.' })), limite: Type.Integer({ minimum: 1, maximum: 5000 }) },
    closed,
  ),
  async run({ ctx, params, log }) {
    const mes = params.mes_ano ?? mesAtual(ctx.calendar);
    const pendentes = await listAll(ctx.data.entity('processo'), { filter: { status: 'AGUARDANDO_DOWNLOAD', mes_ano: mes }, sort: 'id' });
    let [iniciados, ignorados] = [0, 0];
    for (const processo of pendentes.slice(0, params.limite)) {
      try {
        const { runId } = await iniciarNoRobo(ctx, processo.id, 'DOWNLOAD_FATURA', {});
        iniciados++;
        log(`Download do processo ${processo.id} (${processo._display?.cliente ?? processo.cliente}) iniciado: run ${runId}`);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        ignorados++;
        log(`Processo ${processo.id} ignorado: ${error.message}`);
      }
    }
    return `${mes}: ${iniciados} download(s) iniciado(s), ${ignorados} ignorado(s), ${Math.max(0, pendentes.length - params.limite)} além do limite`;
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
