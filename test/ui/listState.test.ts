import { describe, expect, it } from 'vitest';
import { nextSort, parseListState, serializeListState, withFilter, PAGE_SIZES, type ListState, type ListStateRules } from '../../ui/src/list/listState.js';
import { toListInput } from '../../ui/src/list/listInput.js';
import type { FilterSpec } from '../../ui/src/list/filterSpec.js';

const filters: Record<string, FilterSpec> = {
  numero: { kind: 'text' },
  status: { kind: 'enum', values: ['pendente', 'pronto', 'entregue'], labels: {} },
  data_entrada: { kind: 'range', valueType: 'date' },
  valor_total: { kind: 'range', valueType: 'decimal' },
  quantidade: { kind: 'range', valueType: 'integer' },
  financeiro: { kind: 'boolean' },
  cliente: { kind: 'relation', target: 'm.cliente' },
};
const rules: ListStateRules = { filters, sortable: ['numero', 'data_entrada', 'valor_total'], pageSizes: PAGE_SIZES };

const full: ListState = {
  search: 'acme & co',
  sort: '-data_entrada',
  page: 3,
  pageSize: 100,
  filters: {
    numero: { kind: 'text', text: '00/1' },
    status: { kind: 'enum', values: ['pendente', 'pronto'] },
    data_entrada: { kind: 'range', from: '2024-01-01', to: '2024-01-31' },
    valor_total: { kind: 'range', from: '1234.56', to: null },
    quantidade: { kind: 'range', from: null, to: '10' },
    financeiro: { kind: 'boolean', value: false },
    cliente: { kind: 'relation', id: 42 },
  },
};

describe('list state in the URL', () => {
  it('round-trips every kind of filter, sort, page, size and search', () => {
    const query = serializeListState(full);
    expect(parseListState(query, rules)).toEqual(full);
    expect(parseListState(new URLSearchParams(query), rules)).toEqual(full);
  });

  it('writes a stable, readable query string and leaves defaults out', () => {
    expect(serializeListState(full)).toBe(
      'q=acme+%26+co&sort=-data_entrada&page=3&size=100&f.cliente=42&f.data_entrada=2024-01-01..2024-01-31&f.financeiro=false&f.numero=00%2F1&f.quantidade=..10&f.status=pendente%2Cpronto&f.valor_total=1234.56..',
    );
    expect(serializeListState({ search: '', sort: null, page: 1, pageSize: null, filters: {} })).toBe('');
  });

  it('drops what it does not know or cannot read, so a hand-edited link never breaks the screen', () => {
    const state = parseListState(
      'page=-2&size=7&sort=segredo&f.nope=1&f.status=pendente,hacked&f.valor_total=abc..&f.cliente=0&f.financeiro=maybe&f.data_entrada=2024-13..',
      rules,
    );
    expect(state).toEqual({ search: '', sort: null, page: 1, pageSize: null, filters: { status: { kind: 'enum', values: ['pendente'] } } });
  });

  it('changing a filter goes back to page 1; clearing removes it', () => {
    const next = withFilter(full, 'numero', { kind: 'text', text: '' });
    expect(next.page).toBe(1);
    expect(next.filters.numero).toBeUndefined();
    expect(withFilter(next, 'financeiro', { kind: 'boolean', value: true }).filters.financeiro).toEqual({ kind: 'boolean', value: true });
  });

  it('header clicks sort a new column ascending and flip the sorted one', () => {
    expect(nextSort(null, 'numero')).toBe('numero');
    expect(nextSort('numero', 'numero')).toBe('-numero');
    expect(nextSort('-numero', 'numero')).toBe('numero');
    expect(nextSort('-numero', 'valor_total')).toBe('valor_total');
  });

  it('becomes the list procedure input with the contract operators', () => {
    expect(toListInput(full, filters, 50)).toEqual({
      search: 'acme & co',
      sort: '-data_entrada',
      page: 3,
      pageSize: 100,
      filter: {
        numero: { contains: '00/1' },
        status: { in: ['pendente', 'pronto'] },
        data_entrada: { between: ['2024-01-01', '2024-01-31'] },
        valor_total: { gte: '1234.56' },
        quantidade: { lte: 10 },
        financeiro: false,
        cliente: 42,
      },
    });
    expect(toListInput({ ...full, filters: { status: { kind: 'enum', values: ['pronto'] } }, pageSize: null, search: ' ' }, filters, 50)).toEqual({
      sort: '-data_entrada',
      page: 3,
      pageSize: 50,
      filter: { status: 'pronto' },
    });
  });
});
