/**
 * The module's procedures (`rpa.<name>`): the processo's robot buttons
 * (manifest `actions`), cancelling an execução, and the dashboard's numbers.
 */
import { Type } from '#core';
import { defineProcedure } from './generated/model.js';
import { iniciadorDe } from './execucoes.js';
import { iniciarNoRobo } from './iniciar.js';
import { painel } from './painel.js';

const byId = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
/** Who may edit processos may start their robots (administradores and operadores; approval is the workflow's). */
const OPERAR = { entity: 'processo', action: 'update' } as const;

export const procedures = {
  baixar_fatura: defineProcedure({
    kind: 'mutation',
    input: byId,
    access: OPERAR,
    resolve: ({ input, ctx }) => iniciarNoRobo(ctx, input.id, 'DOWNLOAD_FATURA', iniciadorDe(ctx)),
  }),
  enviar_sat: defineProcedure({
    kind: 'mutation',
    input: byId,
    access: OPERAR,
    resolve: ({ input, ctx }) => iniciarNoRobo(ctx, input.id, 'UPLOAD_SAT', iniciadorDe(ctx)),
  }),
  cancelar_execucao: defineProcedure({
    kind: 'mutation',
    input: byId,
    access: OPERAR,
    async resolve({ input, ctx }) {
      const execucao = await ctx.data.entity('execucao').get(input.id);
      if (execucao.run === null || !['EXECUTANDO', 'TENTANDO_NOVAMENTE'].includes(execucao.status ?? '')) return { cancelled: false };
      // Checks the caller may change the processo, as starting its run did.
      await ctx.data.entity('processo').get(execucao.processo);
      await ctx.jobs.cancel(execucao.run);
      return { cancelled: true };
    },
  }),
  painel,
};

export type RpaProcedures = typeof procedures;
