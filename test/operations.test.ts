/** What operators rely on: CORS from the environment, gzip, security headers, health. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, login, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { testDialect } from './support/testDatabase.js';

const ALLOWED = 'https://painel.example.com';

describe('HTTP operations', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform({ CORS_ORIGINS: `${ALLOWED}, https://outro.example.com` });
  });
  afterAll(() => platform.close());

  it('allows only the configured origins, with credentials', async () => {
    const preflight = (origin: string) =>
      fetch(`${platform.url}/trpc/sgp.cliente.list`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET' } });
    const allowed = await preflight(ALLOWED);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const denied = await preflight('https://evil.example.net');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends security headers', async () => {
    const res = await fetch(`${platform.url}/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the UI under a script policy without eval or inline scripts', async () => {
    const res = await fetch(`${platform.url}/`);
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('compresses responses for clients that accept gzip', async () => {
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    const headersOf = (acceptEncoding: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const url = new URL(platform.url);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: '/trpc/platform.model',
            headers: { 'accept-encoding': acceptEncoding, authorization: `Bearer ${token}` },
          },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode, encoding: res.headers['content-encoding'] });
          },
        );
        req.on('error', reject);
        req.end();
      });
    expect(await headersOf('gzip')).toEqual({ status: 200, encoding: 'gzip' });
    expect(await headersOf('identity')).toEqual({ status: 200, encoding: undefined });
  });

  it('reports the database in /health', async () => {
    const res = await fetch(`${platform.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', databases: { default: { status: 'ok', dialect: testDialect() } } });
  });
});
