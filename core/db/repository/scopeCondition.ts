/**
 * A row scope (the OR of a user's row-rule filters) as a SQL condition that
 * plugin SQL can put in its WHERE, so hand-written reports count exactly the
 * rows the generated `list` would return to the same user. Job threads build
 * it too, so it must not pull in Sequelize.
 */
import type { EntityModel } from '../../model/types.js';
import type { SqlCondition } from '../../plugin/types.js';
import type { Filter } from './buildWhere.js';
import { toStoredValue } from '../values/convertValues.js';
import { SYSTEM_COLUMNS } from '../../manifest/index.js';

/** What a user may read of an entity: every row, the rows of a scope, or nothing. */
export type ReadReach = { rows: 'all' } | { rows: 'scoped'; scope: Filter[] } | { rows: 'none' };

// Constant conditions every dialect accepts (Oracle has no boolean literals).
const EVERY_ROW: SqlCondition = { sql: '1 = 1', params: [] };
const NO_ROW: SqlCondition = { sql: '1 = 0', params: [] };

/** `reach` over the table aliased `alias`, with `?` placeholders for the values. */
export function scopeCondition(entity: EntityModel, reach: ReadReach, alias: string, quote: (identifier: string) => string): SqlCondition {
  if (reach.rows === 'all') return EVERY_ROW;
  if (reach.rows === 'none' || reach.scope.length === 0) return NO_ROW;
  const params: unknown[] = [];
  const alternatives = reach.scope.map((filter) => {
    const terms = Object.entries(filter).map(([name, value]) => {
      const field = entity.fields[name];
      const isSystem = (SYSTEM_COLUMNS as readonly string[]).includes(name);
      if (!field?.stored && !isSystem) throw new Error(`row rule of ${entity.key} names "${name}", which has no column`);
      const column = `${alias}.${quote(name)}`;
      if (value === null || value === undefined) return `${column} IS NULL`;
      params.push(field && !isSystem ? toStoredValue(field, value) : value);
      return `${column} = ?`;
    });
    return terms.length === 0 ? EVERY_ROW.sql : `(${terms.join(' AND ')})`;
  });
  return { sql: `(${alternatives.join(' OR ')})`, params };
}
