/**
 * The rules of every generated entity: permissions, defaults, hooks, computed
 * fields, children, optimistic locking and audit — each write in one transaction.
 */
import { ForeignKeyConstraintError, UniqueConstraintError, type Transaction } from 'sequelize';
import type { EntityModel } from '../model/types.js';
import type { PluginContext, Row, SessionUser } from '../plugin/types.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors/index.js';
import { fieldType } from '../fields/index.js';
import { decideAccess, mayOnRow } from '../auth/permissions.js';
import { dataToStored } from '../db/values/convertValues.js';
import type { ListQuery, StoredRow } from '../db/repository/entityRepository.js';
import { diffRows, recordAudit, type AuditOp } from '../audit/recordAudit.js';
import type { ListInput, ListOutput, Readability, ServiceContext } from './entityOperations.js';
import type { EntityExtension } from './entityExtension.js';
import type { ChangeFeed } from './changeFeed.js';
import { pluginContext } from './pluginContext.js';
import { applyDefaults, changedValues, checkRequired, checkRowValues, computeStored, readComputedFields, toWireRow, withReadComputed } from './recordValues.js';
import { hideUnreadableDisplays } from './relationDisplays.js';
import { uniqueKeys, type UniqueKey } from '../db/schema/tableSpec.js';

export type { ListInput, ListOutput, Readability } from './entityOperations.js';

type WriteAction = 'create' | 'update' | 'delete';

const AUDIT_ENTITY = 'platform.audit';

/** What one entity's service uses of the others', of the features' and of the platform. */
export interface ServiceDeps extends ServiceContext {
  readonly changes: ChangeFeed;
  readonly timeZone: string;
  readonly extensions: readonly EntityExtension[];
  hashPassword(plain: string): Promise<string>;
  service(key: string): EntityService;
}

export class EntityService {
  constructor(
    readonly entity: EntityModel,
    private readonly services: ServiceDeps,
  ) {}

  private get repo() {
    return this.services.repos.repo(this.entity.key);
  }

  async list(user: SessionUser, input: ListInput, tx?: Transaction): Promise<ListOutput> {
    const access = this.require('read', user);
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? this.entity.list.pageSize;
    const query: ListQuery = { filter: input.filter, search: input.search, sort: input.sort ?? this.entity.list.sort, page, pageSize, scope: access.scope };
    const result = await this.repo.list(query, tx);
    await hideUnreadableDisplays(this.services, this.entity, user, result.rows, result.displays, tx);
    const rows = result.rows.map((r, i) => toWireRow(this.entity, r, result.displays[i]!));
    if (readComputedFields(this.entity).length > 0) {
      const ctx = pluginContext(this.services, this.entity.module, user, tx);
      for (const row of rows) await withReadComputed(this.entity, row, ctx);
    }
    await this.decorateRows(this.entity, rows, tx);
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
    const ctx = pluginContext(this.services, this.entity.module, user, tx);
    const data = await this.admitNew(user, input, ctx);
    this.requireRow('create', user, asCreatedBy(user, data), 'after');
    const { own, children } = this.splitChildren(data);
    // The API's schema already demands required fields; plugins and jobs writing through DataAccess meet this check instead of the database's.
    checkRequired(this.entity, own, '');
    await checkRowValues(this.services, this.entity, user, own, tx);
    await this.checkValues(user, own, undefined, tx);
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
    this.require('update', user);
    const previous = await this.loadForWrite(user, 'update', id, tx);
    if (version !== undefined && version !== previous.version) throw this.stale(previous);
    this.admitUpdate(input, previous, '');
    const ctx = pluginContext(this.services, this.entity.module, user, tx);
    const data = structuredClone(input);
    await this.entity.hooks.beforeUpdate?.({ id, data, previous, ctx });
    this.requireRow('update', user, { ...previous, ...data }, 'after');
    const { own, children } = this.splitChildren(data);
    checkRequired(this.entity, { ...previous, ...own }, '');
    await checkRowValues(this.services, this.entity, user, own, tx, { selfId: id });
    await this.checkValues(user, own, previous, tx);
    await this.syncChildren(user, id, children, tx);
    const merged = { ...previous, ...own, ...(await this.childrenRecord(user, id, tx)) };
    const computed = await computeStored(this.entity, merged, ctx);
    const values = await this.storedValues(user, { ...own, ...computed }, 'update');
    if (!(await this.repo.update(id, values, previous.version as number, tx))) throw this.stale(previous);
    const record = await this.reload(user, id, tx);
    await this.entity.hooks.afterUpdate?.({ record, previous, ctx });
    await this.finish(user, 'update', id, previous, record, tx, own);
    // An item moved to another parent changes the totals of both.
    const fk = this.entity.parent?.foreignKey;
    if (fk && previous[fk] !== record[fk]) await this.refreshParent(user, previous, tx);
    await this.refreshParent(user, record, tx);
    return record;
  }

