/** An audit entry's `changes` (`{ field: [before, after] }`) as rows to show. Pure. */
import type { EntityDescription, FieldDescription } from '../model/modelTypes.js';

export interface AuditEntry {
  id: number;
  op: 'create' | 'update' | 'delete' | 'transition';
  changes: Record<string, [unknown, unknown]> | null;
  created_at: string;
  created_by: number | null;
}

export interface ChangeRow {
  field: FieldDescription | undefined;
  name: string;
  before: unknown;
  after: unknown;
}

/** Changed fields in the entity's declaration order; unknown names (removed fields) last. */
export function changeRows(entity: EntityDescription, changes: AuditEntry['changes']): ChangeRow[] {
  if (!changes) return [];
  const order = new Map(entity.fields.map((f, i) => [f.name, i]));
  return Object.entries(changes)
    .map(([name, pair]) => ({ name, field: entity.fields.find((f) => f.name === name), before: pair?.[0] ?? null, after: pair?.[1] ?? null }))
    .sort((a, b) => (order.get(a.name) ?? 1e9) - (order.get(b.name) ?? 1e9));
}
