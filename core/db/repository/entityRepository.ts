import { Op, QueryTypes, type Transaction, type Order, type IncludeOptions } from 'sequelize';
import type { AppModel, EntityModel } from '../../model/types.js';
import { relationAlias, type QueryModel } from './defineQueryModels.js';
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
  constructor(
    readonly entity: EntityModel,
    readonly datasource: Datasource,
    private readonly query: QueryModel,
    private readonly model: AppModel,
    /** Counting stops here on large results: the rest is "more than N". */
    private readonly countCap: number,
  ) {}

  async list(q: ListQuery, transaction?: Transaction): Promise<ListResult> {
    const where = this.where(q.filter, q.search, q.scope);
    const include = this.displayIncludes();
    const [rows, counted] = await Promise.all([
      this.query.findAll({ where, include, order: this.order(q.sort), limit: q.pageSize, offset: (q.page - 1) * q.pageSize, raw: true, transaction }),
      this.countUpTo(where, this.countCap + 1, transaction),
    ]);
    const { stored, displays } = this.splitDisplays(rows as unknown as Record<string, unknown>[]);
    return { rows: stored, displays, total: Math.min(counted, this.countCap), totalExact: counted <= this.countCap };
  }

  async findById(id: number, transaction?: Transaction, scope?: Filter[]): Promise<{ row: StoredRow; display: Record<string, string | null> } | null> {
    const where = this.where({ id }, undefined, scope);
    const found = await this.query.findOne({ where, include: this.displayIncludes(), raw: true, transaction });
    if (!found) return null;
    const { stored, displays } = this.splitDisplays([found as unknown as Record<string, unknown>]);
    return { row: stored[0]!, display: displays[0]! };
  }

  async findByParent(foreignKey: string, parentId: number, transaction?: Transaction): Promise<{ rows: StoredRow[]; displays: Record<string, string | null>[] }> {
    const rows = await this.query.findAll({ where: { [foreignKey]: parentId }, include: this.displayIncludes(), order: [['id', 'ASC']], raw: true, transaction });
    const { stored, displays } = this.splitDisplays(rows as unknown as Record<string, unknown>[]);
    return { rows: stored, displays };
  }

  async insert(values: Record<string, unknown>, transaction: Transaction): Promise<number> {
    const created = await this.query.create(values, { transaction });
    return Number(created.get('id'));
  }

  /** Updates when the row still has `expectedVersion` (if given); returns false when nothing matched. */
  async update(id: number, values: Record<string, unknown>, expectedVersion: number, transaction: Transaction): Promise<boolean> {
    const [count] = await this.query.update({ ...values, version: expectedVersion + 1 }, { where: { id, version: expectedVersion }, transaction });
    return count === 1;
  }

  async delete(id: number, transaction: Transaction): Promise<void> {
    await this.query.destroy({ where: { id }, transaction });
  }

  async deleteWhere(filter: Filter, transaction: Transaction): Promise<void> {
    await this.query.destroy({ where: filter as never, transaction });
  }

  private where(filter: Filter | undefined, search: string | undefined, scope: Filter[] | undefined) {
    const base = buildWhere(this.entity, filter, search);
    if (!scope) return base;
    return { [Op.and]: [base, { [Op.or]: scope.map((s) => buildWhere(this.entity, s)) }] };
  }

  private order(sort: string): Order {
    const desc = sort.startsWith('-');
    const field = desc ? sort.slice(1) : sort;
    const order: Order = [[field, desc ? 'DESC' : 'ASC']];
    // A unique tie-breaker keeps pages stable when many rows share the sort value.
    if (field !== 'id') order.push(['id', desc ? 'DESC' : 'ASC']);
    return order;
  }

  /**
   * COUNT(*) over a LIMITed subquery: the database stops after `limit` rows,
   * so a total never costs a full scan of a big table.
   */
  private async countUpTo(where: ReturnType<typeof buildWhere>, limit: number, transaction?: Transaction): Promise<number> {
    const generator = this.datasource.sequelize.getQueryInterface().queryGenerator as unknown as {
      selectQuery(table: string, options: object, model: QueryModel): string;
    };
    const inner = generator.selectQuery(this.entity.table, { attributes: ['id'], where, limit }, this.query).replace(/;\s*$/, '');
    const [result] = await this.datasource.sequelize.query(`SELECT COUNT(*) AS n FROM (${inner}) counted`, { type: QueryTypes.SELECT, transaction, raw: true });
    const row = result as Record<string, unknown>;
    return Number(row.n ?? row.N);
  }

  private displayIncludes(): IncludeOptions[] {
    return this.relationFields().map(({ field, target }) => ({
      association: relationAlias(field),
      attributes: [target.display],
      required: false,
    }));
  }

  private relationFields(): { field: string; target: EntityModel }[] {
    return this.entity.columns
      .filter((f) => f.type === 'relation')
      .map((f) => ({ field: f.name, target: this.model.entity(f.target!) }))
      .filter(({ target }) => target.datasource === this.entity.datasource);
  }

  private splitDisplays(rows: Record<string, unknown>[]): { stored: StoredRow[]; displays: Record<string, string | null>[] } {
    const relations = this.relationFields();
    const displays = rows.map((row) => {
      const display: Record<string, string | null> = {};
      for (const { field, target } of relations) {
        const key = `${relationAlias(field)}.${target.display}`;
        const value = row[key];
        display[field] = value == null ? null : String(value);
        delete row[key];
      }
      return display;
    });
    return { stored: rows as StoredRow[], displays };
  }
}
