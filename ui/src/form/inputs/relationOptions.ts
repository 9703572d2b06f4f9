/** How a relation picker asks for candidates: the target's search fields, or `contains` on its display field. */
import { filterableFieldNames } from '../../list/filterSpec.js';
import type { EntityDescription } from '../../model/modelTypes.js';

export const RELATION_PAGE_SIZE = 20;

export function relationSearchInput(target: EntityDescription, text: string): Record<string, unknown> {
  const term = text.trim();
  const base = { pageSize: RELATION_PAGE_SIZE, sort: target.list.sort };
  if (!term) return base;
  if (target.list.search.length > 0) return { ...base, search: term };
  if (filterableFieldNames(target).has(target.display)) return { ...base, filter: { [target.display]: { contains: term } } };
  return base;
}
