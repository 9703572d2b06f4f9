import { QueryTypes, type Transaction } from 'sequelize';
import type { AppModel, EntityModel } from '../../model/types.js';
import { EntitySql } from './entitySql.js';
import type { Filter } from './buildWhere.js';
import type { Datasource } from '../connect.js';
import { bound, type BoundQuery, type SqlFragment } from '../boundSql.js';
import { rowFingerprint } from './rowFingerprint.js';
import { columnSpec } from '../schema/tableSpec.js';
import { ValidationError } from '../../errors/index.js';

export interface ListQuery {
  filter?: Filter;
  search?: string;
  /** Field name, `-` prefix for descending; already validated. */
  sort: string;
  page: number;
  pageSize: number;
  /** Extra condition from row-level permission rules. */
  scope?: Filter[];
}

export interface StoredRow extends Record<string, unknown> {
  id: number;
  version: number;
}

export interface ListResult {
  rows: StoredRow[];
  /** Display values of relations per row: field → text. */
  displays: Record<string, string | null>[];
  total: number;
  totalExact: boolean;
}

/** Queries for one entity. No rules here: the service decides what may run. */
export class EntityRepository {
  private readonly statements: EntitySql;
  /** Oracle: the NOT NULL columns an empty text would violate (Oracle stores '' as NULL). */
  private readonly requiredColumns: Set<string>;

  constructor(
    readonly entity: EntityModel,
    readonly datasource: Datasource,
    model: AppModel,
    /** Counting stops here on large results: the rest is "more than N". */
    private readonly countCap: number,
  ) {
    const quote = (id: string) => datasource.sequelize.getQueryInterface().quoteIdentifier(id);
    this.statements = new EntitySql(entity, model, quote, datasource.dialect);
    const notNull = entity.columns.filter((f) => !columnSpec(f, (key) => model.entity(key).table).nullable);
    this.requiredColumns = new Set(datasource.dialect === 'oracle' ? notNull.map((f) => f.name) : []);
  }

  async list(q: ListQuery, transaction?: Transaction): Promise<ListResult> {
    const where = this.statements.where({ filter: q.filter, search: q.search, scope: q.scope });
    const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
    const [rows, counted] = await Promise.all([
      this.read(this.statements.rows(where, this.order(q.sort), page), transaction),
      this.countUpTo(where, transaction),
    ]);
    const { stored, displays } = this.splitDisplays(rows);
    return { rows: stored, displays, total: Math.min(counted, this.countCap), totalExact: counted <= this.countCap };
  }

  async findById(id: number, transaction?: Transaction, scope?: Filter[]): Promise<{ row: StoredRow; display: Record<string, string | null> } | null> {
    const rows = await this.read(this.statements.rows(this.statements.where({ filter: { id }, scope }), [['id', 'ASC']]), transaction);
    if (rows.length === 0) return null;
    const { stored, displays } = this.splitDisplays(rows);
    return { row: stored[0]!, display: displays[0]! };
  }

  async findByParent(
    foreignKey: string,
    parentId: number,
    transaction?: Transaction,
  ): Promise<{ rows: StoredRow[]; displays: Record<string, string | null>[] }> {
    const rows = await this.read(this.statements.rows(this.statements.where({ filter: { [foreignKey]: parentId } }), [['id', 'ASC']]), transaction);
    const { stored, displays } = this.splitDisplays(rows);
    return { rows: stored, displays };
  }

  /** Up to `limit` rows matching a filter, oldest first, without the count `list` runs for paging: core's own lookups. */
  async rowsWhere(filter: Filter, limit: number, transaction?: Transaction): Promise<StoredRow[]> {
    const rows = await this.read(this.statements.rows(this.statements.where({ filter }), [['id', 'ASC']], { limit, offset: 0 }), transaction);
    return this.splitDisplays(rows).stored;
  }

  /** Ids of up to `limit` rows matching a filter of declared fields (and, when given, a row scope). */
  async idsWhere(filter: Filter, limit: number, transaction?: Transaction, scope?: Filter[]): Promise<number[]> {
    const rows = await this.read(this.statements.ids(this.statements.where({ filter, scope }), limit), transaction);
    return rows.map((r) => Number(r.id ?? r.ID));
  }

  /**
   * Plain INSERT on SQLite and MySQL (both report the new id). Oracle reports
   * none: the identity column's value comes back through `RETURNING … INTO`
   * an out bind, appended after the values.
   */
  async insert(values: Record<string, unknown>, transaction: Transaction): Promise<number> {
    this.refuseEmptyRequired(values);
    const { sql, bind } = this.bound(this.statements.insert(values));
    const { sequelize } = this.datasource;
    if (this.datasource.dialect === 'oracle') {
      const driver = (sequelize as unknown as { connectionManager: { lib: { BIND_OUT: number; NUMBER: unknown } } }).connectionManager.lib;
      const returning = `${sql} RETURNING ${sequelize.getQueryInterface().quoteIdentifier(this.entity.primaryKey)} INTO :${bind.length + 1}`;
      const out = { dir: driver.BIND_OUT, type: driver.NUMBER };
      const [result] = await sequelize.query(returning, { bind: [...bind, out], type: QueryTypes.RAW, transaction });
      return Number((result as unknown as { outBinds: unknown[][] }).outBinds[0]![0]);
    }
    const [id] = await sequelize.query(sql, { bind, type: QueryTypes.INSERT, transaction });
    return Number(id);
  }

