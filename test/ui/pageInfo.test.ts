import { describe, expect, it } from 'vitest';
import { pageInfo } from '../../ui/src/list/pageInfo.js';
import { separatorsOf } from '../../ui/src/i18n/locale.js';

const ptBR = separatorsOf('pt-BR');

describe('pagination text', () => {
  it('says which rows of how many, in pt-BR', () => {
    expect(pageInfo({ page: 3, pageSize: 50, rows: 50, total: 1234, totalExact: true }, ptBR)).toEqual({
      from: '101',
      to: '150',
      total: '1.234',
      pageCount: 25,
      hasNext: true,
      empty: false,
    });
    expect(pageInfo({ page: 25, pageSize: 50, rows: 34, total: 1234, totalExact: true }, ptBR)).toMatchObject({ from: '1.201', to: '1.234', hasNext: false });
  });

  it('shows a capped count as "10.000+" and keeps paging while pages are full', () => {
    const capped = pageInfo({ page: 200, pageSize: 50, rows: 50, total: 10000, totalExact: false }, ptBR);
    expect(capped).toMatchObject({ total: '10.000+', pageCount: null, hasNext: true, to: '10.000' });
    expect(pageInfo({ page: 201, pageSize: 50, rows: 12, total: 10000, totalExact: false }, ptBR)).toMatchObject({
      hasNext: false,
      from: '10.001',
      to: '10.012',
    });
  });

  it('knows an empty page', () => {
    expect(pageInfo({ page: 1, pageSize: 25, rows: 0, total: 0, totalExact: true }, ptBR)).toMatchObject({ empty: true, hasNext: false, pageCount: 1 });
  });
});
