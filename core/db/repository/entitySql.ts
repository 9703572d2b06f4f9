/**
 * The statements of one entity, built directly as SQL with `?` placeholders:
 * SELECT of the main table with a LEFT JOIN per same-database relation for its
 * display value, INSERT, UPDATE and DELETE. The joins and column list are
 * built once per entity instead of on every query, which keeps reads several
 * times cheaper than Model.findAll with includes. Every value is a parameter;
 * identifiers are the entity's declared names, quoted.
 */
import type { AppModel, EntityModel } from '../../model/types.js';
import type { SqlDialect } from '../../plugin/types.js';
import type { SqlFragment } from '../boundSql.js';
import { columnOf, whereClause, type RowCondition } from './buildWhere.js';

export interface DisplayJoin {
  field: string;
  /** Column alias carrying the display text in result rows. */
  alias: string;
}

export class EntitySql {
  readonly joins: DisplayJoin[];
  private readonly table: string;
  private readonly from: string;
  private readonly columns: string;
  /** The entity's own columns, each under its field name. */
  private readonly ownColumns: string;
  private readonly writable: Set<string>;

  constructor(
    private readonly entity: EntityModel,
    model: AppModel,
    private readonly quote: (identifier: string) => string,
    private readonly dialect: SqlDialect,
  ) {
    const q = quote;
    this.writable = new Set([...entity.columns.map((f) => f.name), ...entity.systemFields.filter((c) => c !== 'id')]);
    this.table = q(entity.table);
    const relations = entity.columns.filter((f) => f.type === 'relation' && model.entity(f.target!).datasource === entity.datasource);
    this.joins = relations.map((f) => ({ field: f.name, alias: `${f.name}__display` }));
    const joinSql = relations.map((f, i) => {
      const target = model.entity(f.target!);
      return ` LEFT OUTER JOIN ${q(target.table)} ${q(`j${i}`)} ON ${q(`j${i}`)}.${q(target.primaryKey)} = ${this.table}.${q(columnOf(entity, f.name))}`;
    });
    const displayColumns = relations.map((f, i) => {
      const target = model.entity(f.target!);
      return `, ${q(`j${i}`)}.${q(columnOf(target, target.display))} AS ${q(`${f.name}__display`)}`;
    });
    this.from = `${this.table}${joinSql.join('')}`;
    this.ownColumns = namedAsDeclared(entity)
      ? `${this.table}.*`
      : Object.entries(entity.columnNames)
          .map(([field, column]) => `${this.table}.${q(column)} AS ${q(field)}`)
          .join(', ');
    this.columns = `${this.ownColumns}${displayColumns.join('')}`;
  }

  /** The WHERE clause of a filter, search and scope on this entity's table. */
  where(condition: RowCondition): SqlFragment {
    return whereClause(this.entity, condition, { quote: this.quote });
  }

  rows(where: SqlFragment, order: [string, 'ASC' | 'DESC'][], page?: { limit: number; offset: number }): SqlFragment {
    const orderBy = order.map(([field, dir]) => `${this.table}.${this.column(field)} ${dir}`).join(', ');
    return { sql: `SELECT ${this.columns} FROM ${this.from} ${where.sql} ORDER BY ${orderBy}${page ? this.limit(page) : ''}`, params: where.params };
  }

  /** Ids of matching rows, at most `limit`: existence checks without joins. */
  ids(where: SqlFragment, limit: number): SqlFragment {
    const sql = `SELECT ${this.table}.${this.quote(this.entity.primaryKey)} AS ${this.quote('id')} FROM ${this.table} ${where.sql}`;
    return { sql: this.dialect === 'oracle' ? `${sql} FETCH FIRST ${int(limit)} ROWS ONLY` : `${sql} LIMIT ${int(limit)}`, params: where.params };
  }

  /** COUNT over a LIMITed subquery: the database stops after `cap` rows. */
  countUpTo(where: SqlFragment, cap: number): SqlFragment {
    const ids = this.ids(where, cap);
    return { sql: `SELECT COUNT(*) AS ${this.quote('n')} FROM (${ids.sql}) ${this.quote('counted')}`, params: ids.params };
  }

  /** INSERT of the given column values. */
  insert(values: Record<string, unknown>): SqlFragment {
    const columns = Object.keys(values);
    const names = columns.map((c) => this.writableColumn(c)).join(', ');
    return { sql: `INSERT INTO ${this.table} (${names}) VALUES (${columns.map(() => '?').join(', ')})`, params: columns.map((c) => values[c]) };
  }

  /** UPDATE of the given column values on the matching rows. */
  update(values: Record<string, unknown>, where: SqlFragment): SqlFragment {
    const columns = Object.keys(values);
    const set = columns.map((c) => `${this.writableColumn(c)} = ?`).join(', ');
    return { sql: `UPDATE ${this.table} SET ${set} ${where.sql}`, params: [...columns.map((c) => values[c]), ...where.params] };
  }

  /** The entity's own columns of the matching rows, locked until the transaction ends (SQLite's write transaction already excludes other writers). */
  lockedRows(where: SqlFragment): SqlFragment {
    const lock = this.dialect === 'sqlite' ? '' : ' FOR UPDATE';
    return { sql: `SELECT ${this.ownColumns} FROM ${this.table} ${where.sql}${lock}`, params: where.params };
  }

  delete(where: SqlFragment): SqlFragment {
    return { sql: `DELETE FROM ${this.table} ${where.sql}`, params: where.params };
  }

  private column(field: string): string {
    if (field !== 'id' && !this.writable.has(field)) throw new Error(`"${field}" is not a column of ${this.entity.key}`);
    return this.quote(columnOf(this.entity, field));
  }

  private writableColumn(field: string): string {
    if (!this.writable.has(field)) throw new Error(`"${field}" is not a writable column of ${this.entity.key}`);
    return this.quote(columnOf(this.entity, field));
  }

  private limit({ limit, offset }: { limit: number; offset: number }): string {
    return this.dialect === 'oracle' ? ` OFFSET ${int(offset)} ROWS FETCH NEXT ${int(limit)} ROWS ONLY` : ` LIMIT ${int(limit)} OFFSET ${int(offset)}`;
  }
}

/** A managed table whose columns all carry their field's name is read with `*`, as it always was. */
function namedAsDeclared(entity: EntityModel): boolean {
  return entity.managed && Object.entries(entity.columnNames).every(([field, column]) => field === column);
}

/** Row counts are not values of the data: validated integers, written into the SQL as digits. */
function int(n: number): number {
  const value = Math.trunc(Number(n));
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a row count: ${n}`);
  return value;
}
