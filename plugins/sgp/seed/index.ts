/** Demo data for a fresh database: cadastros, ~40 clientes and ~300 pedidos over six months. */
import type { Seed } from '../generated/model.js';
import { createCadastros } from './cadastros.js';
import { buildPedidos } from './pedidos.js';
import { Random } from './random.js';

// Fixed seed: the same day always yields the same demo data.
const RANDOM_SEED = 20_240_611;
const PEDIDO_COUNT = 300;
const SPAN_DAYS = 182;

export async function seedDemoData(ctx: Seed): Promise<void> {
  if (!ctx.firstRun) return;
  const rng = new Random(RANDOM_SEED);
  const cadastros = await createCadastros(ctx);
  const pedidos = buildPedidos(rng, cadastros, ctx.calendar.today(), PEDIDO_COUNT, SPAN_DAYS);
  // Through the entity API and the real workflow transitions, so numbering, computed totals,
  // history and audit apply as for a user.
  const pedidoApi = ctx.data.entity('pedido');
  for (const { data, steps } of pedidos) {
    const { id } = await pedidoApi.create(data);
    for (const { transition, input, comment } of steps) await pedidoApi.transition(id, transition, { input, comment });
  }
  ctx.log.info('sgp: demo data created', { clientes: cadastros.clientes.length, pedidos: pedidos.length });
}
