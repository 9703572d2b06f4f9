/**
 * DOWNLOAD_FATURA: a record job per processo. Each attempt (tentativa.ts)
 * asks the operadora's robot for the month's invoice and, once it completes,
 * stores the PDF in the processo's `fatura` (object storage, streamed), sets
 * vencimento and valor and moves the processo to AGUARDANDO_APROVACAO. A
 * failed attempt is retried with backoff; the last one ends FALHOU or TIMEOUT.
 */
import { defineJob, type Job } from './generated/model.js';
import { carregarAlvo, type Alvo } from './alvo.js';
import { INICIADOR, type TipoExecucao } from './execucoes.js';
import { robotClient, type DownloadPayload, type DownloadResult } from './robot/client.js';
import { desfecho, ROBOT_JOB_LIMITS, tentarNoRobo } from './tentativa.js';

export const DOWNLOAD: TipoExecucao = 'DOWNLOAD_FATURA';

function downloadPayload({ processo, cliente }: Alvo, senha: string | null): DownloadPayload {
  return {
    cnpj: cliente.cnpj,
    login: cliente.login_portal ?? '',
    senha: senha ?? '',
    ...(cliente.cpf ? { cpf: cliente.cpf } : {}),
    mes_ano: processo.mes_ano,
    unidade: cliente.unidade ?? '',
    servico: cliente.servico ?? '',
    filtro: cliente.filtro ?? '',
  };
}

/** Stores the invoice of a completed robot job in the processo and hands it on to approval. */
async function guardarFatura(ctx: Job, processo: number, result: DownloadResult, signal: AbortSignal): Promise<void> {
  const arquivo = await robotClient(ctx.integration('robot')).arquivo(result.arquivo, signal);
  await ctx.files.attach({ entity: 'processo', id: processo, field: 'fatura', name: result.nome_arquivo, type: 'application/pdf', body: arquivo.body });
  await ctx.data.entity('processo').update(processo, { vencimento: result.data_vencimento, valor: result.valor, upload_manual: false });
  await ctx.data.entity('processo').transition(processo, 'receber_fatura');
}

export const baixarFaturaJob = defineJob({
  label: 'Baixar fatura',
  record: 'processo',
  params: INICIADOR,
  ...ROBOT_JOB_LIMITS,
  async run({ ctx, params, run, log, signal }) {
    const alvo = await carregarAlvo(ctx.data, run.record!.id);
    if (alvo.processo.status !== 'AGUARDANDO_DOWNLOAD') return `Processo ${alvo.processo.mes_ano} já não aguarda download: nada a fazer`;
    const payload = downloadPayload(alvo, await ctx.data.entity('cliente').readSecret(alvo.cliente.id, 'senha_portal'));
    // The password travels to the robot only, never into the execução.
    const { senha: _senha, ...parametros } = payload;
    return tentarNoRobo({
      ctx,
      alvo,
      tipo: DOWNLOAD,
      run,
      iniciador: params,
      log,
      signal,
      parametros,
      contador: 'tentativas_download',
      iniciar: (robot) => robot.executarDownload(alvo.operadora.codigo, payload, signal),
      async concluir(job, linhas) {
        const result = job.result as unknown as DownloadResult;
        await guardarFatura(ctx, alvo.processo.id, result, signal);
        linhas.add(`Fatura ${result.nome_arquivo} guardada: vencimento ${result.data_vencimento}, valor ${result.valor}`);
        return `Fatura ${result.nome_arquivo} baixada; processo aguardando aprovação`;
      },
    });
  },
  onOutcome: desfecho(DOWNLOAD),
});
