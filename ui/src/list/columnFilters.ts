/** Which filter each list column gets: its field type decides, among the fields the list procedure accepts. */
import { filterSpecOf, type FilterSpec } from '../fields/index.js';
import type { EntityDescription } from '../model/modelTypes.js';
import { filterableFieldNames } from './filterSpec.js';

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
