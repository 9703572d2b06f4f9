/**
 * What a user may read of an entity as a SQL condition that plugin SQL can put
 * in its WHERE, so hand-written reports count exactly the rows the generated
 * `list` would return to the same user. Job threads build it too, so nothing
 * here may pull in Sequelize.
 */
import type { EntityModel } from '../../model/types.js';
import type { SqlCondition } from '../../plugin/types.js';
import { EVERYTHING, NOTHING, scopeSql, type Filter } from './buildWhere.js';

/** What a user may read of an entity: every row, the rows of a scope, or nothing. */
export type ReadReach = { rows: 'all' } | { rows: 'scoped'; scope: Filter[] } | { rows: 'none' };

/** `reach` over the table aliased `alias` (written unquoted, as plugin SQL writes it), with `?` placeholders. */
export function scopeCondition(entity: EntityModel, reach: ReadReach, alias: string, quote: (identifier: string) => string): SqlCondition {
  if (reach.rows === 'all') return EVERYTHING;
  if (reach.rows === 'none') return NOTHING;
  return scopeSql(entity, reach.scope, { quote, alias });
}
