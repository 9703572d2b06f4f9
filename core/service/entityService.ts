/**
 * The rules of every generated entity: permissions, defaults, hooks, computed
 * fields, children, optimistic locking and audit — each write in one transaction.
 */
import { ForeignKeyConstraintError, UniqueConstraintError, type Transaction } from 'sequelize';
import type { EntityModel } from '../model/types.js';
import type { Row, SessionUser } from '../plugin/types.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors/index.js';
import { decideAccess, rowInScope } from '../auth/permissions.js';
import { dataToStored } from '../db/values/convertValues.js';
import type { ListQuery, StoredRow } from '../db/repository/entityRepository.js';
import type { Filter } from '../db/repository/buildWhere.js';
import { diffRows, recordAudit, type AuditOp } from '../audit/recordAudit.js';
import type { DataLayer } from './dataLayer.js';
import { pluginContext } from './pluginContext.js';
import { checkFileValues, withFileFacts } from '../files/index.js';
import { applyDefaults, checkRequired, checkRowValues, computeStored, readComputedFields, toWireRow, withReadComputed } from './recordValues.js';
import { checkLockedOnCreate, checkLockedOnUpdate } from '../workflow/lockedFields.js';
import { hideUnreadableDisplays } from './relationDisplays.js';

export interface ListInput {
  filter?: Filter;
  sort?: string;
  page?: number;
  pageSize?: number;
  search?: string;
}

export interface ListOutput {
  rows: Row[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
}

const AUDIT_ENTITY = 'platform.audit';

export class EntityService {
  constructor(
    readonly entity: EntityModel,
    private readonly layer: DataLayer,
  ) {}

  private get repo() {
    return this.layer.repo(this.entity.key);
  }

  async list(user: SessionUser, input: ListInput, tx?: Transaction): Promise<ListOutput> {
    const access = this.require('read', user);
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? this.entity.list.pageSize;
    const query: ListQuery = { filter: input.filter, search: input.search, sort: input.sort ?? this.entity.list.sort, page, pageSize, scope: access.scope };
    const result = await this.repo.list(query, tx);
    await hideUnreadableDisplays(this.layer, this.entity, user, result.rows, result.displays, tx);
    const rows = result.rows.map((r, i) => toWireRow(this.entity, r, result.displays[i]!));
    if (readComputedFields(this.entity).length > 0) {
      const ctx = pluginContext(this.layer, this.entity.module, user, tx);
      for (const row of rows) await withReadComputed(this.entity, row, ctx);
    }
    await withFileFacts(this.layer, this.entity, rows, tx);
    return { rows, total: result.total, totalExact: result.totalExact, page, pageSize };
  }

  async get(user: SessionUser, id: number, tx?: Transaction): Promise<Row> {
    const access = this.require('read', user);
    const found = await this.repo.findById(id, tx, access.scope);
    if (!found) throw await this.missing(id, tx);
    return this.assemble(user, found.row, found.display, tx);
  }

  create(user: SessionUser, data: Row, tx?: Transaction): Promise<Row> {
    return this.inTransaction(tx, (t) => this.createIn(user, data, t));
  }

  update(user: SessionUser, id: number, data: Row, version: number | undefined, tx?: Transaction): Promise<Row> {
    return this.inTransaction(tx, (t) => this.updateIn(user, id, data, version, t));
  }

  delete(user: SessionUser, id: number, tx?: Transaction): Promise<void> {
    return this.inTransaction(tx, (t) => this.deleteIn(user, id, t));
  }

