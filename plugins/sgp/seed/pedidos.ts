/**
 * Builds demo pedidos over the last months whose status matches their age
 * (old ones mostly delivered) and whose stage flags match their status.
 */
import type { Row } from '../../../core/index.js';
import { addDays, daysBetween, weekday } from '../dates.js';
import { formatUnits } from '../decimal.js';
import { FORMAS_PAGAMENTO, OBSERVACOES_PAGAMENTO, OBSERVACOES_PEDIDO } from './catalog.js';
import type { Cadastros } from './cadastros.js';
import { buildItem, idOf } from './items.js';
import type { Random } from './random.js';

type Status = 'pendente' | 'em_producao' | 'pronto' | 'entregue' | 'cancelado';
type StageFlags = Record<'financeiro' | 'conferencia' | 'sublimacao' | 'costura' | 'expedicao' | 'pronto', boolean>;

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
  return weekday(date) === 0 ? addDays(date, direction) : date;
}

/** Ages skew slightly towards recent days so the monthly trend grows a little. */
function entryDate(rng: Random, today: string, spanDays: number): string {
  const age = Math.floor(spanDays * Math.pow(rng.next(), 1.15));
  return workday(addDays(today, -age), -1);
}

// Production order from the old system: financeiro → sublimação → costura → conferência → expedição → pronto.
function stageFlags(rng: Random, status: Status): StageFlags {
  if (status === 'pronto' || status === 'entregue') {
    return { financeiro: true, sublimacao: true, costura: true, conferencia: true, expedicao: true, pronto: true };
  }
  if (status === 'em_producao') {
    const sublimacao = rng.chance(0.6);
    const costura = sublimacao && rng.chance(0.5);
    return { financeiro: true, sublimacao, costura, conferencia: costura && rng.chance(0.5), expedicao: false, pronto: false };
  }
  const financeiro = rng.chance(status === 'pendente' ? 0.3 : 0.2);
  return { financeiro, sublimacao: false, costura: false, conferencia: false, expedicao: false, pronto: false };
}

function freightCents(rng: Random, formaEnvio: string): number {
  if (formaEnvio === 'Transportadora') return rng.int(80, 440) * 50;
  if (formaEnvio === 'Motoboy') return rng.int(30, 90) * 50;
  return 0;
}

function deliveryDate(rng: Random, entrada: string, alta: boolean, status: Status, today: string): string {
  const planned = workday(addDays(entrada, alta ? rng.int(2, 5) : rng.int(4, 12)), 1);
  // A delivered pedido cannot have been delivered in the future.
  return status === 'entregue' && planned > today ? today : planned;
}

function paymentFields(rng: Random, cad: Cadastros): Row {
  const forma = rng.pick(FORMAS_PAGAMENTO);
  const obs = OBSERVACOES_PAGAMENTO[forma];
  return { forma_pagamento: idOf(cad.formasPagamento, forma), obs_pagamento: obs && rng.chance(0.5) ? obs : null };
}

function shippingFields(rng: Random, cad: Cadastros): Row {
  const forma = rng.weighted({ Retirada: 45, Transportadora: 30, Motoboy: 25 });
  return { forma_envio: idOf(cad.formasEnvio, forma), valor_frete: formatUnits(BigInt(freightCents(rng, forma)), 2) };
}

// The old system records one printer per pedido: a sublimation one when any item is fabric.
function printingFields(rng: Random, cad: Cadastros, flags: StageFlags, itens: Row[], entrada: string, today: string): Row {
  if (!flags.sublimacao) return {};
  const sublimadoras = [cad.maquinas.sublimadora180, cad.maquinas.sublimadora320];
  const printer = itens.find((i) => sublimadoras.includes(i.maquina as number)) ?? itens[0];
  const printed = addDays(entrada, rng.int(1, 3));
  return { sublimacao_maquina: printer?.maquina ?? null, sublimacao_data_impressao: printed > today ? today : printed };
}

function buildPedido(rng: Random, cad: Cadastros, today: string, spanDays: number): Row {
  const entrada = entryDate(rng, today, spanDays);
  const status = statusForAge(rng, daysBetween(entrada, today));
  const alta = rng.chance(0.15);
  const flags = stageFlags(rng, status);
  const vendedor = rng.pick(cad.vendedores);
  const itens = Array.from({ length: rng.int(1, 4) }, () => buildItem(rng, cad, vendedor));
  return {
    data_entrada: entrada,
    data_entrega: deliveryDate(rng, entrada, alta, status, today),
    prioridade: alta ? 'ALTA' : 'NORMAL',
    status,
    cliente: rng.pick(cad.clientes),
    ...paymentFields(rng, cad),
    ...shippingFields(rng, cad),
    ...flags,
    ...printingFields(rng, cad, flags, itens, entrada, today),
    observacao: rng.chance(0.25) ? rng.pick(OBSERVACOES_PEDIDO) : null,
    itens,
  };
}

/** `count` pedidos entered within `spanDays` before `today`, oldest first so numbers follow dates. */
export function buildPedidos(rng: Random, cad: Cadastros, today: string, count: number, spanDays: number): Row[] {
  const pedidos = Array.from({ length: count }, () => buildPedido(rng, cad, today, spanDays));
  return pedidos.sort((a, b) => String(a.data_entrada).localeCompare(String(b.data_entrada)));
}
