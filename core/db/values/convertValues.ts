/**
 * Wire ↔ database value conversion for declared fields. The wire carries
 * decimals as strings, dates as `YYYY-MM-DD`, datetimes as ISO-8601 and JSON
 * as values; the database holds integers of decimal units, JSON text and
 * whatever the dialect returns for dates.
 */
import type { EntityModel, FieldModel } from '../../model/types.js';
import { fieldType } from '../../fields/index.js';
import { toIso } from '../../values/storedDate.js';

/** One wire value → its stored form. Throws RangeError for a value the column cannot hold (e.g. a decimal that does not fit). */
export function toStoredValue(field: FieldModel, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const type = fieldType(field.type);
  return type.toStored ? type.toStored(field, value) : value;
}

/** One stored value → its wire form. */
export function fromStoredValue(field: FieldModel, value: unknown): unknown {
  return readerFor(field)(value);
}

const fieldReaders = new WeakMap<FieldModel, (value: unknown) => unknown>();

/** The stored → wire conversion of one field, chosen once per field (rows are converted on every read, values on every update). */
function readerFor(field: FieldModel): (value: unknown) => unknown {
  let reader = fieldReaders.get(field);
  if (!reader) {
    const convert = fieldType(field.type).reader?.(field);
    reader = convert ? (v) => (v === null || v === undefined ? null : convert(v)) : (v) => (v === undefined ? null : v);
    fieldReaders.set(field, reader);
  }
  return reader;
}

type Converter = readonly [name: string, convert: (value: unknown) => unknown];

const readers = new WeakMap<EntityModel, Converter[]>();

/** One converter per readable column, built once per entity: rows are converted on every read. */
function readersOf(entity: EntityModel): Converter[] {
  let list = readers.get(entity);
  if (!list) {
    list = entity.columns.filter((f) => !fieldType(f.type).secret).map((f) => [f.name, readerFor(f)] as const);
    readers.set(entity, list);
  }
  return list;
}

/** A stored row → wire row: declared fields converted, passwords never leave. */
export function rowFromStored(entity: EntityModel, stored: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { id: Number(stored.id), version: Number(stored.version) };
  for (const [name, convert] of readersOf(entity)) row[name] = convert(stored[name]);
  // A table Forja does not manage has no columns of its own bookkeeping.
  if (!entity.managed) return row;
  row.created_at = stored.created_at == null ? null : toIso(stored.created_at);
  row.updated_at = stored.updated_at == null ? null : toIso(stored.updated_at);
  row.created_by = stored.created_by == null ? null : Number(stored.created_by);
  row.updated_by = stored.updated_by == null ? null : Number(stored.updated_by);
  return row;
}

/** Wire data → stored column values, for the declared columns present in `data`. */
export function dataToStored(entity: EntityModel, data: Record<string, unknown>): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const field of entity.columns) {
    if (field.name in data) stored[field.name] = toStoredValue(field, data[field.name]);
  }
  return stored;
}
