/**
 * SIGTERM while writes are in flight: every accepted request finishes, the
 * process exits cleanly, and after a restart exactly the acknowledged rows exist.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, ROOT, apiClient, login } from './support/testPlatform.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

function startServer(dataDir: string): Promise<Server> {
  const child = spawn(TSX, [path.join(ROOT, 'core', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED: 'false', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}`, exited });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

describe('graceful shutdown', () => {
  let dataDir: string;
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('finishes in-flight writes on SIGTERM and loses no acknowledged row', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-shutdown-'));
    const first = await startServer(dataDir);
    const { token } = await login(first.url, ADMIN.email, ADMIN.password);
    const api = apiClient(first.url, token);

    const outcomes = Array.from({ length: 40 }, (_, i) =>
      api.mutate('sgp.cliente.create', { data: { nome: `Cliente ${i}` } }).then(
        (row: { id: number }) => ({ ok: true as const, id: row.id }),
        (e: Error) => ({ ok: false as const, message: e.message }),
      ),
    );
    await Promise.race(outcomes);
    first.child.kill('SIGTERM');
    const results = await Promise.all(outcomes);
    expect(await first.exited).toBe(0);

    const acknowledged = results.filter((r) => r.ok);
    const failed = results.filter((r) => !r.ok);
    expect(acknowledged.length).toBeGreaterThan(0);
    // A request the server never accepted fails to connect; none may fail half-way with a server error.
    for (const f of failed) expect(f.message).not.toMatch(/INTERNAL_SERVER_ERROR|Internal/);

    const second = await startServer(dataDir);
    try {
      const again = await login(second.url, ADMIN.email, ADMIN.password);
      const list = await apiClient(second.url, again.token).query('sgp.cliente.list', { pageSize: 200 });
      const ids = list.rows.map((r: { id: number }) => r.id).sort((a: number, b: number) => a - b);
      expect(ids).toEqual(acknowledged.map((r) => r.id).sort((a, b) => a - b));
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
