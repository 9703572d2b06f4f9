/**
 * Row rules on every read path besides list/get: plugin SQL (the SGP reports
 * run their own queries) and relation display texts (a join would show the
 * número of a pedido the reader may not read). SGP with vendedores limited to
 * the pedidos they created; a financeiro (no row rule) sees everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { trpcApi, type Api } from './support/api.js';
import { sgpWithVendedorRowRule } from './support/sgpRowRule.js';
import type { FixtureModule } from './support/fixtureModule.js';
import { scopeCondition } from '../core/db/repository/scopeCondition.js';
import { buildAppModel } from '../core/app/index.js';

let fixture: FixtureModule;
let platform: TestPlatform;
const users: Record<'ana' | 'bruno' | 'fin', LoginResult> = {} as never;
const as = (who: keyof typeof users): Api => trpcApi(platform.url, users[who].token);
const pedidos: Record<string, any> = {};

const item = (descricao: string, valor_unitario: string, quantidade: number) => ({ descricao, valor_unitario, quantidade });

beforeAll(async () => {
  fixture = await sgpWithVendedorRowRule();
  platform = await startTestPlatform({}, fixture.options);
  const admin = await login(platform.url, ADMIN.email, ADMIN.password);
  users.ana = await createUserAndLogin(platform.url, admin.token, 'ana@test.local', ['vendedor']);
  users.bruno = await createUserAndLogin(platform.url, admin.token, 'bruno@test.local', ['vendedor']);
  users.fin = await createUserAndLogin(platform.url, admin.token, 'fin@test.local', ['financeiro']);
  const adminApi = trpcApi(platform.url, admin.token);
  const clienteAna = (await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Cliente da Ana' } })).id;
  const clienteBruno = (await adminApi.mutate('sgp.cliente.create', { data: { nome: 'Cliente do Bruno' } })).id;
  const order = (who: 'ana' | 'bruno', cliente: number, itens: object[]) =>
    as(who).mutate('sgp.pedido.create', { data: { cliente, data_entrada: '2026-11-10', itens } });
  pedidos.ana1 = await order('ana', clienteAna, [item('Banner', '10.00', 2), item('Faixa', '5.50', 1)]);
  pedidos.ana2 = await order('ana', clienteAna, [item('Adesivo', '1.25', 4)]);
  pedidos.bruno1 = await order('bruno', clienteBruno, [item('Painel', '900.00', 1)]);
});

afterAll(async () => {
  await platform?.close();
  await fixture?.remove();
});

const PERIOD = { inicio: '2026-11-01', fim: '2026-11-30' };

/** What the generated list shows this user: the numbers every report must agree with. */
async function listedTotals(who: keyof typeof users): Promise<{ count: number; cents: number; clientes: string[] }> {
  const { rows } = await as(who).query('sgp.pedido.list', { pageSize: 200 });
  const cents = rows.reduce((sum: number, r: any) => sum + Math.round(Number(r.valor_total) * 100), 0);
  return { count: rows.length, cents, clientes: [...new Set<string>(rows.map((r: any) => r._display.cliente))].sort() };
}

