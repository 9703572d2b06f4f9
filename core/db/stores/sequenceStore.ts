import { QueryTypes, type Transaction } from 'sequelize';
import type { Repositories } from '../repository/repositories.js';
import { bound } from '../boundSql.js';

const SEQUENCE_ENTITY = 'platform.sequence';

/**
 * Atomic named counter. The UPDATE takes the row lock first, so concurrent
 * callers (even in other processes) queue and each gets its own value.
 */
export async function nextSequence(repos: Repositories, name: string, tx?: Transaction): Promise<number> {
  const { sequelize, dialect } = repos.datasourceOf(SEQUENCE_ENTITY);
  const q = (id: string) => sequelize.getQueryInterface().quoteIdentifier(id);
  const table = q(repos.model.entity(SEQUENCE_ENTITY).table);
  const run = async (t: Transaction) => {
    const increment = bound(
      `UPDATE ${table} SET ${q('value')} = ${q('value')} + 1, ${q('version')} = ${q('version')} + 1, ${q('updated_at')} = ? WHERE ${q('name')} = ?`,
      [new Date(), name],
      dialect,
    );
    const updated = await sequelize.query(increment.sql, { bind: increment.bind, transaction: t, type: QueryTypes.BULKUPDATE });
    if (Number(updated) === 0) {
      const now = new Date();
      await repos.repo(SEQUENCE_ENTITY).insert({ name, value: 1, version: 1, created_at: now, updated_at: now }, t);
      return 1;
    }
    const read = bound(`SELECT ${q('value')} AS ${q('value')} FROM ${table} WHERE ${q('name')} = ?`, [name], dialect);
    const rows = await sequelize.query<{ value: number }>(read.sql, { bind: read.bind, transaction: t, type: QueryTypes.SELECT });
    return Number(rows[0]!.value);
  };
  return tx ? run(tx) : repos.datasourceOf(SEQUENCE_ENTITY).writeTransaction(run);
}
