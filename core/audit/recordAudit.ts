import type { Transaction } from 'sequelize';
import type { EntityModel } from '../model/types.js';
import type { EntityRepository } from '../db/repository/entityRepository.js';
import { SYSTEM_COLUMNS } from '../manifest/index.js';
import { fieldType } from '../fields/index.js';

export type AuditOp = 'create' | 'update' | 'delete' | 'transition';

/** Field → [before, after]; secrets are never written to the trail. */
export type AuditChanges = Record<string, [unknown, unknown]>;

/** What the trail holds for a secret that is set: that it is, never what it is. */
export const SECRET_IN_TRAIL = '***';

const SKIPPED = new Set<string>([...SYSTEM_COLUMNS, '_display', '_files']);

/**
 * The changed fields between two wire rows (either may be null for create/delete).
 * `written`, the values the write was given, shows a secret replaced by another:
 * both rows only say that one is set.
 */
export function diffRows(
  entity: EntityModel,
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  written: Record<string, unknown> = {},
): AuditChanges {
  const changes: AuditChanges = {};
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const name of names) {
    // An unmanaged table may declare fields named like system columns (its own created_at): those are data.
    if (SKIPPED.has(name) && !entity.fields[name]) continue;
    if (isEncrypted(entity, name)) {
      const secretChange = secretChangeOf(before?.[name] ?? null, after?.[name] ?? null, typeof written[name] === 'string');
      if (secretChange) changes[name] = secretChange;
      continue;
    }
    const b = withoutBookkeeping(before?.[name] ?? null);
    const a = withoutBookkeeping(after?.[name] ?? null);
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    const field = entity.fields[name];
    changes[name] = field && fieldType(field.type).secret ? ['***', '***'] : [b, a];
  }
  return changes;
}

function isEncrypted(entity: EntityModel, name: string): boolean {
  const field = entity.fields[name];
  return field !== undefined && fieldType(field.type).encrypted === true;
}

/** Set, cleared or replaced: recorded as whether one was set before and after. */
function secretChangeOf(before: unknown, after: unknown, replaced: boolean): [unknown, unknown] | undefined {
  if (before === after && !replaced) return undefined;
  return [before === null ? null : SECRET_IN_TRAIL, after === null ? null : SECRET_IN_TRAIL];
}

/** Children rows are recorded by their own fields and id, without timestamps and display values. */
function withoutBookkeeping(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((item) =>
    item && typeof item === 'object' ? Object.fromEntries(Object.entries(item).filter(([k]) => k === 'id' || !SKIPPED.has(k))) : item,
  );
}

/** Writes one audit entry inside the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(
  audit: EntityRepository,
  entry: { entity: EntityModel; recordId: number; op: AuditOp; changes: AuditChanges; userId: number | null },
  transaction: Transaction,
): Promise<void> {
  const now = new Date();
  await audit.insert(
    {
      module: entry.entity.module,
      entity: entry.entity.name,
      record_id: entry.recordId,
      op: entry.op,
      changes: JSON.stringify(entry.changes),
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: entry.userId,
      updated_by: entry.userId,
    },
    transaction,
  );
}
