/**
 * What a user may read of an entity as a SQL condition that plugin SQL can put
 * in its WHERE, so hand-written reports count exactly the rows the generated
 * `list` would return to the same user. Job threads build it too, so nothing
 * here may pull in Sequelize.
 */
import type { EntityModel } from '../../model/types.js';
import type { SqlCondition } from '../../plugin/types.js';
import { scopeSql, type Filter } from './buildWhere.js';

/** What a user may read of an entity: every row, the rows of a scope, or nothing. */
export type ReadReach = { rows: 'all' } | { rows: 'scoped'; scope: Filter[] } | { rows: 'none' };

// Constant conditions every dialect accepts (Oracle has no boolean literals).
const EVERY_ROW: SqlCondition = { sql: '1 = 1', params: [] };
const NO_ROW: SqlCondition = { sql: '1 = 0', params: [] };

/** `reach` over the table aliased `alias` (written unquoted, as plugin SQL writes it), with `?` placeholders. */
export function scopeCondition(entity: EntityModel, reach: ReadReach, alias: string, quote: (identifier: string) => string): SqlCondition {
  if (reach.rows === 'all') return EVERY_ROW;
  if (reach.rows === 'none') return NO_ROW;
  return scopeSql(entity, reach.scope, { quote, alias });
}
