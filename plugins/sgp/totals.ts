/**
 * Stored computed fields of pedido and item_pedido. Core calls these on every
 * save with the full record (decimals as strings, children as arrays of rows).
 */
import { decimal } from '#core';
import type { Compute, ItemPedidoRow, PedidoRow } from './generated/model.js';

const MONEY_SCALE = 2;
const AREA_SCALE = 4;

/** Area of one unit: largura × altura, both in metres. */
export const metroQuadrado: Compute<'item_pedido', string> = (item) => decimal.multiply(item.largura, item.altura, AREA_SCALE);

function itemValue(item: ItemPedidoRow): string {
  return decimal.multiply(item.valor_unitario, item.quantidade, MONEY_SCALE);
}

function sumItens(pedido: PedidoRow): string {
  return decimal.add((pedido.itens ?? []).map(itemValue), MONEY_SCALE);
}

/** Σ valor_unitario × quantidade over the pedido's items. */
export const valorItens: Compute<'pedido', string> = (pedido) => sumItens(pedido);

// Sums the items again instead of reading pedido.valor_itens, which may not be
// refreshed yet in this save: core does not promise an order between computed fields.
export const valorTotal: Compute<'pedido', string> = (pedido) => decimal.add([sumItens(pedido), pedido.valor_frete], MONEY_SCALE);