  private async createIn(user: SessionUser, input: Row, tx: Transaction): Promise<Row> {
    const access = this.require('create', user);
    const ctx = pluginContext(this.layer, this.entity.module, user, tx);
    checkLockedOnCreate(this.entity, input);
    const data = applyDefaults(this.entity, structuredClone(input), this.layer.timeZone);
    if (this.entity.workflow) data[this.entity.workflow.field] = this.entity.workflow.initial;
    await this.entity.hooks.beforeCreate?.({ data, ctx });
    if (!rowInScope(data, access.scope)) throw new ForbiddenError(`You may only create ${this.entity.labelPlural} that are yours`);
    const { own, children } = this.splitChildren(data);
    // The API's schema already demands required fields; plugins and jobs writing through DataAccess meet this check instead of the database's.
    checkRequired(this.entity, own, '');
    await checkRowValues(this.layer, this.entity, own, tx);
    await checkFileValues(this.layer, this.entity, user, own, undefined, tx);
    const childRows = await this.prepareChildren(user, children, tx);
    const computed = await computeStored(this.entity, { ...own, ...childRows }, ctx);
    const id = await this.repo.insert(await this.storedValues(user, { ...own, ...computed }, 'create'), tx);
    await this.insertChildren(user, id, childRows, tx);
    const record = await this.reload(user, id, tx);
    await this.entity.hooks.afterCreate?.({ record, ctx });
    await this.finish(user, 'create', id, null, record, tx);
    await this.refreshParent(user, record, tx);
    return record;
  }

  private async updateIn(user: SessionUser, id: number, input: Row, version: number | undefined, tx: Transaction): Promise<Row> {
    const access = this.require('update', user);
    const previous = await this.loadForWrite(user, id, access.scope, tx);
    if (version !== undefined && version !== previous.version) throw this.stale(previous);
    checkLockedOnUpdate(this.entity, input, previous);
    const ctx = pluginContext(this.layer, this.entity.module, user, tx);
    const data = structuredClone(input);
    await this.entity.hooks.beforeUpdate?.({ id, data, previous, ctx });
    if (!rowInScope({ ...previous, ...data }, access.scope)) throw new ForbiddenError(`You may only keep ${this.entity.labelPlural} that are yours`);
    const { own, children } = this.splitChildren(data);
    checkRequired(this.entity, { ...previous, ...own }, '');
    await checkRowValues(this.layer, this.entity, own, tx, { selfId: id });
    await checkFileValues(this.layer, this.entity, user, own, previous, tx);
    await this.syncChildren(user, id, children, tx);
    const merged = { ...previous, ...own, ...(await this.childrenRecord(user, id, tx)) };
    const computed = await computeStored(this.entity, merged, ctx);
    const values = await this.storedValues(user, { ...own, ...computed }, 'update');
    if (!(await this.repo.update(id, values, previous.version as number, tx))) throw this.stale(previous);
    const record = await this.reload(user, id, tx);
    await this.entity.hooks.afterUpdate?.({ record, previous, ctx });
    await this.finish(user, 'update', id, previous, record, tx);
    // An item moved to another parent changes the totals of both.
    const fk = this.entity.parent?.foreignKey;
    if (fk && previous[fk] !== record[fk]) await this.refreshParent(user, previous, tx);
    await this.refreshParent(user, record, tx);
    return record;
  }

  private async deleteIn(user: SessionUser, id: number, tx: Transaction): Promise<void> {
    const access = this.require('delete', user);
    const previous = await this.loadForWrite(user, id, access.scope, tx);
    const ctx = pluginContext(this.layer, this.entity.module, user, tx);
    await this.entity.hooks.beforeDelete?.({ previous, ctx });
    await this.repo.delete(id, tx);
    await this.entity.hooks.afterDelete?.({ previous, ctx });
    await this.finish(user, 'delete', id, previous, null, tx);
    await this.refreshParent(user, previous, tx);
  }

  /** A child written on its own changes what its parent computes from its children (totals). */
  private async refreshParent(user: SessionUser, child: Row, tx: Transaction): Promise<void> {
    const parent = this.entity.parent;
    const parentId = parent ? child[parent.foreignKey] : undefined;
    if (parent && typeof parentId === 'number') await this.layer.service(parent.entity).recomputeStored(user, parentId, tx);
  }