  /**
   * Updates when the row still has `expectedVersion` (and the `expected` column values); returns false when nothing matched.
   * A table without a version column is re-read under a row lock and compared by its fingerprint instead.
   */
  async update(
    id: number,
    values: Record<string, unknown>,
    expectedVersion: number,
    transaction: Transaction,
    expected: Record<string, unknown> = {},
  ): Promise<boolean> {
    this.refuseEmptyRequired(values);
    if (!this.entity.managed) return this.updateUnversioned(id, values, expectedVersion, transaction, expected);
    const where = this.statements.where({ filter: { ...expected, id, version: expectedVersion } });
    return (await this.write(this.statements.update({ ...values, version: expectedVersion + 1 }, where), QueryTypes.BULKUPDATE, transaction)) === 1;
  }

  private async updateUnversioned(
    id: number,
    values: Record<string, unknown>,
    fingerprint: number,
    transaction: Transaction,
    expected: Record<string, unknown>,
  ): Promise<boolean> {
    const [current] = await this.read(this.statements.lockedRows(this.statements.where({ filter: { id } })), transaction);
    if (!current || rowFingerprint(this.entity, current) !== fingerprint) return false;
    const where = this.statements.where({ filter: { ...expected, id } });
    if (Object.keys(values).length === 0) return (await this.read(this.statements.ids(where, 1), transaction)).length === 1;
    return (await this.write(this.statements.update(values, where), QueryTypes.BULKUPDATE, transaction)) === 1;
  }

  /**
   * Writes columns core maintains itself (never user-edited fields) on the rows
   * matching an equality filter, leaving the optimistic-lock version alone so
   * that a user editing the record meanwhile is not refused. Returns the count.
   */
  updateColumns(filter: Filter, values: Record<string, unknown>, transaction?: Transaction): Promise<number> {
    return this.write(this.statements.update(values, this.statements.where({ filter })), QueryTypes.BULKUPDATE, transaction);
  }

  async delete(id: number, transaction: Transaction): Promise<void> {
    await this.deleteWhere({ id }, transaction);
  }

  async deleteWhere(filter: Filter, transaction: Transaction): Promise<void> {
    await this.write(this.statements.delete(this.statements.where({ filter })), QueryTypes.BULKDELETE, transaction);
  }

  /** Oracle reads '' as NULL: a required text left empty is the writer's mistake, named, not a NOT NULL failure of the database. */
  private refuseEmptyRequired(values: Record<string, unknown>): void {
    for (const name of this.requiredColumns) {
      if (values[name] === '') throw ValidationError.field(`data.${name}`, 'is required (Oracle stores an empty text as no value)');
    }
  }

  private read(statement: SqlFragment, transaction?: Transaction): Promise<Record<string, unknown>[]> {
    const { sql, bind } = this.bound(statement);
    return this.datasource.sequelize.query<Record<string, unknown>>(sql, { bind, type: QueryTypes.SELECT, raw: true, transaction });
  }

  /** Runs an UPDATE or DELETE; every dialect reports the affected row count for these query types. */
  private async write(statement: SqlFragment, type: QueryTypes.BULKUPDATE | QueryTypes.BULKDELETE, transaction?: Transaction): Promise<number> {
    const { sql, bind } = this.bound(statement);
    return Number(await this.datasource.sequelize.query(sql, { bind, type, transaction }));
  }

  private bound(statement: SqlFragment): BoundQuery {
    return bound(statement.sql, statement.params, this.datasource.dialect);
  }

  private order(sort: string): [string, 'ASC' | 'DESC'][] {
    const desc = sort.startsWith('-');
    const field = desc ? sort.slice(1) : sort;
    const direction = desc ? 'DESC' : 'ASC';
    // A unique tie-breaker keeps pages stable when many rows share the sort value.
    return field === 'id'
      ? [['id', direction]]
      : [
          [field, direction],
          ['id', direction],
        ];
  }

  private async countUpTo(where: SqlFragment, transaction?: Transaction): Promise<number> {
    const [row] = await this.read(this.statements.countUpTo(where, this.countCap + 1), transaction);
    return Number(row?.n ?? row?.N ?? 0);
  }

  private splitDisplays(rows: Record<string, unknown>[]): { stored: StoredRow[]; displays: Record<string, string | null>[] } {
    const displays = rows.map((row) => {
      const display: Record<string, string | null> = {};
      for (const { field, alias } of this.statements.joins) {
        const value = row[alias];
        display[field] = value == null ? null : String(value);
        delete row[alias];
      }
      return display;
    });
    // Without a version column, the row's fingerprint is its version on the wire.
    if (!this.entity.managed) for (const row of rows) row.version = rowFingerprint(this.entity, row);
    return { stored: rows as StoredRow[], displays };
  }
}
