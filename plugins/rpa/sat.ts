/**
 * UPLOAD_SAT: a record job per approved processo. Each attempt (tentativa.ts)
 * sends the robot the seed's payload (cnpj, razao, operadora, nome_filtro,
 * unidade, servico, dados_sat, nome_arquivo, data_vencimento) and, once it
 * completes, moves the processo to UPLOAD_REALIZADO (enviado ao SAT, em).
 * Retries and final statuses as for the download.
 */
import { defineJob } from './generated/model.js';
import type { Alvo } from './alvo.js';
import { carregarAlvo } from './alvo.js';
import { INICIADOR, type TipoExecucao } from './execucoes.js';
import type { SatPayload } from './robot/client.js';
import { desfecho, ROBOT_JOB_LIMITS, tentarNoRobo } from './tentativa.js';

export const UPLOAD_SAT: TipoExecucao = 'UPLOAD_SAT';

export function satPayload({ processo, cliente, operadora }: Alvo): SatPayload {
  return {
    cnpj: cliente.cnpj,
    razao: cliente.razao_social,
    operadora: operadora.codigo,
    nome_filtro: cliente.filtro ?? '',
    unidade: cliente.unidade ?? '',
    servico: cliente.servico ?? '',
    dados_sat: cliente.dados_sat ?? '',
    nome_arquivo: processo._files?.fatura?.name ?? '',
    data_vencimento: processo.vencimento ?? '',
  };
}

export const enviarSatJob = defineJob({
  label: 'Enviar fatura ao SAT',
  record: 'processo',
  params: INICIADOR,
  ...ROBOT_JOB_LIMITS,
  async run({ ctx, params, run, log, signal }) {
    const alvo = await carregarAlvo(ctx.data, run.record!.id);
    if (alvo.processo.status !== 'AGUARDANDO_ENVIO_SAT') return `Processo ${alvo.processo.mes_ano} já não aguarda envio ao SAT: nada a fazer`;
    const payload = satPayload(alvo);
    return tentarNoRobo({
      ctx,
      alvo,
      tipo: UPLOAD_SAT,
      run,
      iniciador: params,
      log,
      signal,
      parametros: payload,
      contador: 'tentativas_upload',
      iniciar: (robot) => robot.executarSat(payload, signal),
      async concluir() {
        await ctx.data.entity('processo').transition(alvo.processo.id, 'registrar_envio_sat');
        return `Fatura ${payload.nome_arquivo} enviada ao SAT`;
      },
    });
  },
  onOutcome: desfecho(UPLOAD_SAT),
});
