/**
 * A record ↔ the values of its form's inputs. Inputs hold text as people
 * type it (decimals "1.234,56", dates "05/03/2024"); converting back gives the
 * API's `data` and, for text that cannot be converted, per-field issues.
 * Decimals stay strings end to end. Pure: no React, no DOM.
 */
import { compareDecimals, decimalDigits, formatDecimal, parseDecimalText } from '../format/decimalText.js';
import { formatDate, formatDateTime, parseDateText, parseDateTimeText } from '../format/dateText.js';
import type { NumberSeparators } from '../i18n/locale.js';
import type { EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import type { FieldIssue } from './fieldIssue.js';
// The pure modules, not the folder's index: this file is also compiled without JSX (unit tests).
import { fileUrl } from '../files/fileUrls.js';
import { NO_FILE, type FileValue } from '../files/fileValue.js';

export interface RelationValue {
  id: number | null;
  label: string;
}

export type FormValues = Record<string, unknown>;

export interface FormContext {
  sep: NumberSeparators;
  /** A child entity by key (`module.entity`), for children fields. */
  childEntity(key: string): EntityDescription | undefined;
  /** Today, `YYYY-MM-DD`, for `"default": "now"` dates. */
  today: string;
  /** Now, ISO-8601, for `"default": "now"` datetimes. */
  now: string;
}

export type SaveMode = 'create' | 'update';

/** Fields a form edits: everything but computed values and what only workflow transitions change. */
export function formFieldsOf(entity: EntityDescription, except?: string): FieldDescription[] {
  return entity.fields.filter((f) => f.type !== 'computed' && f.name !== except && !entity.workflow?.locked.includes(f.name));
}

/** Input values for a record being edited, or for a new record (defaults). */
export function toFormValues(entity: EntityDescription, record: RecordRow | null, ctx: FormContext, except?: string): FormValues {
  const values: FormValues = {};
  for (const field of formFieldsOf(entity, except)) {
    if (field.type === 'children') {
      const child = field.child && ctx.childEntity(field.child.entity);
      const rows = Array.isArray(record?.[field.name]) ? (record![field.name] as RecordRow[]) : [];
      values[field.name] = child ? rows.map((row) => ({ ...toFormValues(child, row, ctx, field.child!.foreignKey), id: row.id })) : [];
      continue;
    }
    if (field.type === 'file' || field.type === 'image') {
      values[field.name] = fileInputValue(entity, record, field);
      continue;
    }
    const value = record ? record[field.name] : defaultValueOf(field, ctx);
    values[field.name] = toInputValue(field, value, record?._display?.[field.name] ?? null, ctx.sep);
  }
  return values;
}

/** A file field's input: the attached file's id, name, size and thumbnail. */
function fileInputValue(entity: EntityDescription, record: RecordRow | null, field: FieldDescription): FileValue {
  const facts = record?._files?.[field.name];
  if (!record || !facts) return NO_FILE;
  return { id: facts.id, name: facts.name, size: facts.size, preview: facts.thumb ? fileUrl(entity.key, record.id, field.name, true) : null };
}

/** A new, empty child row with the child entity's defaults. */
export function newChildRow(child: EntityDescription, foreignKey: string, ctx: FormContext): FormValues {
  return toFormValues(child, null, ctx, foreignKey);
}

function defaultValueOf(field: FieldDescription, ctx: FormContext): unknown {
  if (field.default === 'now') return field.type === 'datetime' ? ctx.now : field.type === 'date' ? ctx.today : field.default;
  return field.default ?? null;
}

/** One value as its input shows it. */
export function toInputValue(field: FieldDescription, value: unknown, display: string | null, sep: NumberSeparators): unknown {
  const empty = value === null || value === undefined;
  switch (field.type) {
    case 'boolean':
      return value === true;
    case 'relation':
      return { id: empty ? null : Number(value), label: display ?? (empty ? '' : `#${String(value)}`) } satisfies RelationValue;
    case 'password':
      return '';
    case 'decimal':
      return empty ? '' : formatDecimal(String(value), sep);
    case 'date':
      return empty ? '' : formatDate(String(value));
    case 'datetime':
      return empty ? '' : formatDateTime(String(value));
    case 'json':
      return empty ? '' : JSON.stringify(value);
    default:
      return empty ? '' : String(value);
  }
}

interface Conversion {
  data: Record<string, unknown>;
  issues: FieldIssue[];
}

/**
 * Form values → the `data` of a create or update. A create leaves empty
 * fields out (the server applies defaults); an update sends only what changed
 * from `initial`, null for a cleared field, and a children list whole when any
 * row changed (rows with an `id` are kept, rows without one are new).
 */
export function toRecordData(entity: EntityDescription, values: FormValues, ctx: FormContext, mode: SaveMode, initial?: FormValues): Conversion {
  const current = convertRecord(entity, values, ctx, '', mode);
  if (mode === 'create' || !initial) return current;
  const before = convertRecord(entity, initial, ctx, '', mode).data;
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(current.data)) {
    if (JSON.stringify(value) !== JSON.stringify(before[name] ?? null)) data[name] = value;
  }
  return { data, issues: current.issues };
}