  private async deleteIn(user: SessionUser, id: number, tx: Transaction): Promise<void> {
    this.require('delete', user);
    const previous = await this.loadForWrite(user, 'delete', id, tx);
    const ctx = pluginContext(this.services, this.entity.module, user, tx);
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
    if (parent && typeof parentId === 'number') await this.services.service(parent.entity).recomputeStored(user, parentId, tx);
  }

  /** Rewrites stored computed fields from the current record and children, when they changed. */
  async recomputeStored(user: SessionUser, id: number, tx: Transaction): Promise<void> {
    const found = await this.repo.findById(id, tx);
    if (!found) return;
    const previous = await this.assemble(user, found.row, found.display, tx);
    const computed = await computeStored(this.entity, previous, pluginContext(this.services, this.entity.module, user, tx));
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
    await this.requireParentReadable(user, previous, tx);
    await checkRowValues(this.services, this.entity, user, values, tx, { selfId: id });
    // A file a transition takes as input is attached like one sent to update: only the writer's own upload.
    await this.checkValues(user, values, previous, tx);
    const computed = await computeStored(this.entity, { ...previous, ...values }, pluginContext(this.services, this.entity.module, user, tx));
    const stored = await this.storedValues(user, { ...values, ...computed }, 'update');
    if (!(await this.repo.update(id, stored, previous.version as number, tx, expected))) throw this.stale(previous);
    const record = await this.reload(user, id, tx);
    await this.finish(user, op, id, previous, record, tx, values);
    await this.refreshParent(user, record, tx);
    return record;
  }

  /** Checks the grant; throws FORBIDDEN when the user has none for this action. `at` places an inline item in its parent's data (`itens.2`). */
  require(action: 'read' | WriteAction, user: SessionUser, at?: string) {
    const access = decideAccess(this.entity, action, user);
    if (!access.allowed) {
      throw new ForbiddenError(
        at
          ? `No permission to ${action} ${this.entity.label} at ${at} (${this.entity.key})`
          : `No permission to ${action} ${this.entity.labelPlural} (${this.entity.key})`,
      );
    }
    return access;
  }

  /**
   * FORBIDDEN unless `user` may do `action` to this row: as stored (`before`,
   * the row an update or delete acts on) or as it will be (`after`). Direct
   * calls and inline items alike pass here.
   */
  requireRow(action: WriteAction, user: SessionUser, row: Row, state: 'before' | 'after', at?: string): void {
    if (mayOnRow(this.entity, action, user, row)) return;
    const where = at ? ` at ${at}` : '';
    if (state === 'before') throw new ForbiddenError(`No permission on ${this.entity.label} ${String(row.id)}${where}`);
    throw new ForbiddenError(`You may only ${action === 'create' ? 'create' : 'keep'} ${this.entity.labelPlural} that are yours${where}`);
  }

