/**
 * Wire ↔ database value conversion for declared fields. The wire carries
 * decimals as strings, dates as `YYYY-MM-DD`, datetimes as ISO-8601 and JSON
 * as values; the database holds integers of decimal units, JSON text and
 * whatever the dialect returns for dates.
 */
import type { EntityModel, FieldModel } from '../../model/types.js';
import { fromStoredDecimal, toStoredDecimal } from '../../values/decimal.js';

type Kind = 'decimal' | 'json' | 'boolean' | 'date' | 'datetime' | 'plain';

function kindOf(field: FieldModel): Kind {
  const type = field.type === 'computed' ? field.returns : field.type;
  if (type === 'decimal') return 'decimal';
  if (type === 'json') return 'json';
  if (type === 'boolean') return 'boolean';
  if (type === 'date') return 'date';
  if (type === 'datetime') return 'datetime';
  return 'plain';
}

/** One wire value → its stored form. Throws RangeError for decimals that do not fit. */
export function toStoredValue(field: FieldModel, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kindOf(field)) {
    case 'decimal':
      return toStoredDecimal(value as string | number, field.scale!);
    case 'json':
      return JSON.stringify(value);
    case 'datetime':
      return new Date(value as string);
    default:
      return value;
  }
}

/** One stored value → its wire form. */
export function fromStoredValue(field: FieldModel, value: unknown): unknown {
  return readerFor(field)(value);
}

/** The stored → wire conversion of one field, chosen once (rows are converted on every read). */
function readerFor(field: FieldModel): (value: unknown) => unknown {
  const nullSafe = (convert: (v: unknown) => unknown) => (v: unknown) => (v === null || v === undefined ? null : convert(v));
  switch (kindOf(field)) {
    case 'decimal': {
      const scale = field.scale!;
      return nullSafe((v) => fromStoredDecimal(v as number, scale));
    }
    case 'json':
      return nullSafe((v) => (typeof v === 'string' ? JSON.parse(v) : v));
    case 'boolean':
      return nullSafe((v) => v === true || v === 1 || v === '1' || v === 'Y');
    case 'date':
      return nullSafe((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)));
    case 'datetime':
      return nullSafe(toIso);
    default:
      return nullSafe((v) => v);
  }
}

/** ISO-8601 of a stored datetime; SQLite's text form is rewritten by position, without a Date. */
export function toIso(value: unknown): string {
  if (typeof value === 'string' && isSqliteUtcText(value)) return `${value.slice(0, 10)}T${value.slice(11, 23)}Z`;
  return parseStoredDate(value).toISOString();
}

function isSqliteUtcText(text: string): boolean {
  return text.length === 29 && text.endsWith(' +00:00');
}

/** A datetime as the dialect returns it (Date, or SQLite's `YYYY-MM-DD HH:MM:SS.sss +00:00`). */
export function parseStoredDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  if (isSqliteUtcText(text)) return new Date(`${text.slice(0, 10)}T${text.slice(11, 23)}Z`);
  return new Date(text);
}

type Converter = readonly [name: string, convert: (value: unknown) => unknown];

const readers = new WeakMap<EntityModel, Converter[]>();

/** One converter per readable column, built once per entity: rows are converted on every read. */
function readersOf(entity: EntityModel): Converter[] {
  let list = readers.get(entity);
  if (!list) {
    list = entity.columns.filter((f) => f.type !== 'password').map((f) => [f.name, readerFor(f)] as const);
    readers.set(entity, list);
  }
  return list;
}

/** A stored row → wire row: declared fields converted, passwords never leave. */
export function rowFromStored(entity: EntityModel, stored: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { id: Number(stored.id), version: Number(stored.version) };
  for (const [name, convert] of readersOf(entity)) row[name] = convert(stored[name]);
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