  /** Rewrites stored computed fields from the current record and children, when they changed. */
  async recomputeStored(user: SessionUser, id: number, tx: Transaction): Promise<void> {
    const found = await this.repo.findById(id, tx);
    if (!found) return;
    const previous = await this.assemble(user, found.row, found.display, tx);
    const computed = await computeStored(this.entity, previous, pluginContext(this.layer, this.entity.module, user, tx));
    const changed = Object.fromEntries(Object.entries(computed).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(previous[k])));
    if (Object.keys(changed).length === 0) return;
    if (!(await this.repo.update(id, await this.storedValues(user, changed, 'update'), previous.version as number, tx))) throw this.stale(previous);
    await this.finish(user, 'update', id, previous, await this.reload(user, id, tx), tx);
  }

  /**
   * Writes `values` worked out elsewhere (a workflow transition) the way an
   * update writes: stored computed fields, system columns, the version check
   * plus `expected` column values, audit entry and live event after commit.
   */
  async applyChange(user: SessionUser, previous: Row, values: Row, op: AuditOp, expected: Record<string, unknown>, tx: Transaction): Promise<Row> {
    const id = previous.id as number;
    await checkRowValues(this.layer, this.entity, values, tx, { selfId: id });
    const computed = await computeStored(this.entity, { ...previous, ...values }, pluginContext(this.layer, this.entity.module, user, tx));
    const stored = await this.storedValues(user, { ...values, ...computed }, 'update');
    if (!(await this.repo.update(id, stored, previous.version as number, tx, expected))) throw this.stale(previous);
    const record = await this.reload(user, id, tx);
    await this.finish(user, op, id, previous, record, tx);
    await this.refreshParent(user, record, tx);
    return record;
  }

  /** Checks the grant; throws FORBIDDEN when the user has none for this action. */
  require(action: 'read' | 'create' | 'update' | 'delete', user: SessionUser) {
    const access = decideAccess(this.entity, action, user);
    if (!access.allowed) throw new ForbiddenError(`No permission to ${action} ${this.entity.labelPlural} (${this.entity.key})`);
    return access;
  }

  private async loadForWrite(user: SessionUser, id: number, scope: Filter[] | undefined, tx: Transaction): Promise<Row> {
    const found = await this.repo.findById(id, tx, scope);
    if (!found) throw await this.missing(id, tx);
    return this.assemble(user, found.row, found.display, tx);
  }

  /** NOT_FOUND when the row does not exist; FORBIDDEN when it exists outside the user's rows. */
  private async missing(id: number, tx?: Transaction): Promise<Error> {
    const exists = (await this.repo.idsWhere({ id }, 1, tx)).length > 0;
    return exists ? new ForbiddenError(`No permission on ${this.entity.label} ${id}`) : new NotFoundError(`${this.entity.label} ${id} not found`);
  }

  stale(previous: Row): ConflictError {
    return new ConflictError(`${this.entity.label} ${previous.id} was changed by someone else (your version is out of date); reload and try again`);
  }

  private async reload(user: SessionUser, id: number, tx: Transaction): Promise<Row> {
    const found = await this.repo.findById(id, tx);
    return this.assemble(user, found!.row, found!.display, tx);
  }

  /** Wire row with display values, read-time computed fields and children. */
  private async assemble(user: SessionUser, stored: StoredRow, display: Record<string, string | null>, tx?: Transaction): Promise<Row> {
    const ctx = pluginContext(this.layer, this.entity.module, user, tx);
    await hideUnreadableDisplays(this.layer, this.entity, user, [stored], [display], tx);
    const row = toWireRow(this.entity, stored, display);
    Object.assign(row, await this.childrenRecord(user, stored.id, tx));
    await withFileFacts(this.layer, this.entity, [row], tx);
    return withReadComputed(this.entity, row, ctx);
  }

