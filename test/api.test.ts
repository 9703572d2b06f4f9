/**
 * The generated API against a real server: every generated procedure through
 * the real @trpc/client and through plain HTTP JSON, computed decimals, list
 * filters/sort/paging/search, validation (per-field issues, nothing written),
 * optimistic locking, NOT_FOUND/CONFLICT, platform.model, platform.audit, /health.
 *
 * The server runs with TOTAL_COUNT_CAP=100 (the lowest allowed) so capped totals
 * can be seen with ~100 rows; every other list here stays well under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, httpApi, issuePaths, rawMutate, rawQuery, trpcApi, TRANSPORTS, type Api } from './support/api.js';
import { fingerprint, openDatabase, type DbReader } from './support/database.js';
import { testDialect } from './support/testDatabase.js';
import { anyMaquina, stepsTo, takeSteps, type PedidoStatus } from './support/sgpWorkflow.js';

let platform: TestPlatform;
let admin: LoginResult;
let db: DbReader;
/** Admin through @trpc/client: for setting up data. */
let setup: Api;

beforeAll(async () => {
  platform = await startTestPlatform({ TOTAL_COUNT_CAP: '100' });
  admin = await login(platform.url, ADMIN.email, ADMIN.password);
  db = await openDatabase(platform.dataDir);
  setup = trpcApi(platform.url, admin.token);
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
});

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
let uniqueCounter = 0;
const unique = (prefix: string) => `${prefix} ${++uniqueCounter}`;

async function newCliente(nome = unique('Cliente')): Promise<any> {
  return setup.mutate('sgp.cliente.create', { data: { nome } });
}

/** Runs `work` and checks that no table changed (row counts and Σ version of every table). */
async function expectNothingWritten(work: () => Promise<unknown>): Promise<void> {
  const before = await fingerprint(db);
  await work();
  expect(await fingerprint(db)).toEqual(before);
}

