/**
 * Which field each column of a CSV file fills: matched automatically by the
 * field's name or label (case, accents, blanks and punctuation ignored), or as
 * the user chose; and the unique keys an import may match existing records on.
 */
import type { EntityModel, FieldModel } from '../model/types.js';
import { ValidationError } from '../errors/index.js';
import { fieldType, isWriteOnlyText } from '../fields/index.js';
import { uniqueKeys } from '../db/schema/tableSpec.js';

/** Column index → field name, or null for a column left out. */
export type ColumnMapping = (string | null)[];

/**
 * Fields a CSV cell can fill: those a client may write that have a CSV text,
 * or are write-only text (passwords, secrets: taken as plain text, never shown back); not files,
 * json, children or computed values, nor the workflow's state, which only
 * transitions move.
 */
export function importableFields(entity: EntityModel): FieldModel[] {
  return Object.values(entity.fields).filter((f) => {
    const type = fieldType(f.type);
    const hasText = type.csv !== undefined || isWriteOnlyText(f.type);
    return f.stored && type.writable !== false && hasText && !type.holdsFile && f.name !== entity.workflow?.field;
  });
}

/** `Razão Social` → `razaosocial`, as `razao_social` does. */
export function matchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function autoMapping(entity: EntityModel, headers: readonly string[]): ColumnMapping {
  const taken = new Set<string>();
  return headers.map((header) => {
    const wanted = matchText(header);
    const field = importableFields(entity).find((f) => !taken.has(f.name) && (matchText(f.name) === wanted || matchText(f.label) === wanted));
    if (!field || wanted === '') return null;
    taken.add(field.name);
    return field.name;
  });
}

/** The user's mapping, checked: known importable fields, each at most once. */
export function checkMapping(entity: EntityModel, headers: readonly string[], columns: readonly (string | null)[]): ColumnMapping {
  const allowed = new Set(importableFields(entity).map((f) => f.name));
  const seen = new Set<string>();
  const issues = columns.flatMap((field, i) => {
    if (field === null) return [];
    const at = `columns.${i}`;
    if (i >= headers.length) return [{ path: at, message: `the file has only ${headers.length} columns` }];
    if (!allowed.has(field)) return [{ path: at, message: `"${field}" is not a field of ${entity.label} a CSV file can fill` }];
    if (seen.has(field)) return [{ path: at, message: `field "${field}" is already filled by another column` }];
    seen.add(field);
    return [];
  });
  if (issues.length) throw new ValidationError(`Invalid column mapping: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
  return headers.map((_h, i) => columns[i] ?? null);
}

/** The unique key `fields` names (in any order), or a ValidationError listing the keys there are. */
export function matchKey(entity: EntityModel, fields: readonly string[]): readonly string[] {
  const keys = uniqueKeys(entity).map((k) => k.fields);
  const wanted = [...fields].sort().join(',');
  const key = keys.find((k) => [...k].sort().join(',') === wanted);
  if (!key) {
    const known = keys.map((k) => `[${k.join(', ')}]`).join(', ') || 'none';
    throw ValidationError.field('match', `must be a unique key of ${entity.label} (${known})`);
  }
  return key;
}

/** Each key field must come from a column, or no row could be matched. */
export function checkKeyMapped(key: readonly string[], mapping: ColumnMapping): void {
  const missing = key.filter((f) => !mapping.includes(f));
  if (missing.length) throw ValidationError.field('match', `no column fills ${missing.join(', ')}, which the key needs`);
}
