/**
 * A record ↔ the values of its form's inputs. Inputs hold text as people
 * type it (decimals "1.234,56", dates "05/03/2024"); converting back gives the
 * API's `data` and, for text that cannot be converted, per-field issues. Each
 * field type (ui/src/fields) converts its own values; this walks the record
 * and its children rows.
 */
import { fieldTypeOf, type ValueResult } from '../fields/index.js';
import type { FormContext, FormValues, SaveMode } from '../fields/fieldType.js';
import type { NumberSeparators } from '../i18n/locale.js';
import type { EntityDescription, FieldDescription, RecordRow } from '../model/modelTypes.js';
import type { FieldIssue } from './fieldIssue.js';

export type { FormContext, FormValues, SaveMode };

/** Fields a form edits: everything but computed values and what only workflow transitions change. */
export function formFieldsOf(entity: EntityDescription, except?: string): FieldDescription[] {
  return entity.fields.filter((f) => fieldTypeOf(f).form !== 'computed' && f.name !== except && !entity.workflow?.locked.includes(f.name));
}

/** Input values for a record being edited, or for a new record (defaults). */
export function toFormValues(entity: EntityDescription, record: RecordRow | null, ctx: FormContext, except?: string): FormValues {
  const values: FormValues = {};
  for (const field of formFieldsOf(entity, except)) {
    const type = fieldTypeOf(field);
    if (type.form === 'rows') {
      const child = field.child && ctx.childEntity(field.child.entity);
      const rows = Array.isArray(record?.[field.name]) ? (record![field.name] as RecordRow[]) : [];
      values[field.name] = child ? rows.map((row) => ({ ...toFormValues(child, row, ctx, field.child!.foreignKey), id: row.id })) : [];
      continue;
    }
    const value = record ? record[field.name] : type.defaultValue(field, ctx);
    values[field.name] = type.toInput(field, value, { entity, record, display: record?._display?.[field.name] ?? null, sep: ctx.sep });
  }
  return values;
}

/** A new, empty child row with the child entity's defaults. */
export function newChildRow(child: EntityDescription, foreignKey: string, ctx: FormContext): FormValues {
  return toFormValues(child, null, ctx, foreignKey);
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
    // A field the initial form would not send (a secret that is set) is sent once it sends anything, null included.
    if (!(name in before) || JSON.stringify(value) !== JSON.stringify(before[name])) data[name] = value;
  }
  return { data, issues: current.issues };
}

function convertRecord(entity: EntityDescription, values: FormValues, ctx: FormContext, prefix: string, mode: SaveMode, except?: string): Conversion {
  const data: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const field of formFieldsOf(entity, except)) {
    const path = prefix + field.name;
    if (fieldTypeOf(field).form === 'rows') {
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
  return !!field.required && field.default === undefined;
}

/** One input's value → its API value (undefined: leave the field out). */
export function toDataValue(field: FieldDescription, input: unknown, sep: NumberSeparators): ValueResult {
  return fieldTypeOf(field).toData(field, input, sep);
}