function convertRecord(entity: EntityDescription, values: FormValues, ctx: FormContext, prefix: string, mode: SaveMode, except?: string): Conversion {
  const data: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const field of formFieldsOf(entity, except)) {
    const path = prefix + field.name;
    if (field.type === 'children') {
      const rows = Array.isArray(values[field.name]) ? (values[field.name] as FormValues[]) : [];
      const child = field.child && ctx.childEntity(field.child.entity);
      if (!child) continue;
      data[field.name] = rows.map((row, i) => {
        const converted = convertRecord(child, row, ctx, `${path}.${i}.`, typeof row.id === 'number' ? 'update' : 'create', field.child!.foreignKey);
        issues.push(...converted.issues);
        return typeof row.id === 'number' ? { id: row.id, ...converted.data } : converted.data;
      });
      continue;
    }
    const result = toDataValue(field, values[field.name], ctx.sep);
    if ('issue' in result) {
      issues.push({ path, ...result.issue });
      continue;
    }
    if (result.value === undefined) continue;
    if (result.value === null && mode === 'create' && isRequiredOnCreate(field)) issues.push({ path, key: 'required' });
    if (result.value === null && mode === 'create') continue;
    data[field.name] = result.value;
  }
  return { data, issues };
}

/** Like the server: a required field without a default must be given when a record (or child row) is created. */
function isRequiredOnCreate(field: FieldDescription): boolean {
  return !!field.required && field.default === undefined && field.type !== 'password';
}

type ValueResult = { value: unknown } | { issue: Omit<FieldIssue, 'path'> };

/** One input's value → its API value (undefined: leave the field out). */
export function toDataValue(field: FieldDescription, input: unknown, sep: NumberSeparators): ValueResult {
  const text = typeof input === 'string' ? input : '';
  switch (field.type) {
    case 'boolean':
      return { value: input === true };
    case 'relation': {
      const id = (input as RelationValue | null)?.id;
      return { value: typeof id === 'number' ? id : null };
    }
    case 'file':
    case 'image': {
      const id = (input as FileValue | null)?.id;
      return { value: typeof id === 'number' ? id : null };
    }
    case 'password':
      return { value: text === '' ? undefined : text };
    case 'string':
    case 'email':
      return { value: text.trim() === '' ? null : text.trim() };
    case 'integer':
      return integerValue(field, text);
    case 'decimal':
      return decimalValue(field, text, sep);
    case 'date': {
      const parsed = parseDateText(text);
      return parsed.ok ? { value: parsed.value } : { issue: { key: 'invalidDate' } };
    }
    case 'datetime': {
      const parsed = parseDateTimeText(text);
      return parsed.ok ? { value: parsed.value } : { issue: { key: 'invalidDateTime' } };
    }
    case 'json':
      return jsonValue(text);
    default:
      return { value: text === '' ? null : text };
  }
}

function integerValue(field: FieldDescription, text: string): ValueResult {
  const t = text.trim();
  if (t === '') return { value: null };
  if (!/^[-+]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) return { issue: { key: 'invalidInteger' } };
  return { value: Number(t) };
}

function decimalValue(field: FieldDescription, text: string, sep: NumberSeparators): ValueResult {
  const parsed = parseDecimalText(text, sep);
  if (!parsed.ok) return { issue: { key: 'invalidNumber' } };
  if (parsed.value === null) return { value: null };
  const digits = decimalDigits(parsed.value);
  const scale = field.scale ?? 0;
  if (digits.frac > scale) return { issue: { key: 'tooManyDecimals', params: { scale } } };
  if (field.precision !== undefined && digits.int > field.precision - scale) return { issue: { key: 'tooManyDigits', params: { digits: field.precision - scale } } };
  if (field.min !== undefined && compareDecimals(parsed.value, String(field.min)) < 0) return { issue: { key: 'tooSmall', params: { limit: formatDecimal(String(field.min), sep) } } };
  if (field.max !== undefined && compareDecimals(parsed.value, String(field.max)) > 0) return { issue: { key: 'tooLarge', params: { limit: formatDecimal(String(field.max), sep) } } };
  return { value: parsed.value };
}

function jsonValue(text: string): ValueResult {
  if (text.trim() === '') return { value: null };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { issue: { key: 'invalidJson' } };
  }
}