  private async childrenRecord(user: SessionUser, parentId: number, tx?: Transaction): Promise<Record<string, Row[]>> {
    const record: Record<string, Row[]> = {};
    for (const field of this.childFields()) {
      const child = this.layer.model.entity(field.child!.entity);
      const { rows, displays } = await this.layer.repo(child.key).findByParent(field.child!.foreignKey, parentId, tx);
      await hideUnreadableDisplays(this.layer, child, user, rows, displays, tx);
      const ctx = pluginContext(this.layer, child.module, user, tx);
      record[field.name] = await Promise.all(rows.map((r, i) => withReadComputed(child, toWireRow(child, r, displays[i]!), ctx)));
      await withFileFacts(this.layer, child, record[field.name]!, tx);
    }
    return record;
  }

  private childFields() {
    return Object.values(this.entity.fields).filter((f) => f.type === 'children');
  }

  private splitChildren(data: Row): { own: Row; children: Record<string, Row[]> } {
    const own: Row = {};
    const children: Record<string, Row[]> = {};
    for (const [name, value] of Object.entries(data)) {
      if (this.entity.fields[name]?.type === 'children') children[name] = value as Row[];
      else own[name] = value;
    }
    return { own, children };
  }

  /** Defaults, hooks and computed values of new child rows, before the parent computes its totals. */
  private async prepareChildren(user: SessionUser, children: Record<string, Row[]>, tx: Transaction): Promise<Record<string, Row[]>> {
    const byField: Record<string, Row[]> = {};
    for (const [name, rows] of Object.entries(children)) {
      const child = this.layer.model.entity(this.entity.fields[name]!.child!.entity);
      const ctx = pluginContext(this.layer, child.module, user, tx);
      byField[name] = [];
      for (const [i, input] of rows.entries()) {
        const { id: _ignored, ...fresh } = input;
        const data = applyDefaults(child, structuredClone(fresh), this.layer.timeZone);
        await child.hooks.beforeCreate?.({ data, ctx });
        checkRequired(child, data, `${name}.${i}.`, this.entity.fields[name]!.child!.foreignKey);
        await checkRowValues(this.layer, child, data, tx, { prefix: `${name}.${i}.` });
        await checkFileValues(this.layer, child, user, data, undefined, tx, `${name}.${i}.`);
        byField[name].push({ ...data, ...(await computeStored(child, data, ctx)) });
      }
    }
    return byField;
  }

  private async insertChildren(user: SessionUser, parentId: number, byField: Record<string, Row[]>, tx: Transaction): Promise<void> {
    for (const [name, rows] of Object.entries(byField)) {
      const { entity: childKey, foreignKey } = this.entity.fields[name]!.child!;
      const child = this.layer.model.entity(childKey);
      for (const row of rows) {
        await this.layer.repo(childKey).insert(await storedValuesOf(this.layer, child, user, { ...row, [foreignKey]: parentId }, 'create'), tx);
      }
    }
  }

  /** Replaces each given children list: rows with an id are updated, new rows created, missing rows deleted. */
  private async syncChildren(user: SessionUser, parentId: number, children: Record<string, Row[]>, tx: Transaction): Promise<void> {
    for (const [name, rows] of Object.entries(children)) {
      const { entity: childKey, foreignKey } = this.entity.fields[name]!.child!;
      const child = this.layer.model.entity(childKey);
      const repo = this.layer.repo(childKey);
      const existing = new Map((await repo.findByParent(foreignKey, parentId, tx)).rows.map((r) => [r.id, r]));
      const ctx = pluginContext(this.layer, child.module, user, tx);
      const keep = new Set<number>();
      for (const [i, input] of rows.entries()) {
        const { id, ...data } = input;
        if (id !== undefined && !existing.has(id)) throw ValidationError.field(`data.${name}.${i}.id`, `is not an item of this ${this.entity.label}`);
        await checkRowValues(this.layer, child, data, tx, { prefix: `${name}.${i}.`, selfId: id });
        const stored = id === undefined ? undefined : existing.get(id)!;
        await checkFileValues(this.layer, child, user, data, stored && toWireRow(child, stored, {}), tx, `${name}.${i}.`);
        if (id === undefined) {
          const full = applyDefaults(child, data, this.layer.timeZone);
          await child.hooks.beforeCreate?.({ data: full, ctx });
          checkRequired(child, full, `${name}.${i}.`, foreignKey);
          const values = { ...full, ...(await computeStored(child, full, ctx)), [foreignKey]: parentId };
          await repo.insert(await storedValuesOf(this.layer, child, user, values, 'create'), tx);
          continue;
        }
        keep.add(id);
        const previous = toWireRow(child, existing.get(id)!, {});
        const merged = { ...previous, ...data };
        const values = { ...data, ...(await computeStored(child, merged, ctx)) };
        await repo.update(id, await storedValuesOf(this.layer, child, user, values, 'update'), existing.get(id)!.version, tx);
      }
      for (const id of existing.keys()) if (!keep.has(id)) await repo.delete(id, tx);
    }
  }

