/**
 * Builds demo pedidos over the last months whose status matches their age
 * (old ones mostly delivered), with the workflow transitions that take each
 * one from "pendente" to its status, production stages included.
 */
import { decimal, isoDate } from '#core';
import type { PedidoInput } from '../generated/model.js';
import { FORMAS_PAGAMENTO, MOTIVOS_CANCELAMENTO, OBSERVACOES_PAGAMENTO, OBSERVACOES_PEDIDO } from './catalog.js';
import type { Cadastros } from './cadastros.js';
import { buildItem, idOf, type SeedItem } from './items.js';
import type { Random } from './random.js';

type Status = 'pendente' | 'em_producao' | 'pronto' | 'entregue' | 'cancelado';

/** One workflow transition of manifests/sgp.json, as the seed takes it. */
export interface Step {
  transition: string;
  input?: Partial<PedidoInput>;
  comment?: string;
}

export interface SeedPedido {
  data: PedidoInput;
  steps: Step[];
}

/** Status odds by age in days: the first row whose limit is ≥ the age applies. */
const STATUS_ODDS_BY_AGE: [number, Partial<Record<Status, number>>][] = [
  [2, { pendente: 60, em_producao: 35, cancelado: 5 }],
  [13, { pendente: 15, em_producao: 40, pronto: 25, entregue: 15, cancelado: 5 }],
  [30, { em_producao: 12, pronto: 25, entregue: 55, cancelado: 8 }],
  [Infinity, { pronto: 5, entregue: 88, cancelado: 7 }],
];

function statusForAge(rng: Random, ageDays: number): Status {
  const odds = STATUS_ODDS_BY_AGE.find(([limit]) => ageDays <= limit)![1];
  return rng.weighted(odds);
}

/** The shop is closed on Sundays: move to Saturday (backwards) or Monday (forwards). */
function workday(date: string, direction: -1 | 1): string {
  return isoDate.weekday(date) === 0 ? isoDate.addDays(date, direction) : date;
}

/** Ages skew slightly towards recent days so the monthly trend grows a little. */
function entryDate(rng: Random, today: string, spanDays: number): string {
  const age = Math.floor(spanDays * rng.next() ** 1.15);
  return workday(isoDate.addDays(today, -age), -1);
}

// Production order from the old system: financeiro → sublimação → costura → conferência → expedição → pronto.
const PRODUCTION: Step['transition'][] = ['sublimar', 'costurar', 'conferir'];

/** How many production stages are done: all of them once the pedido left production. */
function stagesDone(rng: Random, status: Status): number {
  if (status === 'pronto' || status === 'entregue') return PRODUCTION.length;
  if (status !== 'em_producao') return 0;
  if (!rng.chance(0.6)) return 0;
  if (!rng.chance(0.5)) return 1;
  return rng.chance(0.5) ? 3 : 2;
}

function workflowSteps(rng: Random, status: Status, sublimacao: Partial<PedidoInput>): Step[] {
  if (status === 'pendente') return [];
  if (status === 'cancelado') {
    const approved = rng.chance(0.2) ? [{ transition: 'aprovar' }] : [];
    return [...approved, { transition: 'cancelar', comment: rng.pick(MOTIVOS_CANCELAMENTO) }];
  }
  const production = PRODUCTION.slice(0, stagesDone(rng, status)).map(
    (transition): Step => (transition === 'sublimar' ? { transition, input: sublimacao } : { transition }),
  );
  const after: Step[] =
    status === 'pronto' ? [{ transition: 'expedir' }] : status === 'entregue' ? [{ transition: 'expedir' }, { transition: 'entregar' }] : [];
  return [{ transition: 'aprovar' }, ...production, ...after];
}

function freightCents(rng: Random, formaEnvio: string): number {
  if (formaEnvio === 'Transportadora') return rng.int(80, 440) * 50;
  if (formaEnvio === 'Motoboy') return rng.int(30, 90) * 50;
  return 0;
}

function deliveryDate(rng: Random, entrada: string, alta: boolean, status: Status, today: string): string {
  const planned = workday(isoDate.addDays(entrada, alta ? rng.int(2, 5) : rng.int(4, 12)), 1);
  // A delivered pedido cannot have been delivered in the future.
  return status === 'entregue' && planned > today ? today : planned;
}

function paymentFields(rng: Random, cad: Cadastros): Partial<PedidoInput> {
  const forma = rng.pick(FORMAS_PAGAMENTO);
  const obs = OBSERVACOES_PAGAMENTO[forma];
  return { forma_pagamento: idOf(cad.formasPagamento, forma), obs_pagamento: obs && rng.chance(0.5) ? obs : null };
}

function shippingFields(rng: Random, cad: Cadastros): Partial<PedidoInput> {
  const forma = rng.weighted({ Retirada: 45, Transportadora: 30, Motoboy: 25 });
  return { forma_envio: idOf(cad.formasEnvio, forma), valor_frete: decimal.formatUnits(BigInt(freightCents(rng, forma)), 2) };
}

// The old system records one printer per pedido: a sublimation one when any item is fabric.
function printingFields(rng: Random, cad: Cadastros, itens: SeedItem[], entrada: string, today: string): Partial<PedidoInput> {
  const sublimadoras = [cad.maquinas.sublimadora180, cad.maquinas.sublimadora320];
  const printer = itens.find((i) => sublimadoras.includes(i.maquina as number))?.maquina ?? itens[0]?.maquina ?? cad.maquinas.sublimadora180;
  const printed = isoDate.addDays(entrada, rng.int(1, 3));
  return { sublimacao_maquina: printer, sublimacao_data_impressao: printed > today ? today : printed };
}

function buildPedido(rng: Random, cad: Cadastros, today: string, spanDays: number): SeedPedido {
  const entrada = entryDate(rng, today, spanDays);
  const status = statusForAge(rng, isoDate.daysBetween(entrada, today));
  const alta = rng.chance(0.15);
  const vendedor = rng.pick(cad.vendedores);
  const itens = Array.from({ length: rng.int(1, 4) }, () => buildItem(rng, cad, vendedor));
  const data: PedidoInput = {
    data_entrada: entrada,
    data_entrega: deliveryDate(rng, entrada, alta, status, today),
    prioridade: alta ? 'ALTA' : 'NORMAL',
    cliente: rng.pick(cad.clientes),
    ...paymentFields(rng, cad),
    ...shippingFields(rng, cad),
    observacao: rng.chance(0.25) ? rng.pick(OBSERVACOES_PEDIDO) : null,
    itens,
  };
  return { data, steps: workflowSteps(rng, status, printingFields(rng, cad, itens, entrada, today)) };
}

/** `count` pedidos entered within `spanDays` before `today`, oldest first so numbers follow dates. */
export function buildPedidos(rng: Random, cad: Cadastros, today: string, count: number, spanDays: number): SeedPedido[] {
  const pedidos = Array.from({ length: count }, () => buildPedido(rng, cad, today, spanDays));
  return pedidos.sort((a, b) => String(a.data.data_entrada).localeCompare(String(b.data.data_entrada)));
}
