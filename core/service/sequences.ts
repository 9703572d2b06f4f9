import { QueryTypes, type Transaction } from 'sequelize';
import type { DataLayer } from './dataLayer.js';

const SEQUENCE_ENTITY = 'platform.sequence';

/**
 * Atomic named counter. The UPDATE takes the row lock first, so concurrent
 * callers (even in other processes) queue and each gets its own value.
 */
export async function nextSequence(layer: DataLayer, name: string, tx?: Transaction): Promise<number> {
  const { sequelize } = layer.datasourceOf(SEQUENCE_ENTITY);
  const q = (id: string) => sequelize.getQueryInterface().quoteIdentifier(id);
  const table = q(layer.model.entity(SEQUENCE_ENTITY).table);
  const run = async (t: Transaction) => {
    const [, meta] = await sequelize.query(`UPDATE ${table} SET ${q('value')} = ${q('value')} + 1, ${q('version')} = ${q('version')} + 1, ${q('updated_at')} = ? WHERE ${q('name')} = ?`, { replacements: [new Date(), name], transaction: t, type: QueryTypes.UPDATE });
    if (affectedRows(meta) === 0) {
      const now = new Date();
      await layer.repo(SEQUENCE_ENTITY).insert({ name, value: 1, version: 1, created_at: now, updated_at: now }, t);
      return 1;
    }
    const rows = await sequelize.query<{ value: number }>(`SELECT ${q('value')} AS ${q('value')} FROM ${table} WHERE ${q('name')} = ?`, { replacements: [name], transaction: t, type: QueryTypes.SELECT });
    return Number(rows[0]!.value);
  };
  return tx ? run(tx) : layer.datasourceOf(SEQUENCE_ENTITY).writeTransaction(run);
}

/** Affected-row counts come back in a different shape per dialect. */
function affectedRows(meta: unknown): number {
  if (typeof meta === 'number') return meta;
  const m = meta as { changes?: number; affectedRows?: number; rowsAffected?: number } | undefined;
  return m?.changes ?? m?.affectedRows ?? m?.rowsAffected ?? 0;
}
