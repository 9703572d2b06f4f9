/**
 * CSV export against formula injection (OWASP): any text cell a spreadsheet
 * would run as a formula comes out prefixed with `'` and quoted, in both
 * locales; numbers of numeric fields, negative ones included, stay plain.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { ADMIN, ROOT, apiClient, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';

const PAYLOADS = ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1)', '\t=1', '\r=1', '=1'];
/** Dangerous characters hidden behind what a reader may strip first, and full-width forms. */
const DISGUISED = [' =1', '"=1', "'=1", '\n=1', '＝1'];
const LOCALES = [
  { locale: 'pt-BR', separator: ';' },
  { locale: 'en', separator: ',' },
];

interface Cell {
  value: string;
  quoted: boolean;
}

/** RFC 4180 reader: what a spreadsheet sees, cell by cell, and whether each cell was quoted. */
function parseCsv(text: string, separator: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    let value = '';
    const quoted = text[i] === '"';
    if (quoted) {
      for (i++; ; i++) {
        if (text[i] === '"' && text[i + 1] === '"') value += text[i++];
        else if (text[i] === '"') break;
        else value += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== separator && text[i] !== '\r') value += text[i++];
    }
    row.push({ value, quoted });
    if (text[i] === separator) i++;
    else {
      expect(text.slice(i, i + 2)).toBe('\r\n');
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

async function exportRows(platform: TestPlatform, token: string, file: string, locale: string, separator: string) {
  const res = await fetch(`${platform.url}/export/${file}.csv?input=${encodeURIComponent(JSON.stringify({ sort: 'id' }))}&locale=${locale}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const [header, ...rows] = parseCsv(await res.text(), separator);
  const column = (label: string) => header!.findIndex((c) => c.value === label);
  return { rows, column };
}

const neutralised = (payload: string): Cell => ({ value: `'${payload}`, quoted: true });

describe('CSV export of SGP text a user typed', () => {
  let platform: TestPlatform;
  let token: string;
  const clienteIds = new Map<string, number>();

  beforeAll(async () => {
    platform = await startTestPlatform();
    ({ token } = await login(platform.url, ADMIN.email, ADMIN.password));
    const api = apiClient(platform.url, token);
    for (const payload of [...PAYLOADS, ...DISGUISED]) {
      const cliente = await api.mutate('sgp.cliente.create', { data: { nome: payload, observacao: payload } });
      clienteIds.set(payload, cliente.id);
      await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id, valor_frete: '12.50', observacao: payload } });
    }
  });
  afterAll(() => platform.close());

  for (const { locale, separator } of LOCALES) {
    it(`prefixes and quotes every formula payload in cliente names and notes (${locale})`, async () => {
      const { rows, column } = await exportRows(platform, token, 'sgp/cliente', locale, separator);
      for (const payload of [...PAYLOADS, ...DISGUISED]) {
        const row = rows.find((r) => r[0]!.value === String(clienteIds.get(payload)))!;
        expect(row[column('Nome / razão social')], JSON.stringify(payload)).toEqual(neutralised(payload));
        expect(row[column('Observações')], JSON.stringify(payload)).toEqual(neutralised(payload));
      }
    });

    it(`neutralises a formula in a relation's display value, and leaves ids and numbers plain (${locale})`, async () => {
      const { rows, column } = await exportRows(platform, token, 'sgp/pedido', locale, separator);
      expect(rows).toHaveLength(PAYLOADS.length + DISGUISED.length);
      for (const [n, payload] of [...PAYLOADS, ...DISGUISED].entries()) {
        const row = rows[n]!;
        expect(row[column('Cliente')], JSON.stringify(payload)).toEqual(neutralised(payload));
        expect(row[column('Observações')], JSON.stringify(payload)).toEqual(neutralised(payload));
        expect(row[column('ID')]).toEqual({ value: String(n + 1), quoted: false });
        expect(row[column('Valor do frete')]).toEqual({ value: locale === 'en' ? '12.50' : '12,50', quoted: false });
      }
    });
  }
});

describe('CSV export of negative numbers', () => {
  let fixture: FixtureModule;
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    fixture = await prepareFixtureModule({ manifestsDir: path.join(ROOT, 'test', 'fixtures', 'ui', 'manifests') });
    platform = await startTestPlatform({}, fixture.options);
    ({ token } = await login(platform.url, ADMIN.email, ADMIN.password));
    const api = apiClient(platform.url, token);
    const categoria = await api.mutate('estoque.categoria.create', { data: { nome: '-1+1' } });
    await api.mutate('estoque.produto.create', { data: { descricao: '@SUM(1)', categoria: categoria.id, preco: '-12.5', estoque: 3 } });
  });
  afterAll(async () => {
    await platform?.close();
    await fixture?.remove();
  });

  for (const { locale, separator } of LOCALES) {
    it(`keeps a negative decimal a plain number a spreadsheet can sum, next to neutralised text (${locale})`, async () => {
      const { rows, column } = await exportRows(platform, token, 'estoque/produto', locale, separator);
      const [row] = rows;
      expect(row![column('Preço')]).toEqual({ value: locale === 'en' ? '-12.5000' : '-12,5000', quoted: false });
      expect(row![column('Estoque')]).toEqual({ value: '3', quoted: false });
      expect(row![column('Descrição')]).toEqual(neutralised('@SUM(1)'));
      expect(row![column('Categoria')]).toEqual(neutralised('-1+1'));
    });
  }
});
