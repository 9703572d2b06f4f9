/**
 * Caching headers against a real server: every API answer (tRPC, auth,
 * export, file and document downloads, health, errors) is `no-store`, so no
 * browser cache or proxy keeps user data; the UI's hashed assets stay
 * cacheable for a year and its HTML is revalidated.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, ROOT, startTestPlatform, type LoginResult, type TestPlatform } from './support/testPlatform.js';
import { trpcApi } from './support/api.js';
import { upload } from './support/files.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'files');

let fixture: FixtureModule;
let platform: TestPlatform;
let admin: LoginResult;
let pastaId: number;

beforeAll(async () => {
  fixture = await prepareFixtureModule({ manifestsDir: path.join(FIXTURE, 'manifests'), pluginsDir: path.join(FIXTURE, 'plugins') });
  platform = await startTestPlatform({}, fixture.options);
  admin = await login(platform.url, ADMIN.email, ADMIN.password);
  const up = await upload(platform.url, '/files/arquivos/pasta/anexo', 'medidas.txt', 'text/plain', Buffer.from('12345'), { token: admin.token });
  pastaId = (
    await trpcApi(platform.url, admin.token).mutate('arquivos.pasta.create', { data: { titulo: 'Pasta', responsavel: admin.user.id, anexo: up.body.id } })
  ).id;
});

afterAll(async () => {
  await platform?.close();
  await fixture?.remove();
});

async function cacheControlOf(
  route: string,
  init: RequestInit = {},
  token: string | null = admin.token,
): Promise<{ route: string; status: number; cacheControl: string | null }> {
  const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) };
  const res = await fetch(`${platform.url}${route}`, { ...init, headers });
  await res.arrayBuffer();
  return { route, status: res.status, cacheControl: res.headers.get('cache-control') };
}

describe('Cache-Control', () => {
  it('is no-store on every API answer, successful or not', async () => {
    const json = { 'content-type': 'application/json' };
    const input = encodeURIComponent(JSON.stringify({}));
    const answers = [
      [await cacheControlOf('/health'), 200],
      [
        await cacheControlOf('/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }) }, null),
        200,
      ],
      [await cacheControlOf('/auth/login', { method: 'POST', headers: json, body: JSON.stringify({ email: 'x' }) }, null), 400],
      [await cacheControlOf('/auth/me'), 200],
      [await cacheControlOf('/auth/me', {}, null), 401],
      [await cacheControlOf('/auth/providers'), 200],
      [await cacheControlOf(`/trpc/arquivos.pasta.list?input=${input}`), 200],
      [await cacheControlOf(`/trpc/arquivos.pasta.list,platform.model?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: {} }))}`), 200],
      [
        await cacheControlOf('/trpc/arquivos.pasta.create', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ data: { titulo: 'Outra', responsavel: admin.user.id } }),
        }),
        200,
      ],
      [await cacheControlOf(`/trpc/arquivos.pasta.list?input=${input}`, {}, null), 401],
      [await cacheControlOf('/export/arquivos/pasta.csv'), 200],
      [await cacheControlOf(`/files/arquivos/pasta/${pastaId}/anexo`), 200],
      [await cacheControlOf(`/files/arquivos/pasta/999999/anexo`), 404],
      [await cacheControlOf(`/documents/arquivos/resumo/${pastaId}`), 200],
      [await cacheControlOf('/no/such/api/route.json'), 404],
    ] as const;
    for (const [answer, status] of answers) expect(answer).toEqual({ route: answer.route, status, cacheControl: 'no-store' });
  });

  it("the UI's hashed assets stay cacheable, its HTML is revalidated (not no-store)", async () => {
    const [asset] = (await readdir(path.join(ROOT, 'ui', 'dist', 'assets'))).filter((name) => name.endsWith('.js'));
    expect(asset, 'the UI is built (test/e2e/buildUi.globalSetup.ts)').toBeDefined();
    expect(await cacheControlOf(`/assets/${asset}`, {}, null)).toEqual({
      route: `/assets/${asset}`,
      status: 200,
      cacheControl: 'public, max-age=31536000, immutable',
    });
    expect(await cacheControlOf('/', {}, null)).toEqual({ route: '/', status: 200, cacheControl: 'no-cache' });
    expect(await cacheControlOf('/arquivos/pasta/1', {}, null)).toEqual({ route: '/arquivos/pasta/1', status: 200, cacheControl: 'no-cache' });
  });
});
