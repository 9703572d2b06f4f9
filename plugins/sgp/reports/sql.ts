/**
 * Small helpers shared by the report queries. Values always travel as `?`
 * parameters; identifiers always come from ctx.data so quoting is per dialect.
 */
import type { ProcedureAccess } from '#core';
import type { Context, Entities, Field } from '../generated/model.js';

export type SqlRow = Record<string, unknown>;

/** Reports show pedido data, so whoever may read pedidos may run them. */
export const PEDIDO_READ: ProcedureAccess = { entity: 'pedido', action: 'read' };

/** `alias."column"` for a field of an entity. */
export function qualified<E extends keyof Entities>(ctx: Context, alias: string, entity: E, field: Field<E>): string {
  return `${alias}.${ctx.data.column(entity, field)}`;
}

// Oracle upper-cases unquoted aliases and drivers differ in key case, so
// every report reads its columns by lower-case name.
function lowerKeys(row: SqlRow): SqlRow {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.toLowerCase(), value]));
}

export async function selectRows(ctx: Context, sql: string, params: unknown[]): Promise<SqlRow[]> {
  const rows = await ctx.data.query<SqlRow>(sql, params);
  return rows.map(lowerKeys);
}

/** COUNT results arrive as number, string or bigint depending on the driver. */
export function toCount(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

export function toId(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
