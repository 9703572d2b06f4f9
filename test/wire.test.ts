/**
 * The HTTP edges of /trpc: single calls (served by the fast path) and
 * everything else (served by tRPC's adapter) speak the same wire format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';

describe('/trpc wire format', () => {
  let platform: TestPlatform;
  let auth: Record<string, string>;

  beforeAll(async () => {
    platform = await startTestPlatform();
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  });
  afterAll(() => platform.close());

  const get = (path: string) => fetch(`${platform.url}/trpc/${path}`, { headers: auth });

  it('answers a query with { result: { data } }', async () => {
    const res = await get(`sgp.cliente.list?input=${encodeURIComponent(JSON.stringify({ pageSize: 1 }))}`);
    expect(res.status).toBe(200);
    expect((await res.json()).result.data).toMatchObject({ rows: [], total: 0, page: 1, pageSize: 1 });
  });

  it('refuses input that is not JSON with PARSE_ERROR', async () => {
    const res = await get('sgp.cliente.list?input=%7Bnot-json');
    expect(res.status).toBe(400);
    expect((await res.json()).error.data.code).toBe('PARSE_ERROR');
  });

  it('refuses a mutation sent as GET', async () => {
    const res = await get('sgp.cliente.create?input=%7B%7D');
    expect(res.status).toBe(405);
    expect((await res.json()).error.data.code).toBe('METHOD_NOT_SUPPORTED');
  });

  it('answers an unknown procedure with NOT_FOUND', async () => {
    const res = await get('sgp.nada.list');
    expect(res.status).toBe(404);
    expect((await res.json()).error.data.code).toBe('NOT_FOUND');
  });

  it('serves batched calls too', async () => {
    const input = encodeURIComponent(JSON.stringify({ 0: { pageSize: 1 }, 1: { pageSize: 2 } }));
    const res = await get(`sgp.cliente.list,sgp.maquina.list?batch=1&input=${input}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.map((r: any) => r.result.data.pageSize)).toEqual([1, 2]);
  });

  it('gives the same error body on both paths: code, httpStatus, path and per-field issues', async () => {
    const single = await fetch(`${platform.url}/trpc/sgp.cliente.create`, { method: 'POST', headers: auth, body: JSON.stringify({ data: { nome: 5 } }) });
    const batched = await fetch(`${platform.url}/trpc/sgp.cliente.create?batch=1`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ 0: { data: { nome: 5 } } }),
    });
    const a = (await single.json()).error;
    const [b] = (await batched.json()).map((r: any) => r.error);
    expect(single.status).toBe(400);
    expect(a).toEqual(b);
    expect(a.data).toMatchObject({
      code: 'BAD_REQUEST',
      httpStatus: 400,
      path: 'sgp.cliente.create',
      issues: [{ path: 'data.nome', message: 'must be string' }],
    });
  });

  it('lets an optional enum be cleared with null, and still refuses values outside the list', async () => {
    const post = (path: string, body: unknown) => fetch(`${platform.url}/trpc/${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    const created = (await (await post('sgp.maquina.create', { data: { nome: 'Plotter', status: 'ativa' } })).json()).result.data;
    const cleared = await post('sgp.maquina.update', { id: created.id, data: { status: null } });
    expect(cleared.status).toBe(200);
    expect((await cleared.json()).result.data.status).toBeNull();
    const wrong = await post('sgp.maquina.update', { id: created.id, data: { status: 'quebrada' } });
    expect(wrong.status).toBe(400);
  });

  it('gives a signed-in user the names of colleagues by id (admins, users of a module they share), and nothing else about them', async () => {
    const { createUserAndLogin } = await import('./support/testPlatform.js');
    const adminToken = auth.authorization!.slice(7);
    const plain = await createUserAndLogin(platform.url, adminToken, 'sem-papel@test.local', []);
    const vendedor = await createUserAndLogin(platform.url, adminToken, 'vendedora@test.local', ['vendedor']);
    const financeiro = await createUserAndLogin(platform.url, adminToken, 'financeira@test.local', ['financeiro']);
    const names = async (token: string, ids: number[]) => {
      const res = await fetch(`${platform.url}/trpc/platform.userNames?input=${encodeURIComponent(JSON.stringify({ ids }))}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      return ((await res.json()).result.data as { id: number }[]).sort((a, b) => a.id - b.id);
    };
    const everyone = [1, plain.user.id, vendedor.user.id, financeiro.user.id];
    expect(await names(vendedor.token, everyone)).toEqual([
      { id: 1, name: 'Administrador' },
      { id: vendedor.user.id, name: 'vendedora' },
      { id: financeiro.user.id, name: 'financeira' },
    ]);
    // Without roles a user works in no module: only their own name.
    expect(await names(plain.token, everyone)).toEqual([{ id: plain.user.id, name: 'sem-papel' }]);
    expect(await names(adminToken, everyone)).toHaveLength(4);
    const bad = await fetch(`${platform.url}/trpc/platform.userNames?input=${encodeURIComponent(JSON.stringify({ ids: 'todos' }))}`, {
      headers: { authorization: `Bearer ${plain.token}` },
    });
    expect(bad.status).toBe(400);
  });
});
