/**
 * The period filter every report accepts, as JSON Schema and as SQL
 * conditions on the pedido table (always aliased `p`).
 */
import { Type, type Static } from '#core';
import type { Context, Field } from '../generated/model.js';
import { qualified } from './sql.js';

export type DateMode = 'entrada' | 'entrega';

/** A day, YYYY-MM-DD. */
export const dateProperty = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
/** Which date the period applies to; default `entrada`. */
export const modoProperty = Type.Unsafe<DateMode>({ type: 'string', enum: ['entrada', 'entrega'] });

export const periodInputSchema = Type.Object(
  {
    /** First day included. */
    inicio: Type.Optional(dateProperty),
    /** Last day included. */
    fim: Type.Optional(dateProperty),
    modo: Type.Optional(modoProperty),
  },
  { additionalProperties: false },
);

export type PeriodInput = Static<typeof periodInputSchema>;

export const PEDIDO_ALIAS = 'p';

export interface SqlFilter {
  /** `WHERE …`, never empty: at least the caller's read scope. */
  where: string;
  params: unknown[];
}

/** A pedido column qualified with the alias every report gives the pedido table. */
export function pedidoColumn(ctx: Context, field: Field<'pedido'>): string {
  return qualified(ctx, PEDIDO_ALIAS, 'pedido', field);
}

/** The pedido date column the period applies to. */
export function periodDateColumn(ctx: Context, modo: DateMode | undefined): string {
  return pedidoColumn(ctx, modo === 'entrega' ? 'data_entrega' : 'data_entrada');
}

/**
 * Conditions for pedidos in the period that the caller may read (row rules
 * apply to reports as to lists). Cancelled pedidos are left out unless
 * asked for: they never turn into revenue, so value reports must not count them.
 */
export function pedidoFilter(ctx: Context, input: PeriodInput | undefined, includeCancelled = false): SqlFilter {
  const readable = ctx.data.readScope('pedido', PEDIDO_ALIAS);
  const conditions: string[] = [readable.sql];
  const params: unknown[] = [...readable.params];
  const date = periodDateColumn(ctx, input?.modo);
  // Pedidos without a delivery date belong to no delivery period.
  if (input?.modo === 'entrega') conditions.push(`${date} IS NOT NULL`);
  if (input?.inicio) {
    conditions.push(`${date} >= ?`);
    params.push(input.inicio);
  }
  if (input?.fim) {
    conditions.push(`${date} <= ?`);
    params.push(input.fim);
  }
  if (!includeCancelled) {
    conditions.push(`${pedidoColumn(ctx, 'status')} <> ?`);
    params.push('cancelado');
  }
  return { where: `WHERE ${conditions.join(' AND ')}`, params };
}

/** `FROM <pedido> p` — Oracle rejects `AS` before a table alias, so none is used anywhere. */
export function fromPedido(ctx: Context): string {
  return `FROM ${ctx.data.table('pedido')} ${PEDIDO_ALIAS}`;
}
