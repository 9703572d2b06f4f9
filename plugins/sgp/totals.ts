/**
 * Stored computed fields of pedido and item_pedido. Core calls these on every
 * save with the full record (decimals as strings, children as arrays of rows).
 */
import type { ComputeFn, Row } from '../../core/index.js';
import { add, multiply } from './decimal.js';

const MONEY_SCALE = 2;
const AREA_SCALE = 4;

/** Area of one unit: largura × altura, both in metres. */
export const metroQuadrado: ComputeFn = (item) => multiply(item.largura, item.altura, AREA_SCALE);

function itemRows(pedido: Row): Row[] {
  return Array.isArray(pedido.itens) ? (pedido.itens as Row[]) : [];
}

function itemValue(item: Row): string {
  return multiply(item.valor_unitario, item.quantidade, MONEY_SCALE);
}

function sumItens(pedido: Row): string {
  return add(itemRows(pedido).map(itemValue), MONEY_SCALE);
}

/** Σ valor_unitario × quantidade over the pedido's items. */
export const valorItens: ComputeFn = (pedido) => sumItens(pedido);

// Sums the items again instead of reading pedido.valor_itens, which may not be
// refreshed yet in this save: core does not promise an order between computed fields.
export const valorTotal: ComputeFn = (pedido) => add([sumItens(pedido), pedido.valor_frete], MONEY_SCALE);
