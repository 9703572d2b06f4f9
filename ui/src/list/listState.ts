/**
 * The state of a list screen — search, sort, page, page size, filters — and
 * its form in the URL query string, so a link reproduces the view and the
 * browser's back/forward buttons move between views. Values in the URL are in
 * the API's notation (dates `YYYY-MM-DD`, decimals `1234.56`), not the locale's.
 *
 *   ?q=acme&sort=-data_entrada&page=2&size=100&f.status=pendente,pronto&f.valor_total=100..500
 */
import { rangeBoundOf, type FieldTypeName } from '../fields/index.js';
import type { FilterSpec } from './filterSpec.js';

export type FilterValue =
  | { kind: 'text'; text: string }
  | { kind: 'enum'; values: string[] }
  | { kind: 'range'; from: string | null; to: string | null }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'relation'; id: number };

export interface ListState {
  search: string;
  /** Field name, `-` prefix for descending; null for the entity's default order. */
  sort: string | null;
  page: number;
  /** null for the entity's default page size. */
  pageSize: number | null;
  filters: Record<string, FilterValue>;
}

export interface ListStateRules {
  filters: Record<string, FilterSpec>;
  sortable: readonly string[];
  pageSizes: readonly number[];
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;
const FILTER_PREFIX = 'f.';
const RANGE_SEPARATOR = '..';

/** Reads the state from a query string; anything unknown or malformed is left out. */
export function parseListState(query: string | URLSearchParams, rules: ListStateRules): ListState {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  const page = Number(params.get('page'));
  const size = Number(params.get('size'));
  const sort = params.get('sort');
  const filters: Record<string, FilterValue> = {};
  for (const [key, raw] of params) {
    if (!key.startsWith(FILTER_PREFIX)) continue;
    const name = key.slice(FILTER_PREFIX.length);
    const spec = Object.hasOwn(rules.filters, name) ? rules.filters[name] : undefined;
    const value = spec ? parseFilterValue(raw, spec) : null;
    if (value) filters[name] = value;
  }
  return {
    search: params.get('q')?.trim() ?? '',
    sort: sort && rules.sortable.includes(sort.replace(/^-/, '')) ? sort : null,
    page: Number.isSafeInteger(page) && page >= 1 ? page : 1,
    pageSize: rules.pageSizes.includes(size) ? size : null,
    filters,
  };
}

/** The query string of a state (no leading `?`), in a stable order; defaults are left out. */
export function serializeListState(state: ListState): string {
  const params = new URLSearchParams();
  if (state.search.trim()) params.set('q', state.search.trim());
  if (state.sort) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.pageSize) params.set('size', String(state.pageSize));
  for (const name of Object.keys(state.filters).sort()) {
    const text = filterValueText(state.filters[name]!);
    if (text !== null) params.set(FILTER_PREFIX + name, text);
  }
  return params.toString();
}

/** A state with one filter set (or removed, with null); back to page 1. */
export function withFilter(state: ListState, field: string, value: FilterValue | null): ListState {
  const filters = { ...state.filters };
  if (value && filterValueText(value) !== null) filters[field] = value;
  else delete filters[field];
  return { ...state, filters, page: 1 };
}

/** Header click: a new column sorts ascending; the sorted column flips direction. */
export function nextSort(current: string | null, field: string): string {
  return current === field ? `-${field}` : field;
}

function filterValueText(value: FilterValue): string | null {
  switch (value.kind) {
    case 'text':
      return value.text.trim() ? value.text : null;
    case 'enum':
      return value.values.length ? value.values.join(',') : null;
    case 'range':
      return value.from || value.to ? `${value.from ?? ''}${RANGE_SEPARATOR}${value.to ?? ''}` : null;
    case 'boolean':
      return String(value.value);
    case 'relation':
      return String(value.id);
  }
}

function parseFilterValue(raw: string, spec: FilterSpec): FilterValue | null {
  switch (spec.kind) {
    case 'text':
      return raw.trim() ? { kind: 'text', text: raw } : null;
    case 'enum': {
      const values = raw.split(',').filter((v) => spec.values.includes(v));
      return values.length ? { kind: 'enum', values } : null;
    }
    case 'range': {
      const at = raw.indexOf(RANGE_SEPARATOR);
      if (at < 0) return null;
      const from = rangeBound(raw.slice(0, at), spec.valueType);
      const to = rangeBound(raw.slice(at + RANGE_SEPARATOR.length), spec.valueType);
      return from || to ? { kind: 'range', from, to } : null;
    }
    case 'boolean':
      return raw === 'true' || raw === 'false' ? { kind: 'boolean', value: raw === 'true' } : null;
    case 'relation': {
      const id = Number(raw);
      return Number.isSafeInteger(id) && id >= 1 ? { kind: 'relation', id } : null;
    }
  }
}

function rangeBound(text: string, type: FieldTypeName): string | null {
  return rangeBoundOf(type)?.urlPattern.test(text) ? text : null;
}