describe('GET /health', () => {
  it('reports the API and the database as ok', async () => {
    const res = await fetch(`${platform.url}/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.databases.default).toMatchObject({ status: 'ok', dialect: testDialect() });
  });
});

describe('pedido numbering', () => {
  it('gives the first pedidos the numbers 000001, 000002 in order', async () => {
    const cliente = await newCliente();
    const first = await setup.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    const second = await setup.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    expect(first.numero).toBe('000001');
    expect(second.numero).toBe('000002');
  });
});

describe.each(TRANSPORTS)('sgp.cliente create/get/list/update/delete through %s', (_name, makeApi) => {
  let api: Api;
  let created: any;
  const nome = unique('Gráfica Ação & Cia');

  beforeAll(() => {
    api = makeApi(platform.url, admin.token);
  });

  it('create returns the stored row: id, version 1, system columns, nulls for empty fields', async () => {
    created = await api.mutate('sgp.cliente.create', { data: { nome, documento: '12345678901', estado: 'SP', email: 'contato@acao.com.br' } });
    expect(created).toMatchObject({
      nome,
      documento: '12345678901',
      estado: 'SP',
      email: 'contato@acao.com.br',
      cidade: null,
      telefone: null,
      version: 1,
      created_by: admin.user.id,
    });
    expect(created.id).toBeGreaterThan(0);
    expect(created.created_at).toMatch(ISO_DATETIME);
    expect(created.updated_at).toMatch(ISO_DATETIME);
  });

  it('get returns the same row', async () => {
    expect(await api.query('sgp.cliente.get', { id: created.id })).toEqual(created);
  });

  it('list finds it, with total, page and pageSize', async () => {
    const page = await api.query('sgp.cliente.list', { filter: { nome }, page: 1, pageSize: 10 });
    expect(page).toMatchObject({ total: 1, totalExact: true, page: 1, pageSize: 10 });
    expect(page.rows).toEqual([created]);
  });

  it('update changes only the given fields and bumps the version', async () => {
    const updated = await api.mutate('sgp.cliente.update', { id: created.id, version: 1, data: { cidade: 'São Paulo', documento: null } });
    expect(updated).toMatchObject({ id: created.id, nome, cidade: 'São Paulo', documento: null, estado: 'SP', version: 2 });
    expect(await api.query('sgp.cliente.get', { id: created.id })).toEqual(updated);
  });

  it('delete removes the row; get and a second delete are NOT_FOUND', async () => {
    expect(await api.mutate('sgp.cliente.delete', { id: created.id })).toEqual({ id: created.id, deleted: true });
    await expectApiError(api.query('sgp.cliente.get', { id: created.id }), 'NOT_FOUND');
    await expectApiError(api.mutate('sgp.cliente.delete', { id: created.id }), 'NOT_FOUND');
    expect((await db.all('SELECT id FROM sgp_cliente WHERE id = ?', [created.id])).length).toBe(0);
  });
});

describe.each(TRANSPORTS)('sgp.pedido with itens through %s', (_name, makeApi) => {
  let api: Api;
  let cliente: any;
  let pedido: any;

  beforeAll(async () => {
    api = makeApi(platform.url, admin.token);
    cliente = await newCliente();
  });

  it('create with two itens computes metro_quadrado, valor_itens and valor_total as exact decimal strings', async () => {
    pedido = await api.mutate('sgp.pedido.create', {
      data: {
        cliente: cliente.id,
        data_entrada: '2024-05-06',
        valor_frete: '0.1',
        itens: [
          // 1.005 × 0.01 = 0.01005 → 0.0101 (half-up); binary floating point gives 0.010049999… → 0.0100.
          { descricao: 'Faixa', largura: '1.005', altura: '0.01', quantidade: 3, valor_unitario: '0.10' },
          { descricao: 'Adesivo', largura: '0.1', altura: '0.2', quantidade: 1, valor_unitario: '0.2' },
        ],
      },
    });
    expect(pedido.numero).toMatch(/^\d{6}$/);
    expect(pedido).toMatchObject({ cliente: cliente.id, data_entrada: '2024-05-06', status: 'pendente', prioridade: 'NORMAL', valor_frete: '0.10' });
    // 0.10 × 3 + 0.20 × 1 = 0.50 (floats: 0.5000000000000001); + 0.10 frete = 0.60.
    expect(pedido.valor_itens).toBe('0.50');
    expect(pedido.valor_total).toBe('0.60');
    expect(pedido.itens).toHaveLength(2);
    expect(pedido.itens[0]).toMatchObject({
      pedido: pedido.id,
      descricao: 'Faixa',
      largura: '1.005',
      altura: '0.010',
      quantidade: 3,
      valor_unitario: '0.10',
      metro_quadrado: '0.0101',
      acabamento: 'nenhum',
    });
    expect(pedido.itens[1]).toMatchObject({
      pedido: pedido.id,
      descricao: 'Adesivo',
      largura: '0.100',
      altura: '0.200',
      quantidade: 1,
      valor_unitario: '0.20',
      metro_quadrado: '0.0200',
    });
    expect(pedido._display.cliente).toBe(cliente.nome);
  });

  it('get returns the pedido with its itens and computed values', async () => {
    const got = await api.query('sgp.pedido.get', { id: pedido.id });
    expect(got).toEqual(pedido);
  });

  it('update keeps itens sent with their id, adds itens without id, removes itens left out, and recomputes', async () => {
    const [faixa, adesivo] = pedido.itens;
    const updated = await api.mutate('sgp.pedido.update', {
      id: pedido.id,
      version: pedido.version,
      data: {
        itens: [
          { id: faixa.id, descricao: 'Faixa', largura: '1.005', altura: '0.01', quantidade: 5, valor_unitario: '0.10' },
          { descricao: 'Lona', largura: '2.5', altura: '1.2', quantidade: 2, valor_unitario: '1.25' },
        ],
      },
    });
    expect(updated.version).toBe(pedido.version + 1);
    expect(updated.itens.map((i: any) => i.descricao)).toEqual(['Faixa', 'Lona']);
    expect(updated.itens[0]).toMatchObject({ id: faixa.id, quantidade: 5, metro_quadrado: '0.0101' });
    expect(updated.itens[1].id).not.toBe(adesivo.id);
    expect(updated.itens[1]).toMatchObject({ metro_quadrado: '3.0000', valor_unitario: '1.25' });
    // 0.10 × 5 + 1.25 × 2 = 3.00; + 0.10 frete.
    expect(updated.valor_itens).toBe('3.00');
    expect(updated.valor_total).toBe('3.10');
    expect(await db.all('SELECT id FROM sgp_item_pedido WHERE id = ?', [adesivo.id])).toEqual([]);
    expect(await db.all('SELECT id FROM sgp_item_pedido WHERE pedido = ? ORDER BY id', [pedido.id])).toEqual(updated.itens.map((i: any) => ({ id: i.id })));
    pedido = updated;
  });

  it('update without itens leaves them alone and recomputes valor_total from the new frete', async () => {
    const updated = await api.mutate('sgp.pedido.update', { id: pedido.id, version: pedido.version, data: { valor_frete: '2' } });
    expect(updated.itens).toEqual(pedido.itens);
    expect(updated).toMatchObject({ valor_frete: '2.00', valor_itens: '3.00', valor_total: '5.00' });
    pedido = updated;
  });

  it('update with an empty itens list removes every item; totals drop to the frete', async () => {
    const updated = await api.mutate('sgp.pedido.update', { id: pedido.id, data: { itens: [] } });
    expect(updated.itens).toEqual([]);
    expect(updated).toMatchObject({ valor_itens: '0.00', valor_total: '2.00' });
    expect(await db.all('SELECT id FROM sgp_item_pedido WHERE pedido = ?', [pedido.id])).toEqual([]);
    pedido = updated;
  });

  it('delete removes the pedido (admin only may) and its itens with it', async () => {
    const withItens = await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id, itens: [{ descricao: 'X', quantidade: 1, valor_unitario: '1' }] } });
    expect(await api.mutate('sgp.pedido.delete', { id: withItens.id })).toEqual({ id: withItens.id, deleted: true });
    await expectApiError(api.query('sgp.pedido.get', { id: withItens.id }), 'NOT_FOUND');
    expect(await db.all('SELECT id FROM sgp_item_pedido WHERE pedido = ?', [withItens.id])).toEqual([]);
  });
});

describe.each(TRANSPORTS)('sgp.item_pedido procedures through %s', (_name, makeApi) => {
  let api: Api;
  let pedido: any;

  beforeAll(async () => {
    api = makeApi(platform.url, admin.token);
    const cliente = await newCliente();
    pedido = await setup.mutate('sgp.pedido.create', {
      data: { cliente: cliente.id, valor_frete: '1.00', itens: [{ descricao: 'Base', quantidade: 1, valor_unitario: '10.00' }] },
    });
  });

  it('create/get/list/update/delete an item directly', async () => {
    const item = await api.mutate('sgp.item_pedido.create', {
      data: { pedido: pedido.id, descricao: 'Avulso', largura: '2', altura: '0.5', quantidade: 2, valor_unitario: '3.50' },
    });
    expect(item).toMatchObject({ pedido: pedido.id, metro_quadrado: '1.0000', valor_unitario: '3.50', version: 1 });
    expect(item._display.pedido).toBe(pedido.numero);
    expect(await api.query('sgp.item_pedido.get', { id: item.id })).toEqual(item);
    const list = await api.query('sgp.item_pedido.list', { filter: { pedido: pedido.id }, sort: 'id' });
    expect(list.rows.map((r: any) => r.descricao)).toEqual(['Base', 'Avulso']);
    const updated = await api.mutate('sgp.item_pedido.update', { id: item.id, version: 1, data: { altura: '1.5' } });
    expect(updated).toMatchObject({ version: 2, metro_quadrado: '3.0000' });
    await api.mutate('sgp.item_pedido.delete', { id: item.id });
    await expectApiError(api.query('sgp.item_pedido.get', { id: item.id }), 'NOT_FOUND');
  });

  it("an item written directly counts in its pedido's stored totals", async () => {
    const item = await api.mutate('sgp.item_pedido.create', { data: { pedido: pedido.id, descricao: 'Extra', quantidade: 3, valor_unitario: '2.00' } });
    // 10.00 + 3 × 2.00 = 16.00 in itens, + 1.00 frete.
    expect(await api.query('sgp.pedido.get', { id: pedido.id })).toMatchObject({ valor_itens: '16.00', valor_total: '17.00' });
    await api.mutate('sgp.item_pedido.delete', { id: item.id });
    expect(await api.query('sgp.pedido.get', { id: pedido.id })).toMatchObject({ valor_itens: '10.00', valor_total: '11.00' });
  });
});

/** Every simple cadastro, with a minimal row and one change. */
const CADASTROS: [entity: string, create: Record<string, unknown>, change: Record<string, unknown>, expected: Record<string, unknown>][] = [
  ['vendedor', { nome: 'Vera' }, { email: 'vera@loja.com' }, { ativo: true }],
  ['designer', { nome: 'Davi' }, { ativo: false }, { ativo: false }],
  ['material', { nome: 'Tactel' }, { descricao: 'Tecido leve' }, { ativo: true }],
  ['forma_pagamento', { nome: 'PIX' }, { nome: 'PIX à vista' }, { ativo: true }],
  ['forma_envio', { nome: 'Motoboy', valor: '12.5' }, { valor: '15' }, { valor: '15.00' }],
  ['maquina', { nome: 'Mimaki 180' }, { status: 'manutencao' }, { status: 'manutencao' }],
  ['tipo_producao', { nome: 'Totem' }, { descricao: 'Totem de MDF' }, { ativo: true }],
];

describe.each(TRANSPORTS)('cadastros through %s', (transport, makeApi) => {
  it.each(CADASTROS)('sgp.%s create/get/list/update/delete', async (entity, create, change, expected) => {
    const api = makeApi(platform.url, admin.token);
    const data = { ...create, nome: `${create.nome} (${transport})` };
    const created = await api.mutate(`sgp.${entity}.create`, { data });
    expect(created).toMatchObject({ ...data, ...(entity === 'forma_envio' ? { valor: '12.50' } : {}), version: 1 });
    expect(await api.query(`sgp.${entity}.get`, { id: created.id })).toEqual(created);
    const list = await api.query(`sgp.${entity}.list`, { filter: { id: created.id } });
    expect(list.rows).toEqual([created]);
    const updated = await api.mutate(`sgp.${entity}.update`, { id: created.id, version: 1, data: change });
    expect(updated).toMatchObject({ ...expected, version: 2 });
    expect(await api.mutate(`sgp.${entity}.delete`, { id: created.id })).toEqual({ id: created.id, deleted: true });
    await expectApiError(api.query(`sgp.${entity}.get`, { id: created.id }), 'NOT_FOUND');
  });
});

describe.each(TRANSPORTS)('platform.user through %s', (transport, makeApi) => {
  it('create/get/list/update/delete, never returning the password', async () => {
    const api = makeApi(platform.url, admin.token);
    const email = `user.${transport.replace(/\W/g, '').toLowerCase()}@test.local`;
    const created = await api.mutate('platform.user.create', { data: { email, name: 'Usuária', password: 'secret-password-1', roles: ['vendedor'] } });
    expect(created).toMatchObject({ email, name: 'Usuária', roles: ['vendedor'], active: true, version: 1 });
    expect(created).not.toHaveProperty('password');
    expect(await api.query('platform.user.get', { id: created.id })).toEqual(created);
    const list = await api.query('platform.user.list', { search: email });
    expect(list.rows).toEqual([created]);
    const updated = await api.mutate('platform.user.update', { id: created.id, version: 1, data: { roles: ['vendedor', 'financeiro'] } });
    expect(updated).toMatchObject({ roles: ['vendedor', 'financeiro'], version: 2 });
    expect(updated).not.toHaveProperty('password');
    await api.mutate('platform.user.delete', { id: created.id });
    await expectApiError(api.query('platform.user.get', { id: created.id }), 'NOT_FOUND');
  });
});

describe('list: filters, sort, paging, search, display values', () => {
  type Key = 'F1' | 'F2' | 'F3' | 'F4' | 'F5';
  // Each pedido has one item; valor_total = valor_unitario × quantidade + frete.
  const DATASET: Record<
    Key,
    {
      cliente: 'alfa' | 'beta';
      data_entrada: string;
      data_entrega: string | null;
      status: PedidoStatus;
      prioridade: string;
      valor_frete: string;
      valor_unitario: string;
      quantidade: number;
      valor_total: string;
    }
  > = {
    F1: {
      cliente: 'alfa',
      data_entrada: '2024-01-10',
      data_entrega: '2024-01-15',
      status: 'pendente',
      prioridade: 'NORMAL',
      valor_frete: '0.00',
      valor_unitario: '50.00',
      quantidade: 2,
      valor_total: '100.00',
    },
    F2: {
      cliente: 'beta',
      data_entrada: '2024-01-20',
      data_entrega: null,
      status: 'em_producao',
      prioridade: 'ALTA',
      valor_frete: '10.50',
      valor_unitario: '120.00',
      quantidade: 2,
      valor_total: '250.50',
    },
    F3: {
      cliente: 'alfa',
      data_entrada: '2024-02-05',
      data_entrega: '2024-02-10',
      status: 'entregue',
      prioridade: 'NORMAL',
      valor_frete: '0.00',
      valor_unitario: '2.50',
      quantidade: 4,
      valor_total: '10.00',
    },
    F4: {
      cliente: 'beta',
      data_entrada: '2024-02-28',
      data_entrega: '2024-03-01',
      status: 'cancelado',
      prioridade: 'NORMAL',
      valor_frete: '9.99',
      valor_unitario: '990.00',
      quantidade: 1,
      valor_total: '999.99',
    },
    F5: {
      cliente: 'alfa',
      data_entrada: '2024-03-15',
      data_entrega: null,
      status: 'pronto',
      prioridade: 'ALTA',
      valor_frete: '0.10',
      valor_unitario: '0.10',
      quantidade: 2,
      valor_total: '0.30',
    },
  };
  const clientes: Record<'alfa' | 'beta', any> = {} as never;
  const rows: Record<Key, any> = {} as never;
  const keyOf = (id: number) => (Object.keys(rows) as Key[]).find((k) => rows[k].id === id) ?? `id ${id}`;
  const keysOf = (list: { rows: any[] }) => list.rows.map((r) => keyOf(r.id));
  /** Every query is limited to this dataset's two clientes (other tests create pedidos too). */
  const scoped = (filter: Record<string, unknown> = {}) => ({ cliente: { in: [clientes.alfa.id, clientes.beta.id] }, ...filter });

  beforeAll(async () => {
    clientes.alfa = await newCliente('Alfa Filtros Ltda');
    clientes.beta = await newCliente('Beta Filtros SA');
    for (const [key, p] of Object.entries(DATASET) as [Key, (typeof DATASET)[Key]][]) {
      const created = await setup.mutate('sgp.pedido.create', {
        data: {
          cliente: clientes[p.cliente].id,
          data_entrada: p.data_entrada,
          data_entrega: p.data_entrega,
          prioridade: p.prioridade,
          valor_frete: p.valor_frete,
          itens: [{ descricao: `Item ${key}`, quantidade: p.quantidade, valor_unitario: p.valor_unitario }],
        },
      });
      // The status changes only through the workflow's transitions.
      rows[key] = await takeSteps(setup, created.id, stepsTo(p.status, await anyMaquina(setup)));
      expect(rows[key]).toMatchObject({ status: p.status, valor_total: p.valor_total });
    }
  });

  const FILTER_CASES: [name: string, filter: () => Record<string, unknown>, expected: Key[]][] = [
    ['plain equality on an enum', () => ({ status: 'pendente' }), ['F1']],
    ['eq', () => ({ prioridade: { eq: 'ALTA' } }), ['F2', 'F5']],
    ['ne', () => ({ status: { ne: 'cancelado' } }), ['F1', 'F2', 'F3', 'F5']],
    ['gt on a computed decimal', () => ({ valor_total: { gt: '100.00' } }), ['F2', 'F4']],
    ['gte on a computed decimal, value without decimals', () => ({ valor_total: { gte: '100' } }), ['F1', 'F2', 'F4']],
    ['lt on a decimal', () => ({ valor_frete: { lt: '9.99' } }), ['F1', 'F3', 'F5']],
    ['lte on a date', () => ({ data_entrada: { lte: '2024-01-20' } }), ['F1', 'F2']],
    ['in', () => ({ status: { in: ['pendente', 'entregue', 'pronto'] } }), ['F1', 'F3', 'F5']],
    ['between dates, both ends included', () => ({ data_entrada: { between: ['2024-01-20', '2024-02-28'] } }), ['F2', 'F3', 'F4']],
    ['between decimals, both ends included', () => ({ valor_total: { between: ['10', '250.50'] } }), ['F1', 'F2', 'F3']],
    ['isNull: true', () => ({ data_entrega: { isNull: true } }), ['F2', 'F5']],
    ['isNull: false', () => ({ data_entrega: { isNull: false } }), ['F1', 'F3', 'F4']],
    ['plain equality with null', () => ({ data_entrega: null }), ['F2', 'F5']],
    ['contains on a string', () => ({ numero: { contains: rows.F3.numero } }), ['F3']],
    ['plain equality on a relation', () => ({ cliente: clientes.beta.id }), ['F2', 'F4']],
    ['two operators on one field', () => ({ data_entrada: { gte: '2024-01-15', lt: '2024-03-01' } }), ['F2', 'F3', 'F4']],
    ['two fields together (AND)', () => ({ cliente: clientes.alfa.id, valor_total: { lt: '50' } }), ['F3', 'F5']],
    ['a system column', () => ({ id: { in: [rows.F1.id, rows.F4.id] } }), ['F1', 'F4']],
  ];

  describe.each(TRANSPORTS)('through %s', (_name, makeApi) => {
    it.each(FILTER_CASES)('filter: %s', async (_case, filter, expected) => {
      const list = await makeApi(platform.url, admin.token).query('sgp.pedido.list', { filter: scoped(filter()), sort: 'data_entrada' });
      expect(keysOf(list)).toEqual(expected);
      expect(list.total).toBe(expected.length);
      expect(list.totalExact).toBe(true);
    });
  });

  it('contains is case-insensitive and treats % and _ as plain characters', async () => {
    const byName = await setup.query('sgp.cliente.list', { filter: { nome: { contains: 'ALFA filtros' } } });
    expect(byName.rows.map((r: any) => r.id)).toEqual([clientes.alfa.id]);
    expect((await setup.query('sgp.cliente.list', { filter: { nome: { contains: '%' } } })).total).toBe(0);
    expect((await setup.query('sgp.cliente.list', { filter: { nome: { contains: '_' } } })).total).toBe(0);
  });

  it('sort ascending and descending, on a computed decimal and on a date', async () => {
    expect(keysOf(await setup.query('sgp.pedido.list', { filter: scoped(), sort: 'valor_total' }))).toEqual(['F5', 'F3', 'F1', 'F2', 'F4']);
    expect(keysOf(await setup.query('sgp.pedido.list', { filter: scoped(), sort: '-valor_total' }))).toEqual(['F4', 'F2', 'F1', 'F3', 'F5']);
    expect(keysOf(await setup.query('sgp.pedido.list', { filter: scoped(), sort: 'data_entrada' }))).toEqual(['F1', 'F2', 'F3', 'F4', 'F5']);
  });

  it("without sort, uses the manifest's list.sort (-data_entrada)", async () => {
    expect(keysOf(await setup.query('sgp.pedido.list', { filter: scoped() }))).toEqual(['F5', 'F4', 'F3', 'F2', 'F1']);
  });

  it('page/pageSize slice the sorted rows; total counts all matches', async () => {
    const pageOf = (page: number) => setup.query('sgp.pedido.list', { filter: scoped(), sort: 'data_entrada', page, pageSize: 2 });
    const pages = await Promise.all([1, 2, 3, 4].map(pageOf));
    expect(pages.map(keysOf)).toEqual([['F1', 'F2'], ['F3', 'F4'], ['F5'], []]);
    for (const [i, p] of pages.entries()) expect(p).toMatchObject({ total: 5, totalExact: true, page: i + 1, pageSize: 2 });
  });

  it('search looks in the manifest search fields (numero)', async () => {
    expect(keysOf(await setup.query('sgp.pedido.list', { filter: scoped(), search: rows.F3.numero }))).toEqual(['F3']);
    expect(keysOf(await setup.query('sgp.pedido.list', { filter: scoped(), search: 'no such numero' }))).toEqual([]);
    expect((await setup.query('sgp.pedido.list', { filter: scoped(), search: '' })).total).toBe(5);
  });

  it('search on cliente covers nome and cidade, case-insensitively', async () => {
    await setup.mutate('sgp.cliente.update', { id: clientes.beta.id, data: { cidade: 'Curitiba' } });
    const byCity = await setup.query('sgp.cliente.list', { search: 'curitiba' });
    expect(byCity.rows.map((r: any) => r.id)).toEqual([clientes.beta.id]);
    const byName = await setup.query('sgp.cliente.list', { search: 'beta filt' });
    expect(byName.rows.map((r: any) => r.id)).toEqual([clientes.beta.id]);
  });

  it("rows carry their relations' display values in _display", async () => {
    const list = await setup.query('sgp.pedido.list', { filter: scoped(), sort: 'data_entrada' });
    expect(list.rows.map((r: any) => r._display.cliente)).toEqual([
      'Alfa Filtros Ltda',
      'Beta Filtros SA',
      'Alfa Filtros Ltda',
      'Beta Filtros SA',
      'Alfa Filtros Ltda',
    ]);
    expect(list.rows[0]._display.forma_pagamento).toBeNull();
  });

  it('SQL-looking text is only data: a search returns normally and the table is still there', async () => {
    await expectNothingWritten(async () => {
      const hostile = await setup.query('sgp.pedido.list', { search: "'; DROP TABLE sgp_pedido; --" });
      expect(hostile).toMatchObject({ rows: [], total: 0 });
      const quoted = await setup.query('sgp.pedido.list', { filter: { numero: "' OR '1'='1" } });
      expect(quoted.total).toBe(0);
    });
    expect((await setup.query('sgp.pedido.list', { filter: scoped() })).total).toBe(5);
    expect(await db.tableNames()).toContain('sgp_pedido');
  });
});

describe('total counting cap (TOTAL_COUNT_CAP=100)', () => {
  it('counts exactly up to the cap, then reports the cap with totalExact false', async () => {
    for (let i = 0; i < 100; i++) await setup.mutate('sgp.material.create', { data: { nome: `Cap-${String(i).padStart(3, '0')}` } });
    const exact = await setup.query('sgp.material.list', { filter: { nome: { contains: 'cap-' } }, pageSize: 10 });
    expect(exact).toMatchObject({ total: 100, totalExact: true });

    await setup.mutate('sgp.material.create', { data: { nome: 'Cap-100' } });
    const capped = await setup.query('sgp.material.list', { filter: { nome: { contains: 'cap-' } }, pageSize: 200 });
    expect(capped).toMatchObject({ total: 100, totalExact: false });
    expect(capped.rows).toHaveLength(101);

    const narrow = await setup.query('sgp.material.list', { filter: { nome: { contains: 'cap-09' } } });
    expect(narrow).toMatchObject({ total: 10, totalExact: true });
  });
});

describe('bad input: BAD_REQUEST with per-field issues, and nothing written', () => {
  let cliente: any;
  let pedido: any;
  let otherPedido: any;

  beforeAll(async () => {
    cliente = await newCliente('Cliente Validação');
    pedido = await setup.mutate('sgp.pedido.create', { data: { cliente: cliente.id, itens: [{ descricao: 'A', quantidade: 1, valor_unitario: '1.00' }] } });
    otherPedido = await setup.mutate('sgp.pedido.create', {
      data: { cliente: cliente.id, itens: [{ descricao: 'B', quantidade: 1, valor_unitario: '1.00' }] },
    });
  });

  const item = (extra: Record<string, unknown> = {}) => ({ descricao: 'Item', quantidade: 1, valor_unitario: '1.00', ...extra });

  type Case = [name: string, kind: 'query' | 'mutate', path: string, input: () => unknown, issuePath: string];
  const CASES: Case[] = [
    ['missing required field', 'mutate', 'sgp.pedido.create', () => ({ data: { itens: [item()] } }), 'data.cliente'],
    ['missing required field (cliente.nome)', 'mutate', 'sgp.cliente.create', () => ({ data: { cidade: 'Recife' } }), 'data.nome'],
    ['missing data', 'mutate', 'sgp.cliente.create', () => ({}), 'data'],
    ['wrong type: text for a relation id', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: 'abc' } }), 'data.cliente'],
    ['wrong type: number for a string', 'mutate', 'sgp.cliente.create', () => ({ data: { nome: 123 } }), 'data.nome'],
    ['wrong type: string for a boolean', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: cliente.id, financeiro: 'sim' } }), 'data.financeiro'],
    ['unknown field', 'mutate', 'sgp.cliente.create', () => ({ data: { nome: 'X', apelido: 'Y' } }), 'data.apelido'],
    ['unknown top-level key', 'mutate', 'sgp.cliente.create', () => ({ data: { nome: 'X' }, extra: true }), 'extra'],
    ['value not in the enum', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: cliente.id, status: 'arquivado' } }), 'data.status'],
    ['string breaking the pattern', 'mutate', 'sgp.cliente.create', () => ({ data: { nome: 'X', estado: 'sp' } }), 'data.estado'],
    ['string over maxLength', 'mutate', 'sgp.cliente.create', () => ({ data: { nome: 'x'.repeat(151) } }), 'data.nome'],
    ['impossible date', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: cliente.id, data_entrada: '2024-02-30' } }), 'data.data_entrada'],
    [
      'decimal with too many places (string)',
      'mutate',
      'sgp.pedido.create',
      () => ({ data: { cliente: cliente.id, valor_frete: '1.234' } }),
      'data.valor_frete',
    ],
    [
      'decimal with too many places (JSON number)',
      'mutate',
      'sgp.pedido.create',
      () => ({ data: { cliente: cliente.id, valor_frete: 1.234 } }),
      'data.valor_frete',
    ],
    ['decimal that is not a number', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: cliente.id, valor_frete: '12,50' } }), 'data.valor_frete'],
    ['decimal below the manifest min (0)', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: cliente.id, valor_frete: '-1.00' } }), 'data.valor_frete'],
    [
      'child item: integer below min',
      'mutate',
      'sgp.pedido.create',
      () => ({ data: { cliente: cliente.id, itens: [item(), item({ quantidade: 0 })] } }),
      'data.itens.1.quantidade',
    ],
    [
      'child item: missing required field',
      'mutate',
      'sgp.pedido.create',
      () => ({ data: { cliente: cliente.id, itens: [{ quantidade: 1 }] } }),
      'data.itens.0.descricao',
    ],
    ['relation id that does not exist', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: 999_999 } }), 'data.cliente'],
    [
      'child relation id that does not exist',
      'mutate',
      'sgp.pedido.create',
      () => ({ data: { cliente: cliente.id, itens: [item({ tipo_producao: 999_999 })] } }),
      'data.itens.0.tipo_producao',
    ],
    ['duplicate unique value (numero)', 'mutate', 'sgp.pedido.create', () => ({ data: { cliente: cliente.id, numero: pedido.numero } }), 'data.numero'],
    ['update: string breaking the pattern', 'mutate', 'sgp.cliente.update', () => ({ id: cliente.id, data: { estado: 'Paraná' } }), 'data.estado'],
    ['update: relation id that does not exist', 'mutate', 'sgp.pedido.update', () => ({ id: pedido.id, data: { forma_envio: 999_999 } }), 'data.forma_envio'],
    [
      'update: item id of another pedido',
      'mutate',
      'sgp.pedido.update',
      () => ({ id: pedido.id, data: { itens: [item({ id: otherPedido.itens[0].id })] } }),
      'data.itens.0.id',
    ],
    ['update: computed field is not writable', 'mutate', 'sgp.pedido.update', () => ({ id: pedido.id, data: { valor_total: '1.00' } }), 'data.valor_total'],
    ['update: missing id', 'mutate', 'sgp.cliente.update', () => ({ data: { nome: 'Y' } }), 'id'],
    ['delete: id that is not a positive integer', 'mutate', 'sgp.cliente.delete', () => ({ id: 0 }), 'id'],
    ['get: id as text', 'query', 'sgp.cliente.get', () => ({ id: '1' }), 'id'],
    ['list: unknown filter field', 'query', 'sgp.pedido.list', () => ({ filter: { desconto: 1 } }), 'filter.desconto'],
    ['list: filter on a password field', 'query', 'platform.user.list', () => ({ filter: { password: 'admin-password-123' } }), 'filter.password'],
    ['list: unknown operator', 'query', 'sgp.pedido.list', () => ({ filter: { status: { like: 'pend%' } } }), 'filter.status'],
    ['list: SQL in an integer filter', 'query', 'sgp.pedido.list', () => ({ filter: { cliente: '1 OR 1=1' } }), 'filter.cliente'],
    ['list: SQL in an integer operator', 'query', 'sgp.pedido.list', () => ({ filter: { id: { gt: '0 OR 1=1' } } }), 'filter.id'],
    ['list: text for a computed decimal', 'query', 'sgp.pedido.list', () => ({ filter: { valor_total: { gt: 'abc' } } }), 'filter.valor_total'],
    ['list: malformed date', 'query', 'sgp.pedido.list', () => ({ filter: { data_entrada: { gte: '01/02/2024' } } }), 'filter.data_entrada'],
    ['list: between with one value', 'query', 'sgp.pedido.list', () => ({ filter: { data_entrada: { between: ['2024-01-01'] } } }), 'filter.data_entrada'],
    ['list: unknown sort field', 'query', 'sgp.pedido.list', () => ({ sort: '-desconto' }), 'sort'],
    ['list: sort on a text field', 'query', 'sgp.pedido.list', () => ({ sort: 'observacao' }), 'sort'],
    ['list: pageSize over 200', 'query', 'sgp.pedido.list', () => ({ pageSize: 201 }), 'pageSize'],
    ['list: pageSize 0', 'query', 'sgp.pedido.list', () => ({ pageSize: 0 }), 'pageSize'],
    ['list: page 0', 'query', 'sgp.pedido.list', () => ({ page: 0 }), 'page'],
    ['list: search over 200 characters', 'query', 'sgp.pedido.list', () => ({ search: 'x'.repeat(201) }), 'search'],
  ];

  describe.each(TRANSPORTS)('through %s', (_name, makeApi) => {
    it.each(CASES)('%s', async (_case, kind, path, input, issuePath) => {
      const api = makeApi(platform.url, admin.token);
      await expectNothingWritten(async () => {
        const error = await expectApiError(api[kind](path, input()), 'BAD_REQUEST');
        expect(error.httpStatus).toBe(400);
        expect(issuePaths(error), error.message).toContain(issuePath);
        for (const issue of error.issues) expect(issue.message).toEqual(expect.any(String));
      });
    });
  });

  it('a rejected write leaves the pedido as it was (fields and itens)', async () => {
    const before = await setup.query('sgp.pedido.get', { id: pedido.id });
    await expectApiError(
      setup.mutate('sgp.pedido.update', { id: pedido.id, data: { observacao: 'mudou', itens: [item({ tipo_producao: 999_999 })] } }),
      'BAD_REQUEST',
    );
    expect(await setup.query('sgp.pedido.get', { id: pedido.id })).toEqual(before);
  });
});

describe('optimistic locking, NOT_FOUND and referential CONFLICT', () => {
  it('update with a stale version → CONFLICT, and the row keeps the newer change', async () => {
    const cliente = await newCliente();
    const first = await setup.mutate('sgp.cliente.update', { id: cliente.id, version: 1, data: { cidade: 'Natal' } });
    expect(first.version).toBe(2);
    await expectNothingWritten(async () => {
      const error = await expectApiError(setup.mutate('sgp.cliente.update', { id: cliente.id, version: 1, data: { cidade: 'Olinda' } }), 'CONFLICT');
      expect(error.httpStatus).toBe(409);
    });
    expect(await setup.query('sgp.cliente.get', { id: cliente.id })).toMatchObject({ cidade: 'Natal', version: 2 });
  });

  it('a stale pedido update changes neither the pedido nor its itens', async () => {
    const cliente = await newCliente();
    const pedido = await setup.mutate('sgp.pedido.create', {
      data: { cliente: cliente.id, itens: [{ descricao: 'A', quantidade: 1, valor_unitario: '5.00' }] },
    });
    await setup.mutate('sgp.pedido.update', { id: pedido.id, version: 1, data: { observacao: 'primeira' } });
    const current = await setup.query('sgp.pedido.get', { id: pedido.id });
    await expectNothingWritten(() =>
      expectApiError(
        setup.mutate('sgp.pedido.update', { id: pedido.id, version: 1, data: { itens: [{ descricao: 'B', quantidade: 9, valor_unitario: '9.00' }] } }),
        'CONFLICT',
      ),
    );
    expect(await setup.query('sgp.pedido.get', { id: pedido.id })).toEqual(current);
  });

  it.each(['sgp.cliente', 'sgp.pedido', 'platform.user'])('%s: get/update/delete of a missing id → NOT_FOUND', async (entity) => {
    await expectNothingWritten(async () => {
      const got = await expectApiError(setup.query(`${entity}.get`, { id: 987_654 }), 'NOT_FOUND');
      expect(got.httpStatus).toBe(404);
      await expectApiError(setup.mutate(`${entity}.update`, { id: 987_654, data: {} }), 'NOT_FOUND');
      await expectApiError(setup.mutate(`${entity}.delete`, { id: 987_654 }), 'NOT_FOUND');
    });
  });

  it('delete of a cliente that a pedido references → CONFLICT, and the cliente is kept', async () => {
    const cliente = await newCliente();
    await setup.mutate('sgp.pedido.create', { data: { cliente: cliente.id } });
    await expectNothingWritten(async () => {
      const error = await expectApiError(setup.mutate('sgp.cliente.delete', { id: cliente.id }), 'CONFLICT');
      expect(error.httpStatus).toBe(409);
    });
    expect(await setup.query('sgp.cliente.get', { id: cliente.id })).toMatchObject({ id: cliente.id, version: 1 });
  });
});

describe('platform.model', () => {
  it('describes modules, entities, fields and input schemas; internal entities stay hidden', async () => {
    const model = await setup.query('platform.model');
    expect(model.user).toMatchObject({ id: admin.user.id, roles: ['admin'] });
    const modules = Object.fromEntries(model.modules.map((m: any) => [m.name, m]));
    expect(Object.keys(modules).sort()).toEqual(['laser', 'platform', 'rpa', 'sgp']);
    expect(Object.keys(modules.platform.entities)).toEqual(['user', 'schedule', 'schedule_run']);
    expect(Object.keys(modules.sgp.entities).sort()).toEqual([
      'cliente',
      'designer',
      'forma_envio',
      'forma_pagamento',
      'item_pedido',
      'maquina',
      'material',
      'pedido',
      'tipo_producao',
      'vendedor',
    ]);

    const pedido = modules.sgp.entities.pedido;
    expect(pedido).toMatchObject({ key: 'sgp.pedido', label: 'Pedido', display: 'numero', can: { read: true, create: true, update: true, delete: true } });
    const fields = Object.fromEntries(pedido.fields.map((f: any) => [f.name, f]));
    expect(fields.numero).toMatchObject({ type: 'string', unique: true });
    expect(fields.itens).toMatchObject({ type: 'children', child: { entity: 'sgp.item_pedido', foreignKey: 'pedido' } });
    expect(fields.valor_total).toMatchObject({ type: 'computed', returns: 'decimal', stored: true });
    expect(fields.cliente).toMatchObject({ type: 'relation', target: 'sgp.cliente' });
    expect(pedido.schemas.create.properties.data.required).toEqual(['cliente']);
    expect(pedido.schemas.create.properties.data.properties).not.toHaveProperty('valor_total');
    expect(pedido.schemas.list.properties.pageSize.maximum).toBe(200);
    expect(pedido.schemas.update.required).toEqual(['id', 'data']);

    const userFields = modules.platform.entities.user.fields.map((f: any) => f.name);
    expect(userFields).toContain('password');
    expect(modules.sgp.procedures.map((p: any) => p.name).sort()).toEqual([
      'relatorio_por_cliente',
      'relatorio_por_designer',
      'relatorio_por_status',
      'relatorio_por_tipo_producao',
      'relatorio_por_vendedor',
      'relatorio_semanal',
      'relatorio_tendencia_mensal',
      'relatorio_valor_periodo',
    ]);
  });

  it('is the same through plain HTTP (a query without input)', async () => {
    const res = await rawQuery(platform.url, 'platform.model', undefined, { authorization: `Bearer ${admin.token}` });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toEqual(await setup.query('platform.model'));
  });
});

describe('platform.audit', () => {
  let cliente: any;
  const auditOf = (input: Record<string, unknown> = {}) =>
    setup.query('platform.audit', { ...input, filter: { module: 'sgp', entity: 'cliente', record_id: cliente.id, ...((input.filter as object) ?? {}) } });

  beforeAll(async () => {
    cliente = await setup.mutate('sgp.cliente.create', { data: { nome: 'Auditada', cidade: 'Belém' } });
    await setup.mutate('sgp.cliente.update', { id: cliente.id, data: { cidade: 'Manaus', telefone: '92 5555-0000' } });
    await setup.mutate('sgp.cliente.update', { id: cliente.id, data: { cidade: 'Manaus' } });
    await setup.mutate('sgp.cliente.delete', { id: cliente.id });
  });

  it('writes one entry per mutation, with the user and before/after of the changed fields only', async () => {
    const { rows, total } = await auditOf({ sort: 'id' });
    expect(total).toBe(4);
    expect(rows.map((r: any) => r.op)).toEqual(['create', 'update', 'update', 'delete']);
    for (const row of rows) expect(row).toMatchObject({ module: 'sgp', entity: 'cliente', record_id: cliente.id, created_by: admin.user.id });
    const [created, changed, unchanged, deleted] = rows;
    expect(created.changes).toMatchObject({ nome: [null, 'Auditada'], cidade: [null, 'Belém'] });
    expect(created.changes).not.toHaveProperty('telefone');
    expect(changed.changes).toEqual({ cidade: ['Belém', 'Manaus'], telefone: [null, '92 5555-0000'] });
    expect(unchanged.changes).toEqual({});
    expect(deleted.changes).toMatchObject({ nome: ['Auditada', null], cidade: ['Manaus', null] });
  });

  it('filters by op, sorts both ways and pages', async () => {
    expect((await auditOf({ filter: { op: 'update' } })).rows.map((r: any) => r.op)).toEqual(['update', 'update']);
    expect((await auditOf({ filter: { op: { in: ['create', 'delete'] } }, sort: 'id' })).rows.map((r: any) => r.op)).toEqual(['create', 'delete']);
    const newestFirst = await auditOf({ sort: '-id' });
    expect(newestFirst.rows.map((r: any) => r.op)).toEqual(['delete', 'update', 'update', 'create']);
    const second = await auditOf({ sort: 'id', page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.rows.map((r: any) => r.op)).toEqual(['delete']);
  });

  it('records pedido changes including computed totals', async () => {
    const c = await newCliente();
    const pedido = await setup.mutate('sgp.pedido.create', { data: { cliente: c.id, itens: [{ descricao: 'A', quantidade: 2, valor_unitario: '1.50' }] } });
    await setup.mutate('sgp.pedido.update', { id: pedido.id, data: { valor_frete: '4.00' } });
    const { rows } = await setup.query('platform.audit', { filter: { module: 'sgp', entity: 'pedido', record_id: pedido.id }, sort: 'id' });
    expect(rows.map((r: any) => r.op)).toEqual(['create', 'update']);
    expect(rows[0].changes).toMatchObject({ numero: [null, pedido.numero], valor_total: [null, '3.00'] });
    expect(rows[1].changes).toEqual({ valor_frete: ['0.00', '4.00'], valor_total: ['3.00', '7.00'] });
  });

  it('validates its input like any list', async () => {
    const error = await expectApiError(setup.query('platform.audit', { filter: { changes: 'x' } }), 'BAD_REQUEST');
    expect(issuePaths(error)).toContain('filter.changes');
  });
});

describe('wire format (plain HTTP)', () => {
  const auth = () => ({ authorization: `Bearer ${admin.token}` });

  it('a query answers {result:{data}} with dates as ISO-8601 and decimals as strings', async () => {
    const cliente = await newCliente();
    const pedido = await setup.mutate('sgp.pedido.create', { data: { cliente: cliente.id, data_entrada: '2024-06-01', valor_frete: '7.5' } });
    const res = await rawQuery(platform.url, 'sgp.pedido.get', { id: pedido.id }, auth());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(Object.keys(res.body)).toEqual(['result']);
    const data = res.body.result.data;
    expect(data.data_entrada).toBe('2024-06-01');
    expect(data.created_at).toMatch(ISO_DATETIME);
    expect(data.valor_frete).toBe('7.50');
    expect(data.valor_total).toBe('7.50');
  });

  it('a mutation is a POST with the input as the JSON body', async () => {
    const res = await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 'Via POST' } }, auth());
    expect(res.status).toBe(200);
    expect(res.body.result.data).toMatchObject({ nome: 'Via POST', version: 1 });
  });

  it('an error answers {error:{message, code, data:{code, httpStatus, issues}}} without a stack trace', async () => {
    const res = await rawMutate(platform.url, 'sgp.cliente.create', { data: { nome: 5 } }, auth());
    expect(res.status).toBe(400);
    const { error } = res.body;
    expect(error.message).toEqual(expect.any(String));
    expect(error.code).toEqual(expect.any(Number));
    expect(error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, path: 'sgp.cliente.create' });
    expect(error.data.issues).toEqual([{ path: 'data.nome', message: expect.any(String) }]);
    expect(error.data.stack).toBeUndefined();
  });

  it('an unknown procedure answers NOT_FOUND', async () => {
    const res = await rawQuery(platform.url, 'sgp.nada.list', {}, auth());
    expect(res.status).toBe(404);
    expect(res.body.error.data.code).toBe('NOT_FOUND');
  });

  it('the plain-HTTP helper and the tRPC client see the same data', async () => {
    const viaHttp = await httpApi(platform.url, admin.token).query('sgp.cliente.list', { sort: 'id', pageSize: 5 });
    const viaTrpc = await setup.query('sgp.cliente.list', { sort: 'id', pageSize: 5 });
    expect(viaHttp).toEqual(viaTrpc);
  });
});
