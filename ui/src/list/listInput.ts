/** A list screen's state → the input of `<module>.<entity>.list` (the API contract's filter operators). */
import { rangeBoundOf } from '../fields/index.js';
import type { FilterSpec } from './filterSpec.js';
import type { FilterValue, ListState } from './listState.js';

export interface ListInput {
  filter?: Record<string, unknown>;
  sort?: string;
  page: number;
  pageSize: number;
  search?: string;
}

export function toListInput(state: ListState, specs: Record<string, FilterSpec>, defaultPageSize: number): ListInput {
  const filter: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(state.filters)) {
    const spec = specs[name];
    const condition = spec ? filterCondition(value, spec) : undefined;
    if (condition !== undefined) filter[name] = condition;
  }
  return {
    ...(Object.keys(filter).length ? { filter } : {}),
    ...(state.sort ? { sort: state.sort } : {}),
    page: state.page,
    pageSize: state.pageSize ?? defaultPageSize,
    ...(state.search.trim() ? { search: state.search.trim() } : {}),
  };
}

function filterCondition(value: FilterValue, spec: FilterSpec): unknown {
  if (value.kind === 'text') return { contains: value.text.trim() };
  if (value.kind === 'enum') return value.values.length === 1 ? value.values[0] : { in: value.values };
  if (value.kind === 'boolean' || value.kind === 'relation') return value.kind === 'boolean' ? value.value : value.id;
  if (spec.kind !== 'range') return undefined;
  const range = rangeBoundOf(spec.valueType);
  const bound = (text: string | null, end: boolean) => (text === null ? null : range ? range.toApi(text, end) : text);
  const from = bound(value.from, false);
  const to = bound(value.to, true);
  if (from !== null && to !== null) return { between: [from, to] };
  if (from !== null) return { gte: from };
  if (to !== null) return { lte: to };
  return undefined;
}
