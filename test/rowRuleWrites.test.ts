/**
 * Row rules hold for writes that reach a row through another one (fixture
 * module "vendas": a vendedor reads and edits only the pedidos and clientes
 * they created, and changes only the itens they created): no item written
 * into, moved into or deleted from a pedido the vendedor cannot read, directly
 * or through the parent; no relation pointing at a row outside their read
 * scope; an item's own row rules hold inline; and a refused inline change
 * rolls the whole update back.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, trpcApi, type Api } from './support/api.js';
import { fingerprint, openDatabase, type DbReader } from './support/database.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';

let fixture: FixtureModule;
let platform: TestPlatform;
let db: DbReader;
const users = {} as Record<'ana' | 'bruno' | 'chefe' | 'montador', LoginResult>;
const as = (who: keyof typeof users): Api => trpcApi(platform.url, users[who].token);

const rows = {} as Record<'clienteA' | 'clienteB' | 'pedidoA' | 'pedidoB' | 'itemA' | 'itemB' | 'anaItemInB' | 'chefeItemInA', any>;

beforeAll(async () => {
  fixture = await prepareFixtureModule({ manifestsDir: path.join(ROOT, 'test', 'fixtures', 'rowrules', 'manifests') });
  platform = await startTestPlatform({}, fixture.options);
  db = await openDatabase(platform.dataDir);
  const adminToken = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
  users.ana = await createUserAndLogin(platform.url, adminToken, 'ana@test.local', ['vendedor']);
  users.bruno = await createUserAndLogin(platform.url, adminToken, 'bruno@test.local', ['vendedor']);
  users.chefe = await createUserAndLogin(platform.url, adminToken, 'chefe@test.local', ['gerente']);
  users.montador = await createUserAndLogin(platform.url, adminToken, 'montador@test.local', ['montador']);
  rows.clienteA = await as('ana').mutate('vendas.cliente.create', { data: { nome: 'Cliente da Ana' } });
  rows.clienteB = await as('bruno').mutate('vendas.cliente.create', { data: { nome: 'Cliente do Bruno' } });
  rows.pedidoA = await as('ana').mutate('vendas.pedido.create', {
    data: { titulo: 'Pedido da Ana', cliente: rows.clienteA.id, itens: [{ descricao: 'Item da Ana' }] },
  });
  rows.pedidoB = await as('bruno').mutate('vendas.pedido.create', { data: { titulo: 'Pedido do Bruno', itens: [{ descricao: 'Item do Bruno' }] } });
  rows.itemA = rows.pedidoA.itens[0];
  rows.itemB = rows.pedidoB.itens[0];
  // An item of ana's that the gerente moved into bruno's pedido: its own row rule lets her change it, its parent does not.
  const moved = await as('ana').mutate('vendas.item.create', { data: { pedido: rows.pedidoA.id, descricao: 'Levado para o Bruno' } });
  rows.anaItemInB = await as('chefe').mutate('vendas.item.update', { id: moved.id, data: { pedido: rows.pedidoB.id } });
  rows.chefeItemInA = await as('chefe').mutate('vendas.item.create', { data: { pedido: rows.pedidoA.id, descricao: 'Item do gerente' } });
});

afterAll(async () => {
  await db?.close();
  await platform?.close();
  await fixture?.remove();
});

async function expectRefusedAndNothingWritten(call: () => Promise<unknown>, code = 'FORBIDDEN') {
  const before = await fingerprint(db);
  const error = await expectApiError(call(), code);
  expect(await fingerprint(db)).toEqual(before);
  return error;
}

const pedidoA = () => as('chefe').query('vendas.pedido.get', { id: rows.pedidoA.id });

describe("a vendedor and the items of another vendedor's pedido", () => {
  it("the setup holds: ana reads her pedido, not bruno's", async () => {
    await expectApiError(as('ana').query('vendas.pedido.get', { id: rows.pedidoB.id }), 'FORBIDDEN');
    expect((await as('ana').query('vendas.pedido.get', { id: rows.pedidoA.id })).itens.map((i: any) => i.id)).toEqual([rows.itemA.id, rows.chefeItemInA.id]);
  });

  it('cannot create an item in it directly', async () => {
    const error = await expectRefusedAndNothingWritten(() =>
      as('ana').mutate('vendas.item.create', { data: { pedido: rows.pedidoB.id, descricao: 'Intrusa' } }),
    );
    expect(error.message).toContain('data.pedido');
  });

  it('cannot update or delete an item in it directly, even one she created', async () => {
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.item.update', { id: rows.anaItemInB.id, data: { descricao: 'Mudada' } }));
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.item.delete', { id: rows.anaItemInB.id }));
    expect((await as('chefe').query('vendas.item.get', { id: rows.anaItemInB.id })).version).toBe(rows.anaItemInB.version);
  });

  it('cannot add, change or remove its items through the pedido', async () => {
    const update = (itens: unknown[]) => as('ana').mutate('vendas.pedido.update', { id: rows.pedidoB.id, data: { itens } });
    await expectRefusedAndNothingWritten(() => update([{ id: rows.itemB.id }, { id: rows.anaItemInB.id }, { descricao: 'Intrusa' }]));
    await expectRefusedAndNothingWritten(() => update([{ id: rows.itemB.id }, { id: rows.anaItemInB.id, descricao: 'Mudada' }]));
    await expectRefusedAndNothingWritten(() => update([]));
  });

  it('cannot move an item of her own pedido into it', async () => {
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.item.update', { id: rows.itemA.id, data: { pedido: rows.pedidoB.id } }));
    expect((await as('ana').query('vendas.item.get', { id: rows.itemA.id })).pedido).toBe(rows.pedidoA.id);
  });

  it('may write items of her own pedido, directly and through it', async () => {
    const direct = await as('ana').mutate('vendas.item.create', { data: { pedido: rows.pedidoA.id, descricao: 'Direta', cliente: rows.clienteA.id } });
    const updated = await as('ana').mutate('vendas.item.update', { id: direct.id, data: { descricao: 'Direta alterada' } });
    expect(updated).toMatchObject({ pedido: rows.pedidoA.id, descricao: 'Direta alterada', version: 2 });
    await as('ana').mutate('vendas.item.delete', { id: direct.id });
    const current = await pedidoA();
    const nested = await as('ana').mutate('vendas.pedido.update', {
      id: rows.pedidoA.id,
      data: { itens: [...current.itens.map((i: any) => ({ id: i.id })), { descricao: 'Pelo pedido', cliente: rows.clienteA.id }] },
    });
    expect(nested.itens.map((i: any) => i.descricao)).toEqual(['Item da Ana', 'Item do gerente', 'Pelo pedido']);
    await as('ana').mutate('vendas.pedido.update', { id: rows.pedidoA.id, data: { itens: nested.itens.slice(0, 2).map((i: any) => ({ id: i.id })) } });
  });

  it('many at once: each vendedor adds to their own pedido, and none of the attempts on the other one lands', async () => {
    const before = { a: (await pedidoA()).itens.length, b: (await as('chefe').query('vendas.pedido.get', { id: rows.pedidoB.id })).itens.length };
    const attempt = (who: 'ana' | 'bruno', pedido: number, n: number) => as(who).mutate('vendas.item.create', { data: { pedido, descricao: `${who} ${n}` } });
    const calls = Array.from({ length: 6 }, (_, n) => [
      attempt('ana', rows.pedidoA.id, n),
      attempt('ana', rows.pedidoB.id, n),
      attempt('bruno', rows.pedidoB.id, n),
      attempt('bruno', rows.pedidoA.id, n),
    ]).flat();
    const results = await Promise.allSettled(calls);
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 6 }, () => ['fulfilled', 'rejected', 'fulfilled', 'rejected']).flat());
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('FORBIDDEN');
    const after = { a: (await pedidoA()).itens, b: (await as('chefe').query('vendas.pedido.get', { id: rows.pedidoB.id })).itens };
    expect(after.a.slice(before.a).map((i: any) => i.created_by)).toEqual(Array(6).fill(users.ana.user.id));
    expect(after.b.slice(before.b).map((i: any) => i.created_by)).toEqual(Array(6).fill(users.bruno.user.id));
    for (const item of [...after.a.slice(before.a), ...after.b.slice(before.b)]) await as('chefe').mutate('vendas.item.delete', { id: item.id });
  });
});

describe('relations to rows outside the read scope', () => {
  it("cannot be written: ana may not point anything at bruno's cliente", async () => {
    const cliente = rows.clienteB.id;
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.pedido.create', { data: { titulo: 'Para o cliente do Bruno', cliente } }));
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.pedido.update', { id: rows.pedidoA.id, data: { cliente } }));
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.item.create', { data: { pedido: rows.pedidoA.id, descricao: 'X', cliente } }));
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.item.update', { id: rows.itemA.id, data: { cliente } }));
    const inline = await expectRefusedAndNothingWritten(() =>
      as('ana').mutate('vendas.pedido.update', {
        id: rows.pedidoA.id,
        data: { itens: [{ id: rows.itemA.id, cliente }, { id: rows.chefeItemInA.id }, { descricao: 'Nova', cliente }] },
      }),
    );
    expect(inline.message).toContain('data.itens.0.cliente');
  });

  it('the answer tells what get tells: FORBIDDEN for a row that exists out of reach, BAD_REQUEST (no such row) for one that does not', async () => {
    await expectApiError(as('ana').query('vendas.cliente.get', { id: rows.clienteB.id }), 'FORBIDDEN');
    await expectApiError(as('ana').query('vendas.cliente.get', { id: 999_999 }), 'NOT_FOUND');
    const missing = await expectRefusedAndNothingWritten(
      () => as('ana').mutate('vendas.pedido.update', { id: rows.pedidoA.id, data: { cliente: 999_999 } }),
      'BAD_REQUEST',
    );
    expect(missing.issues).toEqual([{ path: 'data.cliente', message: 'no Cliente with id 999999' }]);
  });

  it('without a read grant on the target nothing is looked up: an existing and a missing cliente get the same FORBIDDEN', async () => {
    const refer = (cliente: number) => as('montador').mutate('vendas.item.update', { id: rows.itemB.id, data: { cliente } });
    const existing = await expectRefusedAndNothingWritten(() => refer(rows.clienteA.id));
    const missing = await expectRefusedAndNothingWritten(() => refer(999_999));
    expect(existing.message.replace(String(rows.clienteA.id), 'N')).toBe(missing.message.replace('999999', 'N'));
    const allowed = await as('montador').mutate('vendas.item.update', { id: rows.itemB.id, data: { descricao: 'Montado' } });
    expect(allowed).toMatchObject({ descricao: 'Montado', updated_by: users.montador.user.id });
  });

  it('may be written by a role without row rules', async () => {
    const updated = await as('chefe').mutate('vendas.item.update', { id: rows.itemB.id, data: { cliente: rows.clienteA.id } });
    expect(updated.cliente).toBe(rows.clienteA.id);
    await as('chefe').mutate('vendas.item.update', { id: rows.itemB.id, data: { cliente: null } });
  });
});

describe("an item's own row rules, inline", () => {
  it("ana may not change or remove the gerente's item of her pedido, inline or directly; the message names the item", async () => {
    const { itens, version } = await pedidoA();
    const update = (list: unknown[]) => as('ana').mutate('vendas.pedido.update', { id: rows.pedidoA.id, data: { itens: list } });
    const changed = await expectRefusedAndNothingWritten(() => update([{ id: rows.itemA.id }, { id: rows.chefeItemInA.id, descricao: 'Mudada' }]));
    expect(changed.message).toMatch(/Item .*itens\.1/);
    const removed = await expectRefusedAndNothingWritten(() => update([{ id: rows.itemA.id }]));
    expect(removed.message).toContain(`Item ${rows.chefeItemInA.id}`);
    await expectRefusedAndNothingWritten(() => as('ana').mutate('vendas.item.update', { id: rows.chefeItemInA.id, data: { descricao: 'Mudada' } }));
    expect((await pedidoA()).itens).toEqual(itens);
    expect((await pedidoA()).version).toBe(version);
  });

  it('a refused item rolls back the allowed changes sent with it', async () => {
    const before = await pedidoA();
    await expectRefusedAndNothingWritten(() =>
      as('ana').mutate('vendas.pedido.update', {
        id: rows.pedidoA.id,
        data: { titulo: 'Novo título', itens: [{ id: rows.itemA.id, descricao: 'Mudada' }, { descricao: 'Nova' }] },
      }),
    );
    expect(await pedidoA()).toEqual(before);
  });

  it('sending every item back unchanged (as a form does, values in any equal spelling) saves the pedido and touches no item', async () => {
    const before = await pedidoA();
    const resent = before.itens.map((i: any) => ({ id: i.id, descricao: i.descricao, quantidade: String(Number(i.quantidade)), cliente: i.cliente }));
    expect(resent.map((i: any) => i.quantidade)).toEqual(['1', '1']); // stored as "1.000"
    const saved = await as('ana').mutate('vendas.pedido.update', {
      id: rows.pedidoA.id,
      version: before.version,
      data: { titulo: 'Título revisto', itens: resent },
    });
    expect(saved).toMatchObject({ titulo: 'Título revisto', version: before.version + 1 });
    const stored = (itens: any[]) => itens.map(({ _display, ...item }) => item); // the display of `pedido` is the new título
    expect(stored(saved.itens)).toEqual(stored(before.itens));
  });
});