  /** The plain value of secret field `field` of record `id`, for plugin code: read grant and row rules as `get`. */
  async readSecret(user: SessionUser, id: number, field: string, tx?: Transaction): Promise<string | null> {
    const declared = this.entity.fields[field];
    if (!declared || !fieldType(declared.type).encrypted) throw ValidationError.field('field', `${field} is not a secret field of ${this.entity.key}`);
    const access = this.require('read', user);
    const found = await this.repo.findById(id, tx, access.scope);
    if (!found) throw await this.missing(id, tx);
    const stored = found.row[field];
    return stored == null ? null : this.services.secrets.decrypt(String(stored), secretFieldName(this.entity, field));
  }

  /** The row `id` as `get` would let `user` see it, without reading it for them. Nothing is looked up without a read grant. */
  async readability(user: SessionUser, id: number, tx?: Transaction): Promise<Readability> {
    const access = decideAccess(this.entity, 'read', user);
    if (!access.allowed) return 'forbidden';
    if ((await this.repo.idsWhere({ id }, 1, tx)).length === 0) return 'missing';
    return !access.scope || (await this.repo.findById(id, tx, access.scope)) ? 'readable' : 'forbidden';
  }

  /** An inline item is reached through its parent: writing it, directly or inline, needs read access to the parent row. */
  async requireParentReadable(user: SessionUser, row: Row, tx: Transaction, at?: string): Promise<void> {
    const parent = this.entity.parent;
    const parentId = parent ? row[parent.foreignKey] : undefined;
    if (!parent || typeof parentId !== 'number') return;
    const parents = this.services.service(parent.entity);
    if ((await parents.readability(user, parentId, tx)) !== 'readable') {
      throw new ForbiddenError(`No permission on ${parents.entity.label} ${parentId}${at ? ` at ${at}` : ''}`);
    }
  }

  /** The first checks of a new row, direct or inline: grant, locked fields, defaults, initial state and beforeCreate. */
  private async admitNew(user: SessionUser, input: Row, ctx: PluginContext, at?: string): Promise<Row> {
    this.require('create', user, at);
    this.admitCreate(input, at ? `${at}.` : '');
    const data = applyDefaults(this.entity, structuredClone(input), this.services.timeZone);
    if (this.entity.workflow) data[this.entity.workflow.field] = this.entity.workflow.initial;
    await this.entity.hooks.beforeCreate?.({ data, ctx });
    return data;
  }

  /** NOT_FOUND when the row does not exist; FORBIDDEN when the user may not `action` it (row rules) or read its parent. */
  private async loadForWrite(user: SessionUser, action: WriteAction, id: number, tx: Transaction): Promise<Row> {
    const found = await this.repo.findById(id, tx);
    if (!found) throw new NotFoundError(`${this.entity.label} ${id} not found`);
    const stored = toWireRow(this.entity, found.row, {});
    this.requireRow(action, user, stored, 'before');
    await this.requireParentReadable(user, stored, tx);
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
    const ctx = pluginContext(this.services, this.entity.module, user, tx);
    await hideUnreadableDisplays(this.services, this.entity, user, [stored], [display], tx);
    const row = toWireRow(this.entity, stored, display);
    Object.assign(row, await this.childrenRecord(user, stored.id, tx));
    await this.decorateRows(this.entity, [row], tx);
    return withReadComputed(this.entity, row, ctx);
  }

