/** Request logs are structured JSON lines and never carry credentials. */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../core/server/logger.js';
import { ADMIN, apiClient, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { abandonedUpload } from './support/files.js';

describe('request logs', () => {
  const lines: string[] = [];
  let platform: TestPlatform;
  let token: string;

  beforeAll(async () => {
    const sink = new Writable({
      write: (chunk: Buffer, _enc, done) => {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    platform = await startTestPlatform({}, { logger: createLogger('info', sink) });
    ({ token } = await login(platform.url, ADMIN.email, ADMIN.password));
    await apiClient(platform.url, token).query('sgp.cliente.list', {});
    await fetch(`${platform.url}/trpc/sgp.cliente.list`, { headers: { cookie: `forja_session=${token}` } });
    // The request line is written when the response finishes, which can be just after the client has it.
    for (let i = 0; i < 100 && lines.filter((l) => l.includes('/trpc/sgp.cliente.list')).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(() => platform.close());

  it('logs each request as one JSON line with method, url and status', () => {
    const requests = lines.map((l) => JSON.parse(l) as { req?: { method: string; url: string }; res?: { statusCode: number } }).filter((l) => l.req);
    expect(requests.some((r) => r.req!.method === 'POST' && r.req!.url === '/auth/login' && r.res!.statusCode === 200)).toBe(true);
    expect(requests.some((r) => r.req!.url.startsWith('/trpc/sgp.cliente.list') && r.res!.statusCode === 200)).toBe(true);
  });

  it('never writes the token, the cookie or the password', () => {
    const all = lines.join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toContain(ADMIN.password);
    expect(all).toContain('"authorization":"[redacted]"');
    expect(all).toContain('"cookie":"[redacted]"');
  });

  it('logs an upload the client abandoned as info, not as a server error', async () => {
    await abandonedUpload(platform.url, '/files/sgp/item_pedido/imagem', token, 60_000, 20_000);
    const upload = async () =>
      lines.map((l) => JSON.parse(l) as { level: number; req?: { url: string } }).find((l) => l.req?.url.startsWith('/files/sgp/item_pedido/imagem'));
    await expect.poll(upload).toBeDefined();
    const entries = lines.map((l) => JSON.parse(l) as { level: number; msg?: string; req?: { url: string } });
    expect(entries.filter((l) => l.level >= 50)).toEqual([]);
    expect((await upload())!.level).toBe(30);
  });
});
