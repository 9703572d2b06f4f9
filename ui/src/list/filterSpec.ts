/**
 * Which filter control each list column gets, from its field type, and which
 * fields the list procedure accepts in `filter` and `sort` — read from the
 * list input schema the server publishes, so the UI never offers what the API refuses.
 */
import { valueTypeOf } from '../model/entityLookup.js';
import type { EntityDescription, FieldDescription } from '../model/modelTypes.js';

export type RangeValueType = 'integer' | 'decimal' | 'date' | 'datetime';

export type FilterSpec =
  | { kind: 'text' }
  | { kind: 'enum'; values: string[]; labels: Record<string, string> }
  | { kind: 'range'; valueType: RangeValueType }
  | { kind: 'boolean' }
  | { kind: 'relation'; target: string };

export type FilterKind = FilterSpec['kind'];

export function filterSpecOf(field: FieldDescription): FilterSpec | null {
  const type = valueTypeOf(field);
  switch (type) {
    case 'string':
    case 'email':
      return { kind: 'text' };
    case 'enum':
      return { kind: 'enum', values: field.values ?? [], labels: field.labels ?? {} };
    case 'integer':
    case 'decimal':
    case 'date':
    case 'datetime':
      return { kind: 'range', valueType: type };
    case 'boolean':
      return { kind: 'boolean' };
    case 'relation':
      return field.target ? { kind: 'relation', target: field.target } : null;
    default:
      return null;
  }
}

function listSchemaProperties(entity: EntityDescription): Record<string, unknown> {
  return ((entity.schemas.list as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>;
}

/** Field names the list procedure accepts as filters. */
export function filterableFieldNames(entity: EntityDescription): Set<string> {
  const filter = listSchemaProperties(entity).filter as { properties?: Record<string, unknown> } | undefined;
  return new Set(Object.keys(filter?.properties ?? {}));
}

/** Field names the list procedure can sort by. */
export function sortableFieldNames(entity: EntityDescription): string[] {
  const sort = listSchemaProperties(entity).sort as { enum?: string[] } | undefined;
  return (sort?.enum ?? []).filter((s) => !s.startsWith('-'));
}

/** Filter controls of an entity's filterable declared fields, by field name. */
export function filterSpecsOf(entity: EntityDescription): Record<string, FilterSpec> {
  const allowed = filterableFieldNames(entity);
  const specs: Record<string, FilterSpec> = {};
  for (const field of entity.fields) {
    const spec = allowed.has(field.name) ? filterSpecOf(field) : null;
    if (spec) specs[field.name] = spec;
  }
  return specs;
}
