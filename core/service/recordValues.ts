import type { Transaction } from 'sequelize';
import type { EntityModel, FieldModel } from '../model/types.js';
import type { PluginContext, Row, SessionUser } from '../plugin/types.js';
import { ForbiddenError, ValidationError, type Issue } from '../errors/index.js';
import { fromStoredValue, rowFromStored, toStoredValue } from '../db/values/convertValues.js';
import { fieldType } from '../fields/index.js';
import type { StoredRow } from '../db/repository/entityRepository.js';
import type { Readability, ServiceContext } from './entityOperations.js';
import { SYSTEM_USER } from './systemUser.js';
import { referencedByAnyone } from '../auth/readReach.js';

/** Fills defaults the database cannot hold as literals (`now`, JSON) and the rest, on create. */
export function applyDefaults(entity: EntityModel, data: Row, timeZone: string): Row {
  const at = { now: new Date(), timeZone };
  for (const field of Object.values(entity.fields)) {
    if (data[field.name] !== undefined || !('default' in field) || field.default === undefined) continue;
    const initial = fieldType(field.type).initialValue;
    data[field.name] = initial ? initial(field, at) : structuredClone(field.default);
  }
  return data;
}

/**
 * Checks JSON Schema cannot make, each as a clear per-field error before the
 * database would refuse vaguely: decimal places and bounds, relations that
 * point at nothing, unique values already taken (the unique index stays the
 * guard against races). A relation may only point at a row the writer may
 * read: FORBIDDEN otherwise, decided as that entity's `get` decides, so the
 * answer tells no more about rows the writer cannot see than `get` does.
 */
export async function checkRowValues(
  services: ServiceContext,
  entity: EntityModel,
  user: SessionUser,
  data: Row,
  tx: Transaction,
  at: { prefix?: string; selfId?: number } = {},
): Promise<void> {
  const path = (field: string) => `data.${at.prefix ?? ''}${field}`;
  const issues = valueIssues(entity, data, path);
  const unreadable: string[] = [];
  for (const field of entity.columns) {
    const value = data[field.name];
    if (value === null || value === undefined) continue;
    if (field.target !== undefined) {
      const target = services.model.entity(field.target);
      const sameDb = target.datasource === entity.datasource;
      const seen = await readabilityForReference(services, target, user, Number(value), sameDb ? tx : undefined);
      if (seen === 'forbidden') unreadable.push(`${path(field.name)}: no permission to read ${target.label} ${String(value)}`);
      if (seen === 'missing') issues.push({ path: path(field.name), message: `no ${target.label} with id ${String(value)}` });
    }
    if ('unique' in field && field.unique && !issues.some((i) => i.path === path(field.name))) {
      const taken = await services.repos.repo(entity.key).idsWhere({ [field.name]: value }, 2, tx);
      if (taken.some((id) => id !== at.selfId)) issues.push({ path: path(field.name), message: `${String(value)} already exists` });
    }
  }
  if (unreadable.length) throw new ForbiddenError(unreadable.join('; '));
  if (issues.length) throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

function readabilityForReference(
  services: ServiceContext,
  target: EntityModel,
  user: SessionUser,
  id: number,
  tx: Transaction | undefined,
): Promise<Readability> {
  return services.service(target.key).readability(referencedByAnyone(target) ? SYSTEM_USER : user, id, tx);
}

/**
 * The fields of `data` whose value differs from the stored row's (wire form,
 * compared as they would be stored): forms send an item whole, and an item
 * sent as it is stored is no change. What is never written as sent (system
 * columns, computed values, `_display`) is no change either.
 */
export function changedValues(entity: EntityModel, data: Row, previous: Row): Row {
  const changed: Row = {};
  for (const [name, value] of Object.entries(data)) {
    const field = entity.fields[name];
    if (!field?.stored || fieldType(field.type).writable === false) continue;
    if (!sameAsStored(field, value, previous[name])) changed[name] = value;
  }
  return changed;
}

function sameAsStored(field: FieldModel, value: unknown, stored: unknown): boolean {
  // A password is never read back: an empty one keeps the current password, any other is a change.
  if (fieldType(field.type).secret) return value === null || value === '';
  try {
    return JSON.stringify(fromStoredValue(field, toStoredValue(field, value)) ?? null) === JSON.stringify(stored ?? null);
  } catch {
    return false; // a value the field cannot hold: checkRowValues names it
  }
}

/** Required fields a new row lacks (after defaults and hooks). */
export function checkRequired(entity: EntityModel, data: Row, prefix: string, except?: string): void {
  const issues: Issue[] = Object.values(entity.fields)
    .filter((f) => 'required' in f && f.required && f.stored && !fieldType(f.type).secret && f.name !== except)
    .filter((f) => data[f.name] === undefined || data[f.name] === null)
    .map((f) => ({ path: `data.${prefix}${f.name}`, message: 'is required' }));
  if (issues.length) throw new ValidationError(issues.map((i) => `${i.path} ${i.message}`).join('; '), issues);
}

/** Values of stored computed fields for a record about to be saved. */
export async function computeStored(entity: EntityModel, record: Row, ctx: PluginContext): Promise<Row> {
  const out: Row = {};
  for (const field of Object.values(entity.fields)) {
    if (field.type === 'computed' && field.stored) out[field.name] = await entity.computed[field.name]!({ ...record, ...out }, ctx);
  }
  return out;
}

/** Fields computed at read time, listed once per entity. */
const readComputed = new WeakMap<EntityModel, string[]>();

export function readComputedFields(entity: EntityModel): string[] {
  let names = readComputed.get(entity);
  if (!names) {
    names = Object.values(entity.fields)
      .filter((f) => f.type === 'computed' && !f.stored)
      .map((f) => f.name);
    readComputed.set(entity, names);
  }
  return names;
}

/** Adds read-time computed fields to a wire row. */
export async function withReadComputed(entity: EntityModel, row: Row, ctx: PluginContext): Promise<Row> {
  for (const name of readComputedFields(entity)) row[name] = await entity.computed[name]!(row, ctx);
  return row;
}

/** Stored row → wire row, with relations' display values under `_display`. */
export function toWireRow(entity: EntityModel, stored: StoredRow, display: Record<string, string | null>): Row {
  const row = rowFromStored(entity, stored) as Row;
  if (Object.keys(display).length > 0) row._display = display;
  return row;
}

/** Problems of schema-valid values the schema cannot see, as each field's type finds them (decimal places, bounds). */
function valueIssues(entity: EntityModel, data: Row, path: (field: string) => string): Issue[] {
  const issues: Issue[] = [];
  for (const field of entity.columns) {
    const value = data[field.name];
    if (value === null || value === undefined) continue;
    for (const message of fieldType(field.type).valueIssues?.(field, value) ?? []) issues.push({ path: path(field.name), message });
  }
  return issues;
}
