import type { Transaction } from 'sequelize';
import type { EntityModel } from '../model/types.js';
import type { PluginContext, Row } from '../plugin/types.js';
import { ValidationError, type Issue } from '../errors/index.js';
import { rowFromStored } from '../db/values/convertValues.js';
import type { StoredRow } from '../db/repository/entityRepository.js';
import type { DataLayer } from './dataLayer.js';

/** Fills defaults the database cannot hold as literals (`now`, JSON) and the rest, on create. */
export function applyDefaults(entity: EntityModel, data: Row): Row {
  for (const field of Object.values(entity.fields)) {
    if (data[field.name] !== undefined || !('default' in field) || field.default === undefined) continue;
    if (field.default === 'now' && field.type === 'date') data[field.name] = new Date().toISOString().slice(0, 10);
    else if (field.default === 'now' && field.type === 'datetime') data[field.name] = new Date().toISOString();
    else data[field.name] = structuredClone(field.default);
  }
  return data;
}

/**
 * Checks JSON Schema cannot make: decimal bounds, and relations that point at
 * nothing (a clear per-field error before the database complains vaguely).
 */
export async function checkRowValues(layer: DataLayer, entity: EntityModel, data: Row, tx: Transaction, prefix = ''): Promise<void> {
  const issues = decimalBoundIssues(entity, data, prefix);
  for (const field of entity.columns) {
    const id = data[field.name];
    if (field.type !== 'relation' || id === null || id === undefined) continue;
    const target = layer.model.entity(field.target!);
    const sameDb = target.datasource === entity.datasource;
    if (!(await layer.repo(target.key).findById(Number(id), sameDb ? tx : undefined))) {
      issues.push({ path: `data.${prefix}${field.name}`, message: `no ${target.label} with id ${String(id)}` });
    }
  }
  if (issues.length) throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Values of stored computed fields for a record about to be saved. */
export async function computeStored(entity: EntityModel, record: Row, ctx: PluginContext): Promise<Row> {
  const out: Row = {};
  for (const field of Object.values(entity.fields)) {
    if (field.type === 'computed' && field.stored) out[field.name] = await entity.computed[field.name]!({ ...record, ...out }, ctx);
  }
  return out;
}

/** Adds read-time computed fields to a wire row. */
export async function withReadComputed(entity: EntityModel, row: Row, ctx: PluginContext): Promise<Row> {
  for (const field of Object.values(entity.fields)) {
    if (field.type === 'computed' && !field.stored) row[field.name] = await entity.computed[field.name]!(row, ctx);
  }
  return row;
}

/** Stored row → wire row, with relations' display values under `_display`. */
export function toWireRow(entity: EntityModel, stored: StoredRow, display: Record<string, string | null>): Row {
  const row = rowFromStored(entity, stored) as Row;
  if (Object.keys(display).length > 0) row._display = display;
  return row;
}

function decimalBoundIssues(entity: EntityModel, data: Row, prefix: string): Issue[] {
  const issues: Issue[] = [];
  for (const field of entity.columns) {
    const value = data[field.name];
    if (field.type !== 'decimal' || value === null || value === undefined) continue;
    const n = Number(value);
    if (field.min !== undefined && n < field.min) issues.push({ path: `data.${prefix}${field.name}`, message: `must be >= ${field.min}` });
    if (field.max !== undefined && n > field.max) issues.push({ path: `data.${prefix}${field.name}`, message: `must be <= ${field.max}` });
  }
  return issues;
}
