/**
 * SIGTERM while writes are in flight: every accepted request finishes, no
 * connection takes a new one, the process exits cleanly, and after a restart
 * exactly the acknowledged rows exist.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN, ROOT, apiClient, login } from './support/testPlatform.js';
import { testDatabaseEnv, testDatabaseServer } from './support/testDatabase.js';

// One process, loaded through tsx's hooks: SIGTERM reaches the server itself, not a relaying parent (tsx's CLI
// forwards signals to its child, and on a busy machine that relay can lose the race against its own exit).
const NODE_ARGS = ['--import', 'tsx', path.join(ROOT, 'core', 'main.ts')];

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  /** Resolves once the server's output has matched `pattern`. */
  logged(pattern: RegExp): Promise<void>;
}

async function startServer(dataDir: string): Promise<Server> {
  const database = await testDatabaseEnv(dataDir);
  const child = spawn(process.execPath, NODE_ARGS, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SEED: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: 'info',
      ...database,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  const logged = (pattern: RegExp) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!pattern.test(out)) return;
        child.stdout!.off('data', check);
        resolve();
      };
      child.stdout!.on('data', check);
      check();
    });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}`, exited, logged });
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
}

/** What a client saw for one create: the row it was told about, a 503 to retry elsewhere, or a broken connection. */
type Outcome =
  | { kind: 'created'; nome: string; id: number }
  | { kind: 'unavailable'; nome: string; retryAfter?: string; connection?: string }
  | { kind: 'failed'; nome: string; error: string };

/** POST /trpc/sgp.cliente.create through a keep-alive agent, the way a long-lived HTTP client sends it. */
function createCliente(url: string, token: string, agent: http.Agent, nome: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/trpc/sgp.cliente.create`,
      { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('error', (e) => resolve({ kind: 'failed', nome, error: e.message }));
        res.on('end', () => {
          if (res.statusCode === 200) resolve({ kind: 'created', nome, id: (JSON.parse(body) as { result: { data: { id: number } } }).result.data.id });
          else if (res.statusCode === 503) resolve({ kind: 'unavailable', nome, retryAfter: res.headers['retry-after'], connection: res.headers.connection });
          else resolve({ kind: 'failed', nome, error: `HTTP ${res.statusCode}: ${body}` });
        });
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ kind: 'failed', nome, error: e.code ?? e.message }));
    req.end(JSON.stringify({ data: { nome } }));
  });
}

/** A raw HTTP/1.1 exchange on one socket, sent in parts, read until the server closes it. */
function rawExchange(url: string) {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const closed = new Promise<{ status: number; headers: Record<string, string>; body: string; error?: string }>((resolve) => {
    let error: string | undefined;
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body, error });
    });
  });
  return { write: (text: string) => new Promise<void>((resolve) => socket.write(text, () => resolve())), closed };
}

async function clienteNames(dataDir: string): Promise<string[]> {
  const server = await startServer(dataDir);
  try {
    const { token } = await login(server.url, ADMIN.email, ADMIN.password);
    const api = apiClient(server.url, token);
    const names: string[] = [];
    for (let page = 1; ; page++) {
      const list = await api.query('sgp.cliente.list', { page, pageSize: 200, sort: 'id' });
      names.push(...list.rows.map((r: { nome: string }) => r.nome));
      if (list.rows.length < 200) return names;
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

// Each case starts Forja twice as a process; on a database server every start also migrates a new database.
describe('graceful shutdown', { timeout: testDatabaseServer() ? 180_000 : 60_000 }, () => {
  const dataDirs: string[] = [];
  const newDataDir = async () => {
    dataDirs.push(await mkdtemp(path.join(os.tmpdir(), 'forja-shutdown-')));
    return dataDirs.at(-1)!;
  };
  afterAll(() => Promise.all(dataDirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('finishes in-flight writes on SIGTERM and loses no acknowledged row', async () => {
    const dataDir = await newDataDir();
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

  it('under keep-alive load, stops taking requests on every connection: each create is answered and saved, or refused and not saved', async () => {
    const dataDir = await newDataDir();
    const server = await startServer(dataDir);
    const { token } = await login(server.url, ADMIN.email, ADMIN.password);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const outcomes: Outcome[] = [];
    let sent = 0;
    let signalled = false;
    // Eight clients send creates back to back on their keep-alive sockets until the server stops answering them.
    const client = async () => {
      for (;;) {
        const outcome = await createCliente(server.url, token, agent, `Cliente ${sent++}`);
        outcomes.push(outcome);
        if (!signalled && outcomes.filter((o) => o.kind === 'created').length >= 40) {
          signalled = true;
          server.child.kill('SIGTERM');
        }
        if (outcome.kind !== 'created' || sent >= 20_000) return;
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    agent.destroy();
    expect(await server.exited).toBe(0);

    const created = outcomes.filter((o) => o.kind === 'created');
    expect(created.length).toBeGreaterThanOrEqual(40);
    for (const o of outcomes) {
      // A 503 is a clean refusal the client may retry elsewhere; anything else is a connection the server would not take.
      if (o.kind === 'unavailable') expect([o.retryAfter, o.connection]).toEqual([expect.stringMatching(/^\d+$/), 'close']);
      if (o.kind === 'failed') expect(o.error).toMatch(/^(ECONNREFUSED|ECONNRESET|EPIPE|socket hang up)$/);
    }
    const saved = await clienteNames(dataDir);
    expect(saved.sort()).toEqual(created.map((o) => o.nome).sort());
  });

  it('answers a request in flight with Connection: close, and refuses one that arrives after SIGTERM with a 503 without running it', async () => {
    const dataDir = await newDataDir();
    const server = await startServer(dataDir);
    const { token } = await login(server.url, ADMIN.email, ADMIN.password);
    const create = (nome: string) => {
      const body = JSON.stringify({ data: { nome } });
      const head = `POST /trpc/sgp.cliente.create HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
      return { head, body };
    };
    // In flight: its headers are in, its body not yet. Late: only part of its headers arrived before SIGTERM.
    const inFlight = rawExchange(server.url);
    const late = rawExchange(server.url);
    const inFlightCreate = create('Em andamento');
    const lateCreate = create('Tarde demais');
    await inFlight.write(inFlightCreate.head);
    await late.write(lateCreate.head.slice(0, 40));
    // The in-flight request must be in the server before the signal; a health check on another socket orders that.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    server.child.kill('SIGTERM');
    await server.logged(/shutting down/);
    await late.write(lateCreate.head.slice(40) + lateCreate.body);
    await inFlight.write(inFlightCreate.body);

    const [answered, refused] = await Promise.all([inFlight.closed, late.closed]);
    expect(answered).toMatchObject({ status: 200, headers: { connection: 'close' } });
    expect(refused).toMatchObject({ status: 503, headers: { connection: 'close', 'retry-after': expect.stringMatching(/^\d+$/) } });
    expect(JSON.parse(refused.body).error.code).toBe('SERVICE_UNAVAILABLE');
    expect(await server.exited).toBe(0);
    expect(await clienteNames(dataDir)).toEqual(['Em andamento']);
  });
});
