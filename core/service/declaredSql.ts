/**
 * The synchronous half of DataAccess: dialect fragments, quoted names of
 * declared tables and fields, decimal conversion. Built from the model and a
 * quote function, so a job worker (which holds no connection) gets exactly
 * the same checks as the server, fed with names the server quoted.
 */
import type { AppModel } from '../model/types.js';
import type { DataAccess, SessionUser, SqlDialect, SqlFragments } from '../plugin/types.js';
import { fromStoredDecimal } from '../values/decimal.js';
import { SYSTEM_COLUMNS } from '../manifest/index.js';
import { columnOf } from '../db/repository/buildWhere.js';
import { scopeCondition } from '../db/repository/scopeCondition.js';
import { readReach } from '../auth/readReach.js';

export type DeclaredSql = Pick<DataAccess, 'dialect' | 'sql' | 'table' | 'column' | 'decimal' | 'readScope'>;

const FRAGMENTS: Record<SqlDialect, SqlFragments> = {
  sqlite: { monthOf: (e) => `strftime('%Y-%m', ${e})`, dayOf: (e) => `substr(${e}, 1, 10)` },
  mysql: { monthOf: (e) => `DATE_FORMAT(${e}, '%Y-%m')`, dayOf: (e) => `DATE_FORMAT(${e}, '%Y-%m-%d')` },
  oracle: { monthOf: (e) => `TO_CHAR(${e}, 'YYYY-MM')`, dayOf: (e) => `TO_CHAR(${e}, 'YYYY-MM-DD')` },
};

/** `name` of this module, or `module.name` as given. */
export function entityKey(module: string, name: string): string {
  return name.includes('.') ? name : `${module}.${name}`;
}

export function declaredSql(model: AppModel, module: string, user: SessionUser, dialect: SqlDialect, quote: (identifier: string) => string): DeclaredSql {
  const declared = (entity: string, field: string) => {
    const e = model.entity(entityKey(module, entity));
    const f = e.fields[field];
    if (!f && !e.systemFields.includes(field)) throw new Error(`"${field}" is not a field of ${e.key}`);
    return { e, f };
  };
  return {
    dialect,
    sql: FRAGMENTS[dialect],
    table: (entity) => quote(model.entity(entityKey(module, entity)).table),
    column: (entity, field) => {
      const { e, f } = declared(entity, field);
      // A field without a column (children, a computed value worked out on reads) is still quoted by name, as it always was.
      return quote(f && !f.stored ? field : columnOf(e, field));
    },
    decimal: (entity, field, stored) => {
      const { f } = declared(entity, field);
      if (f?.scale === undefined) throw new Error(`"${field}" is not a decimal field`);
      return fromStoredDecimal((stored ?? 0) as number, f.scale);
    },
    readScope: (entity, alias) => {
      const e = model.entity(entityKey(module, entity));
      return scopeCondition(e, readReach(e, user), alias, quote);
    },
  };
}

/** Every identifier `declaredSql` can be asked to quote: the tables, field and column names of the model. */
export function declaredIdentifiers(model: AppModel): string[] {
  const names = new Set<string>(SYSTEM_COLUMNS);
  for (const e of model.entities()) {
    names.add(e.table);
    for (const field of Object.keys(e.fields)) names.add(field);
    for (const column of Object.values(e.columnNames)) names.add(column);
  }
  return [...names];
}
