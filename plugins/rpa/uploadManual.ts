/**
 * Manual upload of a processo's invoice (the seed's "upload manual"): the
 * PDF's bytes as the request body → object storage through ctx.files.attach
 * (the upload's type, size and name checks; as the caller, so their
 * permission counts), the processo marked upload manual and moved to
 * AGUARDANDO_APROVACAO, and an UPLOAD_MANUAL execução CONCLUIDO recording who sent it.
 */
import { ConflictError, Type, type Row } from '#core';
import { defineRoute, type Context, type ProcessoRow } from './generated/model.js';
import { comoModulo } from './somenteModulo.js';
import { exigirStatus } from './alvo.js';
import { abrirExecucao, iniciadorDe } from './execucoes.js';
import { emAndamento } from './iniciar.js';
import { DOWNLOAD } from './download.js';

export const uploadManual = defineRoute({
  method: 'POST',
  path: '/processos/:id/fatura',
  status: 201,
  body: 'stream',
  access: { entity: 'processo', action: 'update' },
  input: Type.Object({ id: Type.Integer({ minimum: 1 }), nome: Type.String({ minLength: 1, maxLength: 255 }) }, { additionalProperties: false }),
  async resolve({ input, ctx, body }) {
    const processo = await ctx.data.entity('processo').get(input.id);
    if (processo.status !== 'AGUARDANDO_APROVACAO') exigirStatus(processo, 'AGUARDANDO_DOWNLOAD', 'receber uma fatura');
    if (await emAndamento(ctx.data, processo.id, DOWNLOAD))
      throw new ConflictError(`Processo ${processo.mes_ano} tem um download em andamento: cancele-o antes`);
    const inicio = new Date().toISOString();
    const anexado = await ctx.files.attach({ entity: 'processo', id: processo.id, field: 'fatura', name: input.nome, type: 'application/pdf', body: body! });
    return comoModulo(() => registrar(ctx, processo, input.nome, inicio, anexado));
  },
});

/** In one transaction: the processo marked and moved on, the UPLOAD_MANUAL execução of who sent it. */
function registrar(ctx: Context, processo: ProcessoRow, nome: string, inicio: string, anexado: Row) {
  return ctx.data.transaction(async (data) => {
    await data.entity('processo').update(processo.id, { upload_manual: true });
    if (processo.status === 'AGUARDANDO_DOWNLOAD') await data.entity('processo').transition(processo.id, 'receber_fatura');
    const arquivo = (anexado._files as { fatura?: unknown } | undefined)?.fatura;
    const execucao = await abrirExecucao(data, {
      processo: processo.id,
      tipo: 'UPLOAD_MANUAL',
      iniciador: iniciadorDe(ctx),
      parametros: { nome_arquivo: nome },
    });
    await data.entity('execucao').update(execucao.id, { status: 'CONCLUIDO', inicio, fim: new Date().toISOString(), resultado: arquivo ?? null });
    return data.entity('processo').get(processo.id);
  });
}
