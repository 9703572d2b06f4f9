/**
 * Starting a robot run for a processo, from a button (procedures.ts) or a
 * schedule (EXECUTAR_DOWNLOADS): the checks that make a run sensible, then a
 * record job with the module's timeout, attempts and backoff (settings.ts). The platform runs
 * at most JOBS_CONCURRENCY record jobs at once; the rest wait queued.
 */
import { ConflictError, type DataAccess } from '#core';
import type { Context, Entities, Job } from './generated/model.js';
import { carregarAlvo, exigirStatus } from './alvo.js';
import type { Iniciador, TipoExecucao } from './execucoes.js';
import { DOWNLOAD } from './download.js';
import { robotRunLimits } from './settings.js';

const EM_ANDAMENTO = ['EXECUTANDO', 'TENTANDO_NOVAMENTE'];

/** Whether the newest execução of this kind is still running or about to try again. */
export async function emAndamento(data: DataAccess<Entities>, processo: number, tipo: TipoExecucao): Promise<boolean> {
  const { rows } = await data.entity('execucao').list({ filter: { processo, tipo }, sort: '-id', pageSize: 1 });
  return rows[0] !== undefined && EM_ANDAMENTO.includes(rows[0].status ?? '');
}

const JOBS = {
  DOWNLOAD_FATURA: { job: 'baixar_fatura', status: 'AGUARDANDO_DOWNLOAD', acao: 'baixar a fatura' },
  UPLOAD_SAT: { job: 'enviar_sat', status: 'AGUARDANDO_ENVIO_SAT', acao: 'enviar ao SAT' },
} as const;

export async function iniciarNoRobo(ctx: Context | Job, processoId: number, tipo: keyof typeof JOBS, iniciador: Iniciador): Promise<{ runId: number }> {
  const { job, status, acao } = JOBS[tipo];
  const { processo, operadora } = await carregarAlvo(ctx.data, processoId);
  exigirStatus(processo, status, acao);
  if (tipo === DOWNLOAD && (!operadora.possui_rpa || !operadora.ativa))
    throw new ConflictError(`A operadora ${operadora.nome} não tem robô ativo: use o upload manual da fatura`);
  if (await emAndamento(ctx.data, processoId, tipo)) throw new ConflictError(`Processo ${processo.mes_ano} já tem uma execução em andamento`);
  return ctx.jobs.start(job, { record: processoId, params: iniciador, ...robotRunLimits(ctx.settings, tipo) });
}
