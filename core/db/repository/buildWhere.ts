/**
 * WHERE conditions from an API filter, a search term and row-rule scopes, as
 * SQL with `?` placeholders and the values apart (core/db/boundSql.ts binds
 * them). Only declared fields become identifiers, always quoted; values are
 * converted to their stored form first.
 */
import type { EntityModel, FieldModel } from '../../model/types.js';
import { ValidationError } from '../../errors/index.js';
import { toStoredValue } from '../values/convertValues.js';
import type { SqlFragment } from '../boundSql.js';
import { fieldType, type FilterOperator } from '../../fields/index.js';

export type Filter = Record<string, unknown>;

const SYSTEM_FIELDS: Record<string, FieldModel> = {
  id: { name: 'id', type: 'integer', label: 'ID', stored: true },
  version: { name: 'version', type: 'integer', label: 'Versão', stored: true },
  created_at: { name: 'created_at', type: 'datetime', label: 'Criado em', stored: true },
  updated_at: { name: 'updated_at', type: 'datetime', label: 'Atualizado em', stored: true },
  created_by: { name: 'created_by', type: 'integer', label: 'Criado por', stored: true },
  updated_by: { name: 'updated_by', type: 'integer', label: 'Atualizado por', stored: true },
};

/** A declared or system field that has a column; undefined otherwise. */
export function filterableField(entity: EntityModel, name: string): FieldModel | undefined {
  const field = entity.fields[name] ?? (entity.systemFields.includes(name) ? SYSTEM_FIELDS[name] : undefined);
  return field?.stored && !fieldType(field.type).secret ? field : undefined;
}

/** How columns are named in the SQL the condition goes into. */
export interface WhereTarget {
  /** Quotes one identifier for the dialect (the datasource's `quoteIdentifier`). */
  quote(identifier: string): string;
  /**
   * The alias the surrounding SQL gives the entity's table, written as it is
   * there (unquoted, like `p` in `FROM … p`); the quoted table name when absent.
   */
  alias?: string;
}

export interface RowCondition {
  /** An API filter, already validated against the entity's filter schema. */
  filter?: Filter;
  /** Case-insensitive text searched in the entity's `list.search` fields. */
  search?: string;
  /** Row-rule filters: a row must match at least one. Absent: no rule applies. */
  scope?: Filter[];
}

// Constant conditions every dialect accepts (Oracle has no boolean literals).
export const NOTHING: SqlFragment = { sql: '1 = 0', params: [] };
export const EVERYTHING: SqlFragment = { sql: '1 = 1', params: [] };
const PLAIN_ALIAS = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `WHERE …` for filter, search and scope together; '' when nothing restricts the rows. */
export function whereClause(entity: EntityModel, condition: RowCondition, target: WhereTarget): SqlFragment {
  const column = columnNamer(entity, target);
  const parts = [...filterParts(entity, condition.filter, column), ...searchParts(entity, condition.search, column)];
  if (condition.scope) parts.push(scopeOf(entity, condition.scope, column));
  if (parts.length === 0) return { sql: '', params: [] };
  const all = and(parts);
  return { sql: `WHERE ${all.sql}`, params: all.params };
}

/** Rows matching every condition of a filter, as a boolean SQL expression (`1 = 1` for an empty filter). */
export function filterSql(entity: EntityModel, filter: Filter, target: WhereTarget): SqlFragment {
  const parts = filterParts(entity, filter, columnNamer(entity, target));
  return parts.length === 0 ? EVERYTHING : and(parts);
}

/** Rows a row-rule scope lets through (any of its filters), as a boolean SQL expression: plugin SQL can apply the caller's scope. */
export function scopeSql(entity: EntityModel, scope: Filter[], target: WhereTarget): SqlFragment {
  return scopeOf(entity, scope, columnNamer(entity, target));
}

type ColumnNamer = (field: string) => string;

function columnNamer(entity: EntityModel, target: WhereTarget): ColumnNamer {
  if (target.alias !== undefined && !PLAIN_ALIAS.test(target.alias)) throw new Error(`"${target.alias}" is not a plain table alias`);
  const qualifier = target.alias ?? target.quote(entity.table);
  return (field) => `${qualifier}.${target.quote(columnOf(entity, field))}`;
}

/** The column behind a field (or system field) of the entity. */
export function columnOf(entity: EntityModel, field: string): string {
  const column = entity.columnNames[field];
  if (column === undefined) throw new Error(`"${field}" is not a column of ${entity.key}`);
  return column;
}

