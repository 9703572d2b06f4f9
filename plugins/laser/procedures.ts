/**
 * The laser module's procedures (`laser.<name>`), the shop-floor page's API;
 * the legacy REST endpoints (routes.ts) are thin adapters over the same functions.
 */
import { Type, duration, type ProcedureAccess } from '#core';
import { defineProcedure } from './generated/model.js';
import { apontamentoDireto, confirmarLote, finalizar, iniciar, operadorPorCodigo, pausar, retomar } from './apontamentos.js';
import { apontamentosDaOf, emMaquina, jobs, sequenciamento } from './consultas.js';
import { relatorioTempo, type Agrupamento } from './relatorio.js';
import { WALL_CLOCK_PATTERN } from './clock.js';

/** Terminals (operador) and supervisors work the shop floor; admin always may. */
export const SHOP_FLOOR: ProcedureAccess = { roles: ['operador', 'supervisor'] };
export const SUPERVISOR: ProcedureAccess = { roles: ['supervisor'] };

const closed = { additionalProperties: false } as const;
const id = (description: string) => Type.Integer({ minimum: 1, description });
const codigo = Type.String({ minLength: 1, maxLength: 32 });
const quantidade = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const wallClock = Type.String({ pattern: WALL_CLOCK_PATTERN, description: 'YYYY-MM-DD HH:MM:SS in the business time zone (TIME_ZONE)' });
const day = Type.String({ format: 'date' });
const ordemStatus = Type.Union([Type.Literal('aberta'), Type.Literal('em_producao'), Type.Literal('concluida'), Type.Literal('cancelada')]);

export const procedures = {
  sequenciamento: defineProcedure({
    kind: 'query',
    input: Type.Object({ operador_codigo: codigo }, closed),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => sequenciamento(ctx, input.operador_codigo),
  }),
  iniciar: defineProcedure({
    kind: 'mutation',
    input: Type.Object({ ordem: id('OF id'), operador_codigo: codigo }, closed),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => iniciar(ctx, input),
  }),
  pausar: defineProcedure({
    kind: 'mutation',
    input: Type.Object({ apontamento: id('apontamento id') }, closed),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => pausar(ctx, input.apontamento),
  }),
  retomar: defineProcedure({
    kind: 'mutation',
    input: Type.Object({ apontamento: id('apontamento id') }, closed),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => retomar(ctx, input.apontamento),
  }),
  finalizar: defineProcedure({
    kind: 'mutation',
    input: Type.Object({ apontamento: id('apontamento id'), quantidade_produzida: quantidade, quantidade_refugo: Type.Optional(quantidade) }, closed),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => finalizar(ctx, input),
  }),
  em_maquina: defineProcedure({
    kind: 'query',
    input: Type.Object({}, closed),
    access: SHOP_FLOOR,
    resolve: ({ ctx }) => emMaquina(ctx.data),
  }),
  apontamento_direto: defineProcedure({
    kind: 'mutation',
    input: Type.Object(
      {
        ordem: id('OF id'),
        operador_codigo: codigo,
        data_inicio: wallClock,
        data_fim: wallClock,
        tempo_pausado: Type.Optional(Type.String({ pattern: duration.DURATION_PATTERN })),
        quantidade_produzida: quantidade,
        quantidade_refugo: Type.Optional(quantidade),
      },
      closed,
    ),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => apontamentoDireto(ctx, input),
  }),
  apontamentos_da_of: defineProcedure({
    kind: 'query',
    input: Type.Object({ ordem: id('OF id') }, closed),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => apontamentosDaOf(ctx.data, input.ordem),
  }),
  confirmar_lote: defineProcedure({
    kind: 'mutation',
    input: Type.Object({ apontamentos: Type.Array(id('apontamento id'), { minItems: 1, maxItems: 500 }) }, closed),
    access: SUPERVISOR,
    resolve: ({ input, ctx }) => confirmarLote(ctx, input.apontamentos),
  }),
  operador_por_codigo: defineProcedure({
    kind: 'query',
    input: Type.Object({ codigo }, closed),
    access: SHOP_FLOOR,
    async resolve({ input, ctx }) {
      const o = await operadorPorCodigo(ctx.data, input.codigo);
      return { id: o.id, codigo: o.codigo, nome: o.nome, ativo: o.ativo !== false };
    },
  }),
  jobs: defineProcedure({
    kind: 'query',
    input: Type.Object({ status: Type.Optional(Type.Array(ordemStatus, { minItems: 1, uniqueItems: true })) }, closed),
    access: SHOP_FLOOR,
    resolve: ({ input, ctx }) => jobs(ctx.data, input.status),
  }),
  relatorio_tempo: defineProcedure({
    kind: 'query',
    input: Type.Object({ de: day, ate: day, agrupar: Type.Unsafe<Agrupamento>({ type: 'string', enum: ['ordem', 'operador', 'dia'] }) }, closed),
    access: SUPERVISOR,
    resolve: ({ input, ctx }) => relatorioTempo(ctx, input),
  }),
};
