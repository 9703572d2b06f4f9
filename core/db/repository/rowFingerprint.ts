/**
 * What stands in for the optimistic `version` of a row in a table Forja does
 * not manage (no version column): a fingerprint of the row's stored values.
 * Any change to a declared column changes it, so a write carrying the
 * fingerprint the writer read is refused once someone else changed the row.
 */
import { createHash } from 'node:crypto';
import type { EntityModel } from '../../model/types.js';

/** 48 bits of SHA-256 over the row's declared columns in declaration order: a positive safe integer, like a version. */
export function rowFingerprint(entity: EntityModel, row: Record<string, unknown>): number {
  const values = entity.columns.map((f) => canonical(row[f.name]));
  const digest = createHash('sha256').update(JSON.stringify(values)).digest('hex');
  return Number.parseInt(digest.slice(0, 12), 16) || 1;
}

/** One stored value in a form that does not depend on how the driver handed it over. */
function canonical(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return String(value);
}
