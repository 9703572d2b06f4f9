/**
 * Plugin HTTP routes (RouteDef) on the "rotas" fixture, over plain HTTP:
 * authentication (bearer, cookie + CSRF), the access rule, input from path,
 * query and body validated with named fields, the typed-error mapping, a
 * failure that leaks nothing, a download, a route mounted directly on /api,
 * and the model's refusal of routes that would shadow others.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createUserAndLogin, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { checkPluginRoutes } from '../core/plugin/routeChecks.js';
import { definePlugin, defineRoute, Type } from '../core/index.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'routes');
let fixture: FixtureModule;
let platform: TestPlatform;
const users = {} as Record<'leitor' | 'escritor' | 'ninguem', LoginResult>;

beforeAll(async () => {
  fixture = await prepareFixtureModule({ manifestsDir: path.join(FIXTURE, 'manifests'), pluginsDir: path.join(FIXTURE, 'plugins') });
  platform = await startTestPlatform({}, fixture.options);
  const admin = (await login(platform.url, ADMIN.email, ADMIN.password)).token;
  users.leitor = await createUserAndLogin(platform.url, admin, 'leitor@test.local', ['leitor']);
  users.escritor = await createUserAndLogin(platform.url, admin, 'escritor@test.local', ['escritor']);
  users.ninguem = await createUserAndLogin(platform.url, admin, 'ninguem@test.local', []);
});

afterAll(async () => {
  await platform?.close();
  await fixture?.remove();
});

async function call(route: string, options: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${platform.url}${route}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

describe('plugin routes', () => {
  it('takes path params, query and JSON body as one validated input; answers JSON with the declared status', async () => {
    const created = await call('/api/rotas/notas', { token: users.escritor.token, method: 'POST', body: { titulo: 'Primeira', urgente: true } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ titulo: 'Primeira', urgente: true });
    const id = created.body.id as number;
    expect((await call(`/api/rotas/notas/${id}`, { token: users.leitor.token })).body).toEqual({ titulo: 'Primeira' });
    const detailed = await call(`/api/rotas/notas/${id}?detalhe=true`, { token: users.leitor.token });
    expect(detailed.body).toMatchObject({ detalhe: true, nota: { id, titulo: 'Primeira' } });
    const renamed = await call(`/api/rotas/notas/${id}`, { token: users.escritor.token, method: 'PUT', body: { titulo: 'Renomeada' } });
    expect([renamed.status, renamed.body.titulo]).toEqual([200, 'Renomeada']);
  });

  it('refuses bad input with 400 naming the field, before anything runs', async () => {
    const cases: [string, Parameters<typeof call>[1], string][] = [
      ['/api/rotas/notas/abc', {}, 'id'],
      ['/api/rotas/notas/0', {}, 'id'],
      ['/api/rotas/notas/1?detalhe=talvez', {}, 'detalhe'],
      ['/api/rotas/notas/1?extra=1', {}, 'extra'],
      ['/api/rotas/notas/1?id=2', {}, 'id'],
      ['/api/rotas/notas', { method: 'POST', body: { titulo: '' } }, 'titulo'],
      ['/api/rotas/notas', { method: 'POST', body: {} }, 'titulo'],
      ['/api/rotas/notas', { method: 'POST', body: { titulo: 'x', urgente: 'sim' } }, 'urgente'],
      ['/api/rotas/notas', { method: 'POST', body: [{ titulo: 'x' }] }, 'body'],
      ['/api/rotas/notas', { method: 'POST', body: { titulo: 'a\u0000b' } }, 'titulo'],
    ];
    for (const [route, options, field] of cases) {
      const res = await call(route, { token: users.escritor.token, ...options });
      expect([route, res.status, res.body.error.code], JSON.stringify(options)).toEqual([route, 400, 'BAD_REQUEST']);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual([field]);
    }
    const malformed = await call('/api/rotas/notas', { token: users.escritor.token, method: 'POST', body: '{"titulo": ' });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'BAD_REQUEST']);
    expect((await call('/api/rotas/notas?limite=1', { token: users.leitor.token })).status).toBe(404);
  });

  it('checks who calls: 401 without or with bad credentials, 403 outside the access rule (before validating)', async () => {
    expect((await call('/api/rotas/notas/1')).status).toBe(401);
    expect((await call('/api/rotas/notas/1', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await call('/api/rotas/notas/1', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
    const entityRule = await call('/api/rotas/notas/1', { token: users.ninguem.token });
    expect([entityRule.status, entityRule.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const roleRule = await call('/api/rotas/notas', { token: users.leitor.token, method: 'POST', body: { titulo: '' } });
    expect([roleRule.status, roleRule.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await call('/api/legado/AB', { token: users.ninguem.token })).status).toBe(403);
  });

  it('a cookie session works like the API: reads freely, writes only with the CSRF header', async () => {
    const res = await fetch(`${platform.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'escritor@test.local', password: 'user-password-123' }),
    });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const origin = platform.url;
    const without = await call('/api/rotas/notas', { method: 'POST', body: { titulo: 'Via cookie' }, headers: { cookie, origin } });
    expect([without.status, without.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(without.body.error.message).toContain('x-csrf-token');
    const foreign = await call('/api/rotas/notas', {
      method: 'POST',
      body: { titulo: 'Via cookie' },
      headers: { cookie, origin: 'https://evil.example', 'x-csrf-token': csrfToken },
    });
    expect(foreign.status).toBe(403);
    const withHeader = await call('/api/rotas/notas', {
      method: 'POST',
      body: { titulo: 'Via cookie' },
      headers: { cookie, origin, 'x-csrf-token': csrfToken },
    });
    expect(withHeader.status).toBe(201);
    expect((await call(`/api/rotas/notas/${withHeader.body.id}`, { headers: { cookie } })).body).toEqual({ titulo: 'Via cookie' });
  });

  it('maps typed errors to their status; any other failure is a bare 500 that leaks no SQL', async () => {
    const missing = await call('/api/rotas/notas/999999', { token: users.leitor.token });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const conflict = await call('/api/rotas/conflito', { token: users.leitor.token, method: 'POST', body: {} });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ error: { code: 'CONFLICT', message: 'Já existe', issues: [] } });
    const failure = await call('/api/rotas/falha', { token: users.leitor.token });
    expect(failure.status).toBe(500);
    expect(failure.body).toEqual({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' } });
    expect(failure.text).not.toMatch(/segredo|tabela_que_nao_existe|SELECT|at /);
    const unknown = await call('/api/rotas/nada', { token: users.leitor.token });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('answers a file response as a download', async () => {
    const res = await call('/api/rotas/arquivo/relatorio', { token: users.leitor.token });
    expect(res.status).toBe(200);
    expect(res.text).toBe('conteúdo de relatorio\n');
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="relatorio.txt"; filename*=UTF-8\'\'relatorio.txt');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength('conteúdo de relatorio\n')));
  });

  it('serves a route mounted directly on /api, as its module', async () => {
    const res = await call('/api/legado/AB12', { token: users.leitor.token });
    expect(res.body).toEqual({ codigo: 'AB12', modulo: 'rotas', usuario: 'leitor@test.local' });
  });
});

describe('route checks when the model is built', () => {
  const route = (path: string, extra: object = {}) =>
    defineRoute({ method: 'GET', path, access: { roles: ['x'] }, input: Type.Object({}), resolve: () => null, ...extra });

  it('refuses bad paths, /api mounts shadowing a module, and two routes for one request', () => {
    const plugins = [
      { file: 'plugins/a/index.ts', plugin: definePlugin({ module: 'a', routes: { ok: route('/itens/:id'), bad: route('/Itens'), rel: route('itens') } }) },
      {
        file: 'plugins/b/index.ts',
        plugin: definePlugin({
          module: 'b',
          routes: {
            shadow: route('/a/itens', { mount: 'api' }),
            param: route('/:x', { mount: 'api' }),
            legacy: route('/operadores/:codigo', { mount: 'api' }),
            again: route('/operadores/:outro', { mount: 'api' }),
            verb: route('/x', { method: 'FETCH' }),
          },
        }),
      },
    ];
    expect(checkPluginRoutes(plugins)).toEqual([
      { file: 'plugins/a/index.ts', path: '/routes/bad/path', message: expect.stringContaining('lower-case') },
      { file: 'plugins/a/index.ts', path: '/routes/rel/path', message: expect.stringContaining('lower-case') },
      { file: 'plugins/b/index.ts', path: '/routes/shadow/path', message: 'mounted on /api, "/a" would shadow module "a"\'s routes' },
      { file: 'plugins/b/index.ts', path: '/routes/param/path', message: 'mounted on /api, "/:x" would shadow every module\'s routes' },
      { file: 'plugins/b/index.ts', path: '/routes/again/path', message: 'GET /api/operadores/:outro is already served by b.routes.legacy' },
      { file: 'plugins/b/index.ts', path: '/routes/verb/method', message: 'must be one of GET, POST, PUT, PATCH, DELETE' },
    ]);
  });
});