function scopeOf(entity: EntityModel, scope: Filter[], column: ColumnNamer): SqlFragment {
  const alternatives = scope.map((filter) => filterParts(entity, filter, column));
  // A rule without conditions lets every row through; no rule at all lets none.
  if (alternatives.some((parts) => parts.length === 0)) return EVERYTHING;
  return alternatives.length === 0 ? NOTHING : or(alternatives.map(and));
}

function filterParts(entity: EntityModel, filter: Filter | undefined, column: ColumnNamer): SqlFragment[] {
  const parts: SqlFragment[] = [];
  for (const [name, given] of Object.entries(filter ?? {})) {
    const field = filterableField(entity, name);
    if (!field) throw new Error(`"${name}" is not a filterable field of ${entity.key}`);
    const ops = isOperatorObject(given) ? given : { eq: given };
    for (const [op, value] of Object.entries(ops)) parts.push(condition(column(name), op as FilterOperator, value, (v) => storedValue(field, v)));
  }
  return parts;
}

function searchParts(entity: EntityModel, search: string | undefined, column: ColumnNamer): SqlFragment[] {
  const term = search?.trim();
  if (!term || entity.list.search.length === 0) return [];
  return [or(entity.list.search.map((name) => contains(column(declared(entity, name)), term)))];
}

function declared(entity: EntityModel, name: string): string {
  if (!entity.fields[name]?.stored) throw new Error(`"${name}" is not a stored field of ${entity.key}`);
  return name;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A filter value in its stored form; one the column cannot hold is the caller's mistake. */
function storedValue(field: FieldModel, value: unknown): unknown {
  if (value === undefined) throw new Error(`no value given for "${field.name}"`);
  try {
    return toStoredValue(field, value);
  } catch (e) {
    if (e instanceof RangeError) throw ValidationError.field(`filter.${field.name}`, e.message);
    throw e;
  }
}

function condition(col: string, op: FilterOperator, value: unknown, stored: (v: unknown) => unknown): SqlFragment {
  switch (op) {
    case 'eq':
      return value === null ? { sql: `${col} IS NULL`, params: [] } : { sql: `${col} = ?`, params: [stored(value)] };
    case 'ne':
      // Not equal includes the rows without a value, as a reader of "≠ x" expects.
      return value === null ? { sql: `${col} IS NOT NULL`, params: [] } : { sql: `(${col} <> ? OR ${col} IS NULL)`, params: [stored(value)] };
    case 'gt':
      return { sql: `${col} > ?`, params: [stored(value)] };
    case 'gte':
      return { sql: `${col} >= ?`, params: [stored(value)] };
    case 'lt':
      return { sql: `${col} < ?`, params: [stored(value)] };
    case 'lte':
      return { sql: `${col} <= ?`, params: [stored(value)] };
    case 'in': {
      const values = (value as unknown[]).map(stored);
      return values.length === 0 ? NOTHING : { sql: `${col} IN (${values.map(() => '?').join(', ')})`, params: values };
    }
    case 'between': {
      const [from, to] = value as [unknown, unknown];
      return { sql: `${col} BETWEEN ? AND ?`, params: [stored(from), stored(to)] };
    }
    case 'isNull':
      return { sql: value ? `${col} IS NULL` : `${col} IS NOT NULL`, params: [] };
    case 'contains':
      return contains(col, String(value));
    default:
      throw new Error(`unknown filter operator "${String(op)}"`);
  }
}

/**
 * Case-insensitive substring match. INSTR exists on SQLite, MySQL and Oracle
 * and, unlike LIKE, gives `%` and `_` in the user's text no special meaning.
 */
function contains(col: string, text: string): SqlFragment {
  return { sql: `INSTR(LOWER(${col}), ?) > 0`, params: [text.toLowerCase()] };
}

function and(parts: SqlFragment[]): SqlFragment {
  return join(parts, ' AND ', false);
}

/** Alternatives in parentheses, so that they combine with AND as one condition. */
function or(parts: SqlFragment[]): SqlFragment {
  return join(parts, ' OR ', true);
}

function join(parts: SqlFragment[], separator: string, grouped: boolean): SqlFragment {
  if (parts.length === 1) return parts[0]!;
  const sql = parts.map((p) => (grouped ? `(${p.sql})` : p.sql)).join(separator);
  return { sql: grouped ? `(${sql})` : sql, params: parts.flatMap((p) => p.params) };
}