  private async childrenRecord(user: SessionUser, parentId: number, tx?: Transaction): Promise<Record<string, Row[]>> {
    const record: Record<string, Row[]> = {};
    for (const field of this.childFields()) {
      const child = this.services.model.entity(field.child!.entity);
      const { rows, displays } = await this.services.repos.repo(child.key).findByParent(field.child!.foreignKey, parentId, tx);
      await hideUnreadableDisplays(this.services, child, user, rows, displays, tx);
      const ctx = pluginContext(this.services, child.module, user, tx);
      record[field.name] = await Promise.all(rows.map((r, i) => withReadComputed(child, toWireRow(child, r, displays[i]!), ctx)));
      await this.decorateRows(child, record[field.name]!, tx);
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

  /** New inline items, checked as direct creates are, with defaults, hooks and computed values, before the parent computes its totals. */
  private async prepareChildren(user: SessionUser, children: Record<string, Row[]>, tx: Transaction): Promise<Record<string, Row[]>> {
    const byField: Record<string, Row[]> = {};
    for (const [name, rows] of Object.entries(children)) {
      const { entity: childKey, foreignKey } = this.entity.fields[name]!.child!;
      const items = this.services.service(childKey);
      byField[name] = [];
      for (const [i, input] of rows.entries()) byField[name].push(await items.prepareInline(user, input, foreignKey, `${name}.${i}`, tx));
    }
    return byField;
  }

  private async insertChildren(user: SessionUser, parentId: number, byField: Record<string, Row[]>, tx: Transaction): Promise<void> {
    for (const [name, rows] of Object.entries(byField)) {
      const { entity: childKey, foreignKey } = this.entity.fields[name]!.child!;
      const items = this.services.service(childKey);
      for (const [i, row] of rows.entries()) await items.insertInline(user, { ...row, [foreignKey]: parentId }, `${name}.${i}`, tx);
    }
  }

  /** Replaces each given children list: rows with an id are updated when they changed, new rows created, missing rows deleted. */
  private async syncChildren(user: SessionUser, parentId: number, children: Record<string, Row[]>, tx: Transaction): Promise<void> {
    for (const [name, rows] of Object.entries(children)) {
      const { entity: childKey, foreignKey } = this.entity.fields[name]!.child!;
      const items = this.services.service(childKey);
      const existing = new Map((await items.repo.findByParent(foreignKey, parentId, tx)).rows.map((r) => [r.id, r]));
      const keep = new Set<number>();
      for (const [i, input] of rows.entries()) {
        const at = `${name}.${i}`;
        const { id, ...data } = input;
        if (id === undefined) {
          const row = await items.prepareInline(user, data, foreignKey, at, tx);
          await items.insertInline(user, { ...row, [foreignKey]: parentId }, at, tx);
          continue;
        }
        const stored = existing.get(id as number);
        if (!stored) throw ValidationError.field(`data.${at}.id`, `is not an item of this ${this.entity.label}`);
        keep.add(stored.id);
        await items.updateInline(user, stored, data, foreignKey, at, tx);
      }
      for (const stored of existing.values()) if (!keep.has(stored.id)) await items.deleteInline(user, stored, `${name}, id ${stored.id}`, tx);
    }
  }

  /** A new inline item up to its insert: the checks of a direct create (but the row rule, which needs the parent id), defaults, hooks, computed values. */
  private async prepareInline(user: SessionUser, input: Row, foreignKey: string, at: string, tx: Transaction): Promise<Row> {
    const { id: _ignored, [foreignKey]: _parent, ...fresh } = input;
    const ctx = pluginContext(this.services, this.entity.module, user, tx);
    const data = await this.admitNew(user, fresh, ctx, at);
    checkRequired(this.entity, data, `${at}.`, foreignKey);
    await checkRowValues(this.services, this.entity, user, data, tx, { prefix: `${at}.` });
    await this.checkValues(user, data, undefined, tx, `${at}.`);
    return { ...data, ...(await computeStored(this.entity, data, ctx)) };
  }

  /** Inserts a prepared inline item, once its row rule and its parent allow it. */
  private async insertInline(user: SessionUser, row: Row, at: string, tx: Transaction): Promise<void> {
    this.requireRow('create', user, asCreatedBy(user, row), 'after', at);
    await this.requireParentReadable(user, row, tx, at);
    await this.repo.insert(await this.storedValues(user, row, 'create'), tx);
  }

  /** An inline item sent again: unchanged it is left alone (no update grant needed), changed it passes what a direct update passes. */
  private async updateInline(user: SessionUser, stored: StoredRow, input: Row, foreignKey: string, at: string, tx: Transaction): Promise<void> {
    const previous = toWireRow(this.entity, stored, {});
    // The parent is the one being saved; an item moves to another one through its own update.
    const { [foreignKey]: _parent, ...sent } = input;
    const data = changedValues(this.entity, sent, previous);
    if (Object.keys(data).length === 0) return;
    this.require('update', user, at);
    this.requireRow('update', user, previous, 'before', at);
    await this.requireParentReadable(user, previous, tx, at);
    this.admitUpdate(data, previous, `${at}.`);
    const merged = { ...previous, ...data };
    this.requireRow('update', user, merged, 'after', at);
    await checkRowValues(this.services, this.entity, user, data, tx, { prefix: `${at}.`, selfId: stored.id });
    await this.checkValues(user, data, previous, tx, `${at}.`);
    const values = { ...data, ...(await computeStored(this.entity, merged, pluginContext(this.services, this.entity.module, user, tx))) };
    await this.repo.update(stored.id, await this.storedValues(user, values, 'update'), stored.version, tx);
  }

  /** An inline item left out of its list: deleted when a direct delete would be allowed. */
  private async deleteInline(user: SessionUser, stored: StoredRow, at: string, tx: Transaction): Promise<void> {
    const previous = toWireRow(this.entity, stored, {});
    this.require('delete', user, at);
    this.requireRow('delete', user, previous, 'before', at);
    await this.requireParentReadable(user, previous, tx, at);
    await this.repo.delete(stored.id, tx);
  }

  /** What the features refuse of a new row or an update (workflow: locked fields); checks of values inside the write follow in checkValues. */
  private admitCreate(input: Row, prefix: string): void {
    for (const e of this.services.extensions) e.admitCreate?.(this.entity, input, prefix);
  }

  private admitUpdate(input: Row, previous: Row, prefix: string): void {
    for (const e of this.services.extensions) e.admitUpdate?.(this.entity, input, previous, prefix);
  }

  private async checkValues(user: SessionUser, data: Row, previous: Row | undefined, tx: Transaction, prefix = ''): Promise<void> {
    for (const e of this.services.extensions) await e.checkValues?.(this.entity, user, data, previous, tx, prefix);
  }

  private async decorateRows(entity: EntityModel, rows: Row[], tx?: Transaction): Promise<void> {
    for (const e of this.services.extensions) await e.decorateRows?.(entity, rows, tx);
  }

  private storedValues(user: SessionUser, data: Row, mode: 'create' | 'update') {
    return storedValuesOf(this.services, this.entity, user, data, mode);
  }

  /** Audit entry and live event of a write; `written` is what it was asked to write (a secret replaced by another shows only there). */
  private async finish(user: SessionUser, op: AuditOp, id: number, before: Row | null, after: Row | null, tx: Transaction, written?: Row): Promise<void> {
    if (this.entity.key !== AUDIT_ENTITY) {
      const changes = diffRows(this.entity, before, after, written);
      const entry = { entity: this.entity, recordId: id, op, changes, userId: userOrNull(user) };
      await this.services.repos.writeBeside(
        this.entity.key,
        AUDIT_ENTITY,
        tx,
        (t) => recordAudit(this.services.repos.repo(AUDIT_ENTITY), entry, t),
        (e) => this.services.log.error({ err: e, entity: this.entity.key, id }, 'audit entry could not be written'),
      );
    }
    const version = Number((after ?? before)?.version ?? 0);
    tx.afterCommit(() => this.services.changes.publish({ module: this.entity.module, entity: this.entity.name, id, op, version, by: userOrNull(user) }));
  }

  /** Writes in the caller's transaction, or in a new one (IMMEDIATE on SQLite, so writers queue instead of failing). */
  async inTransaction<T>(tx: Transaction | undefined, work: (t: Transaction) => Promise<T>): Promise<T> {
    if (tx) return work(tx);
    try {
      return await this.services.repos.datasourceOf(this.entity.key).writeTransaction(work);
    } catch (e) {
      throw translateDbError(this.entity, e);
    }
  }
}

function userOrNull(user: SessionUser): number | null {
  return user.id > 0 ? user.id : null;
}

/** A new row as the row rules see it: with the creator it will be saved with (rules such as `created_by: $user.id`). */
function asCreatedBy(user: SessionUser, row: Row): Row {
  return { ...row, created_by: userOrNull(user), updated_by: userOrNull(user) };
}

/** Wire values → column values, with system columns and hashed passwords. */
async function storedValuesOf(
  services: ServiceDeps,
  entity: EntityModel,
  user: SessionUser,
  data: Row,
  mode: 'create' | 'update',
): Promise<Record<string, unknown>> {
  const prepared = { ...data };
  for (const field of entity.columns) {
    if (field.type !== 'password' || !(field.name in prepared)) continue;
    const plain = prepared[field.name];
    if (plain === null || plain === '') delete prepared[field.name];
    else prepared[field.name] = await services.hashPassword(String(plain));
  }
  for (const field of entity.columns) {
    const plain = prepared[field.name];
    if (fieldType(field.type).encrypted && typeof plain === 'string')
      prepared[field.name] = services.secrets.encrypt(plain, secretFieldName(entity, field.name));
  }
  let values: Record<string, unknown>;
  try {
    values = dataToStored(entity, prepared);
  } catch (e) {
    throw new ValidationError((e as Error).message);
  }
  if (!entity.managed) return values;
  const now = new Date();
  const by = userOrNull(user);
  if (mode === 'create') Object.assign(values, { version: 1, created_at: now, created_by: by });
  return Object.assign(values, { updated_at: now, updated_by: by });
}

/** What a secret is bound to when encrypted: its field, so it decrypts nowhere else. */
function secretFieldName(entity: EntityModel, field: string): string {
  return `${entity.key}.${field}`;
}

/** Database constraint errors → typed errors naming the fields. */
function translateDbError(entity: EntityModel, e: unknown): unknown {
  if (e instanceof UniqueConstraintError) {
    const key = violatedKey(entity, e);
    if (!key) return new ValidationError(`${entity.label}: a unique value already exists`, [{ path: 'data', message: 'already exists' }]);
    const labels = key.fields.map((f) => entity.fields[f]?.label ?? f);
    const message = labels.length === 1 ? 'already exists' : `the combination of ${labels.join(', ')} already exists`;
    const issues = key.fields.map((f) => ({ path: `data.${f}`, message }));
    return new ValidationError(`${entity.label}: ${labels.length === 1 ? `${labels[0]} ${message}` : message}`, issues);
  }
  if (e instanceof ForeignKeyConstraintError) {
    return new ConflictError(`${entity.label} is still referenced by other records (or references a missing one)`);
  }
  return e;
}

/**
 * The unique key a write broke. MySQL/MariaDB name the index (`for key
 * 'uq_…'`, `table.uq_…` on MySQL 8), which Sequelize hands over as the only
 * key of `fields`; SQLite names the columns (`UNIQUE constraint failed: t.a, t.b`),
 * which match exactly one key since the manifest check allows no two keys on the same columns.
 */
function violatedKey(entity: EntityModel, e: UniqueConstraintError): UniqueKey | undefined {
  // Sequelize's typings say a record; its SQLite dialect hands over the array of column names.
  const fields: object = e.fields ?? {};
  const named = (Array.isArray(fields) ? fields.map(String) : Object.keys(fields)).map((f) => f.toLowerCase());
  const keys = uniqueKeys(entity);
  const byName = keys.find((k) => named.includes(k.name.toLowerCase()));
  if (byName) return byName;
  const columns = [...named].sort().join(',');
  return keys.find(
    (k) =>
      [...k.columns]
        .map((c) => c.toLowerCase())
        .sort()
        .join(',') === columns,
  );
}
