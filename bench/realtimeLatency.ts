/**
 * `npm run bench:realtime`: live-update latency. Starts the platform in this
 * process on a fresh SQLite folder, connects REALTIME_CLIENTS socket.io clients
 * as admin (websocket transport, as a browser ends up after the upgrade), then
 * makes REALTIME_MUTATIONS sgp.cliente.create calls one after another over
 * plain HTTP. For each, the delay runs from just before the call to the `change`
 * event's arrival at each client; p50/p99 are over all deliveries, and the
 * delivered count must equal clients × mutations (exit 1 otherwise).
 *
 * Clients and server share one event loop here, so the figures include the
 * clients' own decoding of every packet: an upper bound for the server's part.
 * REALTIME_WARMUP mutations (default 5) run first and are not counted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { loadConfig } from '../core/config/index.js';
import { startPlatform } from '../core/server/startPlatform.js';
import type { ChangeEvent } from '../core/realtime/index.js';
import { benchCredentials, type BenchCredentials } from './credentials.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLIENTS = positive('REALTIME_CLIENTS', 200);
const MUTATIONS = positive('REALTIME_MUTATIONS', 200);
const WARMUP = positive('REALTIME_WARMUP', 5);
const DELIVERY_TIMEOUT_MS = 10_000;

const say = (line = '') => process.stdout.write(`${line}\n`);

function positive(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number`);
  return n;
}

/** Arrival times per created row id, and a wait until every client has it. */
class Deliveries {
  private readonly arrivals = new Map<number, number[]>();
  private readonly waiters = new Map<number, () => void>();

  constructor(private readonly clients: number) {}

  arrived(id: number, at: number): void {
    const times = this.arrivals.get(id) ?? [];
    times.push(at);
    this.arrivals.set(id, times);
    if (times.length === this.clients) this.waiters.get(id)?.();
  }

  /** Resolves with the arrival times once all clients have the event; after the timeout, with what came. */
  all(id: number): Promise<number[]> {
    const times = () => this.arrivals.get(id) ?? [];
    if (times().length >= this.clients) return Promise.resolve(times());
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(id);
        resolve(times());
      };
      const timer = setTimeout(done, DELIVERY_TIMEOUT_MS);
      this.waiters.set(id, done);
    });
  }
}

async function login(url: string, admin: BenchCredentials['admin']): Promise<string> {
  const res = await fetch(`${url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function createCliente(url: string, token: string, nome: string): Promise<number> {
  const res = await fetch(`${url}/trpc/sgp.cliente.create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ data: { nome } }),
  });
  const body = (await res.json()) as { result?: { data: { id: number } }; error?: unknown };
  if (!body.result) throw new Error(`create failed: ${JSON.stringify(body.error)}`);
  return body.result.data.id;
}

function connectClient(url: string, token: string, deliveries: Deliveries): Promise<Socket> {
  const socket = connectSocket(url, { transports: ['websocket'], forceNew: true, auth: { token } });
  socket.on('change', (e: ChangeEvent) => deliveries.arrived(e.id, performance.now()));
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** One mutation: the delays (ms) from just before the call to each client's receipt. */
async function measureOne(url: string, token: string, deliveries: Deliveries, n: number): Promise<number[]> {
  const start = performance.now();
  const id = await createCliente(url, token, `Cliente ao vivo ${n}`);
  return (await deliveries.all(id)).map((at) => at - start);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-bench-realtime-'));
  const { admin } = benchCredentials(dataDir);
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password, SEED: 'false', LOG_LEVEL: 'silent' };
  const platform = await startPlatform(loadConfig(env, ROOT), { logger: pino({ level: 'silent' }) });
  const clients: Socket[] = [];
  try {
    const token = await login(platform.url, admin);
    const deliveries = new Deliveries(CLIENTS);
    for (let i = 0; i < CLIENTS; i++) clients.push(await connectClient(platform.url, token, deliveries));
    for (let i = 0; i < WARMUP; i++) await measureOne(platform.url, token, deliveries, -i);
    const delays: number[] = [];
    for (let i = 0; i < MUTATIONS; i++) delays.push(...(await measureOne(platform.url, token, deliveries, i)));
    return report(delays);
  } finally {
    for (const socket of clients) socket.disconnect();
    await platform.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(delays: number[]): number {
  const sorted = [...delays].sort((a, b) => a - b);
  const expected = CLIENTS * MUTATIONS;
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  say(`live updates: ${CLIENTS} clients × ${MUTATIONS} sequential sgp.cliente.create (after ${WARMUP} warm-up), node ${process.version}`);
  say(`  delivered  ${sorted.length} / ${expected}`);
  say(`  p50        ${ms(percentile(sorted, 50))}`);
  say(`  p90        ${ms(percentile(sorted, 90))}`);
  say(`  p99        ${ms(percentile(sorted, 99))}`);
  say(`  max        ${ms(sorted.at(-1) ?? NaN)}`);
  if (sorted.length !== expected) say(`  FAILED: ${expected - sorted.length} deliveries missing`);
  return sorted.length === expected ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