  private storedValues(user: SessionUser, data: Row, mode: 'create' | 'update') {
    return storedValuesOf(this.layer, this.entity, user, data, mode);
  }

  private async finish(user: SessionUser, op: AuditOp, id: number, before: Row | null, after: Row | null, tx: Transaction): Promise<void> {
    if (this.entity.key !== AUDIT_ENTITY) {
      const changes = diffRows(this.entity, before, after);
      await recordAudit(this.layer.repo(AUDIT_ENTITY), { entity: this.entity, recordId: id, op, changes, userId: userOrNull(user) }, tx);
    }
    const version = Number((after ?? before)?.version ?? 0);
    tx.afterCommit(() => this.layer.changes.publish({ module: this.entity.module, entity: this.entity.name, id, op, version, by: userOrNull(user) }));
  }

  /** Writes in the caller's transaction, or in a new one (IMMEDIATE on SQLite, so writers queue instead of failing). */
  async inTransaction<T>(tx: Transaction | undefined, work: (t: Transaction) => Promise<T>): Promise<T> {
    if (tx) return work(tx);
        try {
      return await this.layer.datasourceOf(this.entity.key).writeTransaction(work);
    } catch (e) {
      throw translateDbError(this.entity, e);
    }
  }
}

function userOrNull(user: SessionUser): number | null {
  return user.id > 0 ? user.id : null;
}

/** Wire values → column values, with system columns and hashed passwords. */
async function storedValuesOf(layer: DataLayer, entity: EntityModel, user: SessionUser, data: Row, mode: 'create' | 'update'): Promise<Record<string, unknown>> {
  const prepared = { ...data };
  for (const field of entity.columns) {
    if (field.type !== 'password' || !(field.name in prepared)) continue;
    const plain = prepared[field.name];
    if (plain === null || plain === '') delete prepared[field.name];
    else prepared[field.name] = await layer.hashPassword(String(plain));
  }
  let values: Record<string, unknown>;
  try {
    values = dataToStored(entity, prepared);
  } catch (e) {
    throw new ValidationError((e as Error).message);
  }
  const now = new Date();
  const by = userOrNull(user);
  if (mode === 'create') Object.assign(values, { version: 1, created_at: now, created_by: by });
  return Object.assign(values, { updated_at: now, updated_by: by });
}

/** Database constraint errors → typed errors naming the field. */
function translateDbError(entity: EntityModel, e: unknown): unknown {
  if (e instanceof UniqueConstraintError) {
    const fields = Object.keys(e.fields ?? {}).filter((f) => entity.fields[f]);
    const issues = (fields.length ? fields : ['data']).map((f) => ({ path: `data.${f}`, message: 'already exists' }));
    return new ValidationError(`${entity.label}: ${fields.join(', ') || 'a unique value'} already exists`, issues);
  }
  if (e instanceof ForeignKeyConstraintError) {
    return new ConflictError(`${entity.label} is still referenced by other records (or references a missing one)`);
  }
  return e;
}
