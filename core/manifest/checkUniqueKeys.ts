/**
 * Checks of an entity's composite unique keys (`"unique": [["cnpj", "operadora"]]`)
 * a JSON Schema cannot make: every part a stored, indexable field of the entity,
 * no key said twice, and a key short enough for a MySQL/MariaDB index.
 */
import type { EntityDef } from './types.js';
import { pointer } from './issues.js';
import { fieldType, hasColumn, type ColumnShape } from '../fields/index.js';

/** InnoDB's limit on the bytes of one index key (DYNAMIC rows). */
const MAX_KEY_BYTES = 3072;

/** Bytes one part of a key takes in a MySQL/MariaDB index: utf8mb4 strings take 4 per character. */
function keyBytes(column: ColumnShape): number {
  if (column.kind === 'string') return 4 * (column.length ?? 255);
  return column.kind === 'bigint' || column.kind === 'datetime' ? 8 : 4;
}

export function checkUniqueKeys(name: string, entity: EntityDef, add: (path: string, message: string) => void): void {
  const seen = new Map<string, number>();
  (entity.unique ?? []).forEach((key, i) => {
    const at = (...rest: Array<string | number>) => pointer('entities', name, 'unique', i, ...rest);
    const columns = key.map((f, j) => keyColumn(name, entity, f, at(j), add));
    if (key.length === 1) {
      const single = entity.fields[key[0]!];
      const already = single && 'unique' in single && single.unique;
      add(at(), already ? `field "${key[0]}" is already "unique": true; remove this key` : `a key of one field is "unique": true on field "${key[0]}"`);
    }
    const sameAs = seen.get([...key].sort().join(','));
    if (sameAs !== undefined) add(at(), `the same fields as unique key ${sameAs} (${key.join(', ')})`);
    else seen.set([...key].sort().join(','), i);
    if (columns.every((c) => c !== undefined)) {
      const bytes = columns.reduce((sum, c) => sum + keyBytes(c!), 0);
      if (bytes > MAX_KEY_BYTES) {
        add(at(), `the key takes up to ${bytes} bytes in a MySQL/MariaDB index, more than ${MAX_KEY_BYTES}: lower the maxLength of its string fields`);
      }
    }
  });
}

/** The column of one key part, or undefined (and an issue) when the field cannot be part of a unique index. */
function keyColumn(name: string, entity: EntityDef, field: string, at: string, add: (path: string, message: string) => void): ColumnShape | undefined {
  const def = entity.fields[field];
  if (!def) {
    add(at, `unique key field "${field}" is not a field of "${name}"`);
    return undefined;
  }
  const type = fieldType(def.type);
  if (!hasColumn(def) || !type.column) {
    add(at, `unique key field "${field}" is a ${def.type} field, which has no column of its own to index`);
    return undefined;
  }
  // Only the kind and (defaulted) length matter here; the table a relation points to does not.
  const column = type.column({ ...def, ...type.defaults?.(def as never, '') } as never, () => '');
  if (column.kind === 'text' || column.kind === 'json') {
    add(at, `unique key field "${field}" is a ${def.type} field: long text cannot be part of a unique index; use a string field with a maxLength`);
    return undefined;
  }
  return column;
}
