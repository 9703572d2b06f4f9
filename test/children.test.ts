/**
 * Children edited inline with their parent: an update may send only what
 * changed in an existing item, new items must be complete, and the parent's
 * totals follow, all in one transaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { expectApiError, trpcApi, type Api } from './support/api.js';

describe('pedido itens', () => {
  let platform: TestPlatform;
  let api: Api;
  let pedido: any;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    api = trpcApi(platform.url, token);
    const cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Cliente Itens' } });
    pedido = await api.mutate('sgp.pedido.create', {
      data: {
        cliente: cliente.id,
        valor_frete: '5.00',
        itens: [
          { descricao: 'Painel', largura: '2', altura: '1', valor_unitario: '100.00', quantidade: 1 },
          { descricao: 'Lona', largura: '3', altura: '1.5', valor_unitario: '50.00', quantidade: 2 },
        ],
      },
    });
  });
  afterAll(() => platform.close());

  it('updates an existing item from only the fields that changed', async () => {
    const [painel, lona] = pedido.itens;
    const updated = await api.mutate('sgp.pedido.update', {
      id: pedido.id,
      version: pedido.version,
      data: { itens: [{ id: painel.id, quantidade: 3 }, { id: lona.id }] },
    });
    const again = updated.itens.find((i: any) => i.id === painel.id);
    expect(again.descricao).toBe('Painel');
    expect(again.quantidade).toBe(3);
    expect(updated.itens).toHaveLength(2);
    expect(updated.valor_itens).toBe('400.00');
    expect(updated.valor_total).toBe('405.00');
    pedido = updated;
  });

  it('refuses a new item without its required fields, naming the item and field, and changes nothing', async () => {
    const error = await expectApiError(
      api.mutate('sgp.pedido.update', { id: pedido.id, data: { itens: [...pedido.itens.map((i: any) => ({ id: i.id })), { largura: '1', altura: '1' }] } }),
      'BAD_REQUEST',
    );
    expect(error.issues).toContainEqual({ path: 'data.itens.2.descricao', message: 'is required' });
    const unchanged = await api.query('sgp.pedido.get', { id: pedido.id });
    expect(unchanged.version).toBe(pedido.version);
    expect(unchanged.itens).toHaveLength(2);
  });

  it('refuses an item id that belongs to another pedido', async () => {
    const other = await api.mutate('sgp.pedido.create', { data: { cliente: pedido.cliente, itens: [{ descricao: 'Outro' }] } });
    const error = await expectApiError(
      api.mutate('sgp.pedido.update', { id: pedido.id, data: { itens: [{ id: other.itens[0].id, quantidade: 9 }] } }),
      'BAD_REQUEST',
    );
    expect(error.issues[0]?.path).toBe('data.itens.0.id');
    expect((await api.query('sgp.pedido.get', { id: other.id })).itens[0].quantidade).toBe(1);
  });
});