describe('plugin SQL applies the caller’s row scope (SGP reports)', () => {
  it('the lists differ per user, so the reports below test something', async () => {
    expect((await listedTotals('ana')).count).toBe(2);
    expect((await listedTotals('bruno')).count).toBe(1);
    expect((await listedTotals('fin')).count).toBe(3);
  });

  for (const who of ['ana', 'bruno', 'fin'] as const) {
    it(`${who}: valor do período, status and top clientes count exactly the pedidos the list shows`, async () => {
      const listed = await listedTotals(who);
      const valor = await as(who).query('sgp.relatorio_valor_periodo', PERIOD);
      expect(valor.quantidade).toBe(listed.count);
      expect(Math.round(Number(valor.valor_total) * 100)).toBe(listed.cents);

      const porStatus = await as(who).query('sgp.relatorio_por_status', PERIOD);
      expect(porStatus.reduce((n: number, l: any) => n + l.quantidade, 0)).toBe(listed.count);

      const porCliente = await as(who).query('sgp.relatorio_por_cliente', PERIOD);
      expect(porCliente.map((l: any) => l.nome).sort()).toEqual(listed.clientes);

      const mensal = await as(who).query('sgp.relatorio_tendencia_mensal', PERIOD);
      expect(mensal.reduce((n: number, l: any) => n + l.quantidade, 0)).toBe(listed.count);
    });

    it(`${who}: item reports count only items of readable pedidos`, async () => {
      const { rows } = await as(who).query('sgp.pedido.list', { pageSize: 200 });
      const readable = await Promise.all(rows.map((r: any) => as(who).query('sgp.pedido.get', { id: r.id })));
      const itens = readable.flatMap((p: any) => p.itens);
      const porTipo = await as(who).query('sgp.relatorio_por_tipo_producao', PERIOD);
      expect(porTipo.reduce((n: number, l: any) => n + l.itens, 0)).toBe(itens.length);
      const cents = itens.reduce((sum: number, i: any) => sum + Math.round(Number(i.valor_unitario) * 100) * i.quantidade, 0);
      expect(porTipo.reduce((sum: number, l: any) => sum + Math.round(Number(l.valor) * 100), 0)).toBe(cents);
    });
  }
});

describe('relation display texts follow the target’s row scope', () => {
  it('an item list shows the número only of pedidos the reader may read', async () => {
    const { rows } = await as('ana').query('sgp.item_pedido.list', { pageSize: 200 });
    const own = new Set([pedidos.ana1.id, pedidos.ana2.id]);
    expect(rows.length).toBe(4);
    for (const row of rows) {
      const expected = own.has(row.pedido) ? (row.pedido === pedidos.ana1.id ? pedidos.ana1.numero : pedidos.ana2.numero) : null;
      expect(row._display.pedido, `item ${row.descricao}`).toBe(expected);
    }
  });

  it('get of another vendedor’s item keeps the pedido id but not its número', async () => {
    const painel = pedidos.bruno1.itens[0];
    const seen = await as('ana').query('sgp.item_pedido.get', { id: painel.id });
    expect(seen.pedido).toBe(pedidos.bruno1.id);
    expect(seen._display.pedido).toBeNull();
    expect((await as('fin').query('sgp.item_pedido.get', { id: painel.id }))._display.pedido).toBe(pedidos.bruno1.numero);
  });

  it('a pedido’s own items show their pedido to its reader', async () => {
    const pedido = await as('ana').query('sgp.pedido.get', { id: pedidos.ana1.id });
    expect(pedido.itens.map((i: any) => i._display.pedido)).toEqual([pedidos.ana1.numero, pedidos.ana1.numero]);
  });

  it('the CSV export blanks the same texts', async () => {
    const res = await fetch(`${platform.url}/export/sgp/item_pedido.csv?locale=en`, { headers: { authorization: `Bearer ${users.ana.token}` } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toContain(pedidos.ana1.numero);
    expect(text).not.toContain(pedidos.bruno1.numero);
  });
});

describe('scopeCondition', () => {
  it('all rows, no rows, and each rule as an OR of parameterised ANDs', async () => {
    const model = await buildAppModel({ root: ROOT });
    const pedido = model.entity('sgp.pedido');
    const q = (id: string) => `"${id}"`;
    expect(scopeCondition(pedido, { rows: 'all' }, 'p', q)).toEqual({ sql: '1 = 1', params: [] });
    expect(scopeCondition(pedido, { rows: 'none' }, 'p', q)).toEqual({ sql: '1 = 0', params: [] });
    expect(scopeCondition(pedido, { rows: 'scoped', scope: [{ created_by: 7 }, { status: 'pronto', observacao: null }] }, 'p', q)).toEqual({
      sql: '((p."created_by" = ?) OR (p."status" = ? AND p."observacao" IS NULL))',
      params: [7, 'pronto'],
    });
    expect(() => scopeCondition(pedido, { rows: 'scoped', scope: [{ nope: 1 }] }, 'p', q)).toThrow(/nope/);
  });
});
