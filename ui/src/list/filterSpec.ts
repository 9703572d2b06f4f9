/**
 * Which fields the list procedure accepts in `filter` and `sort`, read from
 * the list input schema the server publishes, so the UI never offers what the
 * API refuses. Which filter control a field gets is its field type's (ui/src/fields).
 */
import type { EntityDescription } from '../model/modelTypes.js';

export type { FilterSpec } from '../fields/fieldType.js';

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
