/**
 * The old shop-floor frontend's REST endpoints (Flask blueprints `laser_bp`
 * at /api/laser and `api_bp` at /api), kept at their paths as thin adapters
 * over the module's procedures: snake_case fields, dates as
 * `YYYY-MM-DD HH:MM:SS` in the business time zone, times as `HH:MM:SS.ffffff`.
 * Shapes and status codes: /work/helper-notes/readme-laser.md (README, "Laser").
 */
import { Type, duration } from '#core';
import { defineRoute, type Context } from './generated/model.js';
import { apontamentoDireto, confirmarLote, finalizar, iniciar, operadorPorCodigo, pausar, retomar } from './apontamentos.js';
import { apontamentosDaOf, jobs, sequenciamento, type ItemFila, type Job } from './consultas.js';
import { downloadStep } from './step.js';
import { SHOP_FLOOR, SUPERVISOR } from './procedures.js';
import { WALL_CLOCK_PATTERN } from './clock.js';
import type { ApontamentoResumo } from './resumo.js';

const closed = { additionalProperties: false } as const;
const id = Type.Integer({ minimum: 1 });
const code = Type.String({ minLength: 1, maxLength: 32 });
const quantity = Type.Integer({ minimum: 0, maximum: 1_000_000 });
const dateTime = Type.String({ pattern: WALL_CLOCK_PATTERN });

/** An apontamento as the old frontend reads it. */
export interface LegacyApontamento {
  apontamento_id: number;
  of_id: number;
  of_numero: string;
  operator_code: string;
  operator_name: string;
  status: ApontamentoResumo['status'];
  data_inicio: string | null;
  data_fim: string | null;
  pausado_desde: string | null;
  /** Worked so far (running) or in total (finished), pauses excluded. */
  total_time: string;
  version: number;
}

function local(ctx: Context, iso: string | null): string | null {
  return iso ? ctx.calendar.formatLocalDateTime(new Date(iso)) : null;
}

function legacy(ctx: Context, a: ApontamentoResumo): LegacyApontamento {
  return {
    apontamento_id: a.id,
    of_id: a.ordem,
    of_numero: a.ordem_numero,
    operator_code: a.operador_codigo,
    operator_name: a.operador_nome,
    status: a.status,
    data_inicio: local(ctx, a.data_inicio),
    data_fim: local(ctx, a.data_fim),
    pausado_desde: local(ctx, a.pausado_desde),
    total_time: a.decorrido,
    version: a.version,
  };
}

function legacyOf(ctx: Context, f: ItemFila) {
  const { id: ofId, tem_step, apontamento, ...rest } = f;
  return { of_id: ofId, ...rest, has_step: tem_step, apontamento: apontamento ? legacy(ctx, apontamento) : null };
}

function legacyJob(j: Job) {
  const { id: ofId, tem_step, operador, operador_nome, ...rest } = j;
  return { of_id: ofId, ...rest, operator_id: operador, operator_name: operador_nome, has_step: tem_step };
}

