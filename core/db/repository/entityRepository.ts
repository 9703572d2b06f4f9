import { Op, QueryTypes, type Transaction, type WhereOptions } from 'sequelize';
import type { AppModel, EntityModel } from '../../model/types.js';
import type { QueryModel } from './defineQueryModels.js';
import { SelectSql } from './selectSql.js';
import { buildWhere, type Filter } from './buildWhere.js';
import type { Datasource } from '../connect.js';

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
  private readonly select: SelectSql;

  constructor(
    readonly entity: EntityModel,
    readonly datasource: Datasource,
    private readonly query: QueryModel,
    model: AppModel,
    /** Counting stops here on large results: the rest is "more than N". */
    private readonly countCap: number,
  ) {
    this.select = new SelectSql(entity, model, datasource.sequelize, datasource.dialect);
  }

  async list(q: ListQuery, transaction?: Transaction): Promise<ListResult> {
    const where = this.where(q.filter, q.search, q.scope);
    const page = { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
    const [rows, counted] = await Promise.all([this.read(this.select.rows(where, this.order(q.sort), page), transaction), this.countUpTo(where, transaction)]);
    const { stored, displays } = this.splitDisplays(rows);
    return { rows: stored, displays, total: Math.min(counted, this.countCap), totalExact: counted <= this.countCap };
  }

  async findById(id: number, transaction?: Transaction, scope?: Filter[]): Promise<{ row: StoredRow; display: Record<string, string | null> } | null> {
    const rows = await this.read(this.select.rows(this.where({ id }, undefined, scope), [['id', 'ASC']]), transaction);
    if (rows.length === 0) return null;
    const { stored, displays } = this.splitDisplays(rows);
    return { row: stored[0]!, display: displays[0]! };
  }

  async findByParent(foreignKey: string, parentId: number, transaction?: Transaction): Promise<{ rows: StoredRow[]; displays: Record<string, string | null>[] }> {
    const rows = await this.read(this.select.rows(this.where({ [foreignKey]: parentId }, undefined, undefined), [['id', 'ASC']]), transaction);
    const { stored, displays } = this.splitDisplays(rows);
    return { rows: stored, displays };
  }

  /** Up to `limit` rows matching a filter, oldest first, without the count `list` runs for paging: core's own lookups. */
  async rowsWhere(filter: Filter, limit: number, transaction?: Transaction): Promise<StoredRow[]> {
    const rows = await this.read(this.select.rows(this.where(filter, undefined, undefined), [['id', 'ASC']], { limit, offset: 0 }), transaction);
    return this.splitDisplays(rows).stored;
  }

  /** Ids of up to `limit` rows matching a filter of declared fields (and, when given, a row scope). */
  async idsWhere(filter: Filter, limit: number, transaction?: Transaction, scope?: Filter[]): Promise<number[]> {
    const rows = await this.read(this.select.ids(this.where(filter, undefined, scope), limit), transaction);
    return rows.map((r) => Number(r.id ?? r.ID));
  }

  /**
   * Plain parameterised INSERT on SQLite and MySQL (both report the new id);
   * Oracle needs RETURNING INTO, which Sequelize's model layer writes.
   */
  async insert(values: Record<string, unknown>, transaction: Transaction): Promise<number> {
    if (this.datasource.dialect === 'oracle') return Number((await this.query.create(values, { transaction })).get('id'));
    const columns = Object.keys(values);
    const [id] = await this.datasource.sequelize.query(this.select.insert(columns), { replacements: columns.map((c) => values[c]), type: QueryTypes.INSERT, transaction });
    return Number(id);
  }

  /** Updates when the row still has `expectedVersion` (and the `expected` column values); returns false when nothing matched. */
  async update(id: number, values: Record<string, unknown>, expectedVersion: number, transaction: Transaction, expected: Record<string, unknown> = {}): Promise<boolean> {
    const [count] = await this.query.update({ ...values, version: expectedVersion + 1 }, { where: { ...expected, id, version: expectedVersion }, transaction });
    return count === 1;
  }

  /**
   * Writes columns core maintains itself (never user-edited fields) on the rows
   * matching an equality filter, leaving the optimistic-lock version alone so
   * that a user editing the record meanwhile is not refused. Returns the count.
   */
  async updateColumns(filter: Filter, values: Record<string, unknown>, transaction?: Transaction): Promise<number> {
    const [count] = await this.query.update(values, { where: filter as never, transaction });
    return count;
  }

  async delete(id: number, transaction: Transaction): Promise<void> {
    await this.query.destroy({ where: { id }, transaction });
  }

  async deleteWhere(filter: Filter, transaction: Transaction): Promise<void> {
    await this.query.destroy({ where: filter as never, transaction });
  }

  private read(sql: string, transaction?: Transaction): Promise<Record<string, unknown>[]> {
    return this.datasource.sequelize.query<Record<string, unknown>>(sql, { type: QueryTypes.SELECT, raw: true, transaction });
  }

  private where(filter: Filter | undefined, search: string | undefined, scope: Filter[] | undefined): WhereOptions {
    const base = buildWhere(this.entity, filter, search);
    if (!scope) return base;
    return { [Op.and]: [base, { [Op.or]: scope.map((s) => buildWhere(this.entity, s)) }] };
  }

  private order(sort: string): [string, 'ASC' | 'DESC'][] {
    const desc = sort.startsWith('-');
    const field = desc ? sort.slice(1) : sort;
    const direction = desc ? 'DESC' : 'ASC';
    // A unique tie-breaker keeps pages stable when many rows share the sort value.
    return field === 'id' ? [['id', direction]] : [[field, direction], ['id', direction]];
  }

  private async countUpTo(where: WhereOptions, transaction?: Transaction): Promise<number> {
    const [row] = await this.read(this.select.countUpTo(where, this.countCap + 1), transaction);
    return Number(row?.n ?? row?.N ?? 0);
  }

  private splitDisplays(rows: Record<string, unknown>[]): { stored: StoredRow[]; displays: Record<string, string | null>[] } {
    const displays = rows.map((row) => {
      const display: Record<string, string | null> = {};
      for (const { field, alias } of this.select.joins) {
        const value = row[alias];
        display[field] = value == null ? null : String(value);
        delete row[alias];
      }
      return display;
    });
    return { stored: rows as StoredRow[], displays };
  }
}
