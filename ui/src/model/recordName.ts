import type { EntityDescription, RecordRow } from './modelTypes.js';

/** What a record is called on screen: its display field, or its number when that is empty. */
export function recordName(entity: EntityDescription, row: RecordRow): string {
  const value = row[entity.display];
  return value === null || value === undefined || value === '' ? `#${row.id}` : String(value);
}