export const routes = {
  sequencing_v2: defineRoute({
    method: 'GET',
    path: '/sequencing_v2',
    access: SHOP_FLOOR,
    input: Type.Object({ operator_code: code }, closed),
    async resolve({ input, ctx }) {
      const s = await sequenciamento(ctx, input.operator_code);
      return {
        operator: { id: s.operador.id, code: s.operador.codigo, name: s.operador.nome },
        ofs: s.fila.map((f) => legacyOf(ctx, f)),
        running: s.em_execucao ? legacy(ctx, s.em_execucao) : null,
      };
    },
  }),
  download_step: defineRoute({
    method: 'GET',
    path: '/download_step',
    access: SHOP_FLOOR,
    input: Type.Object({ of_id: id }, closed),
    resolve: ({ input, ctx }) => downloadStep(ctx, input.of_id),
  }),
  submit_apontamento: defineRoute({
    method: 'POST',
    path: '/submit_apontamento',
    status: 201,
    access: SHOP_FLOOR,
    input: Type.Object(
      {
        of_id: id,
        operator_code: code,
        data_inicio: dateTime,
        data_fim: dateTime,
        tempo_pausado: Type.Optional(Type.String({ pattern: duration.DURATION_PATTERN })),
        quantidade_produzida: quantity,
        quantidade_refugo: Type.Optional(quantity),
      },
      closed,
    ),
    async resolve({ input, ctx }) {
      const { of_id, operator_code, ...rest } = input;
      return legacy(ctx, await apontamentoDireto(ctx, { ordem: of_id, operador_codigo: operator_code, ...rest }));
    },
  }),
  start: defineRoute({
    method: 'POST',
    path: '/apontamento/start',
    status: 201,
    access: SHOP_FLOOR,
    input: Type.Object({ of_id: id, operator_code: code }, closed),
    resolve: async ({ input, ctx }) => legacy(ctx, await iniciar(ctx, { ordem: input.of_id, operador_codigo: input.operator_code })),
  }),
  pause: defineRoute({
    method: 'POST',
    path: '/apontamento/pause',
    access: SHOP_FLOOR,
    input: Type.Object({ apontamento_id: id, action: Type.Optional(Type.Union([Type.Literal('pause'), Type.Literal('resume')])) }, closed),
    async resolve({ input, ctx }) {
      const done = input.action === 'resume' ? await retomar(ctx, input.apontamento_id) : await pausar(ctx, input.apontamento_id);
      return legacy(ctx, done);
    },
  }),
  finish: defineRoute({
    method: 'POST',
    path: '/apontamento/finish',
    access: SHOP_FLOOR,
    input: Type.Object({ apontamento_id: id, quantidade_produzida: quantity, quantidade_refugo: Type.Optional(quantity) }, closed),
    async resolve({ input, ctx }) {
      const done = await finalizar(ctx, {
        apontamento: input.apontamento_id,
        quantidade_produzida: input.quantidade_produzida,
        quantidade_refugo: input.quantidade_refugo,
      });
      return legacy(ctx, done);
    },
  }),
  list: defineRoute({
    method: 'GET',
    path: '/apontamento/list/:of_id',
    access: SHOP_FLOOR,
    input: Type.Object({ of_id: id }, closed),
    async resolve({ input, ctx }) {
      const rows = await apontamentosDaOf(ctx.data, input.of_id);
      return { of_id: input.of_id, apontamentos: rows.map((a) => legacy(ctx, a)) };
    },
  }),
  confirm_batch: defineRoute({
    method: 'POST',
    path: '/apontamento/confirm_batch',
    access: SUPERVISOR,
    input: Type.Object({ apontamento_ids: Type.Array(id, { minItems: 1, maxItems: 500 }) }, closed),
    async resolve({ input, ctx }) {
      const lote = await confirmarLote(ctx, input.apontamento_ids);
      return { lote_id: lote.lote, confirmado_em: local(ctx, lote.confirmado_em), confirmado_por: lote.confirmado_por, apontamento_ids: lote.apontamentos };
    },
  }),
  sequenciamento: defineRoute({
    method: 'GET',
    path: '/sequenciamento',
    access: SHOP_FLOOR,
    input: Type.Object({}, closed),
    async resolve({ ctx }) {
      const queue = await jobs(ctx.data, ['aberta', 'em_producao']);
      const order = (j: Job) => [j.operador_nome ?? '\uffff', j.sequencia ?? Number.MAX_SAFE_INTEGER, j.numero] as const;
      queue.sort((a, b) => {
        const [x, y] = [order(a), order(b)];
        return x[0].localeCompare(y[0]) || x[1] - y[1] || x[2].localeCompare(y[2]);
      });
      return { ofs: queue.map(legacyJob) };
    },
  }),
  operador: defineRoute({
    method: 'GET',
    path: '/operadores/:codigo',
    mount: 'api',
    access: SHOP_FLOOR,
    input: Type.Object({ codigo: code }, closed),
    async resolve({ input, ctx }) {
      const o = await operadorPorCodigo(ctx.data, input.codigo);
      return { id: o.id, codigo: o.codigo, nome: o.nome, ativo: o.ativo !== false };
    },
  }),
  jobs: defineRoute({
    method: 'GET',
    path: '/jobs',
    access: SHOP_FLOOR,
    input: Type.Object({}, closed),
    resolve: async ({ ctx }) => ({ jobs: (await jobs(ctx.data)).map(legacyJob) }),
  }),
};
