/**
 * The benchmark's server process: the real platform (startPlatform) plus the
 * hand-written routes on a second port, both on the same Sequelize connection
 * to the same SQLite file. Loads the pedidos if needed, then prints one JSON
 * line `{ ready, platformUrl, handUrl, load }` on stdout. SIGTERM stops it cleanly
 * (so a --cpu-prof profile gets written). With BENCH_LOAD_ONLY=1 it only loads
 * the data, prints the line and exits.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { loadConfig } from '../core/config/index.js';
import { startPlatform } from '../core/server/startPlatform.js';
import { SessionService } from '../core/auth/sessions.js';
import { ensurePedidos } from './loadPedidos.js';
import { buildHandwrittenApp } from './handwrittenRoutes.js';

export interface ServerReady {
  ready: true;
  platformUrl: string;
  handUrl: string;
  load: Awaited<ReturnType<typeof ensurePedidos>>;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`bench/server.ts needs ${name} (it is started by bench/index.ts)`);
  return v;
}

async function main(): Promise<void> {
  const secret = required('BENCH_AUTH_SECRET');
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: required('BENCH_SERVER_DATA_DIR'),
      SEED: 'false',
      ADMIN_EMAIL: required('BENCH_ADMIN_EMAIL'),
      ADMIN_PASSWORD: required('BENCH_ADMIN_PASSWORD'),
      AUTH_SECRET: secret,
      LOG_LEVEL: 'silent',
    },
    ROOT,
  );
  const logger = pino({ level: 'silent' });
  const platform = await startPlatform(config, { logger });
  const datasource = platform.repos.datasources.get('default')!;
  const load = await ensurePedidos(datasource.sequelize, Number(required('BENCH_PEDIDOS')), (m) => process.stderr.write(`${m}\n`));
  if (process.env.BENCH_LOAD_ONLY === '1') {
    // Loading runs in its own process, so the serving process's memory is the server's alone.
    await platform.stop();
    process.stdout.write(`${JSON.stringify({ ready: true, platformUrl: '', handUrl: '', load } satisfies ServerReady)}\n`);
    return;
  }

  const sessions = new SessionService(platform.repos, secret, config.tokenTtlSeconds);
  const handwritten = buildHandwrittenApp({ datasource, sessions, logger });
  const hand = http.createServer(handwritten.app);
  await new Promise<void>((resolve, reject) => hand.once('error', reject).listen(0, '127.0.0.1', resolve));
  const handUrl = `http://127.0.0.1:${(hand.address() as AddressInfo).port}`;

  // In-flight requests of both servers finish before the database closes.
  process.once('SIGTERM', () => {
    const handClosed = new Promise<void>((resolve) => hand.close(() => resolve()));
    hand.closeIdleConnections();
    setTimeout(() => hand.closeAllConnections(), 10_000).unref();
    void handClosed
      .then(() => handwritten.idle())
      .then(() => platform.stop())
      .then(() => process.exit(0));
  });
  const ready: ServerReady = { ready: true, platformUrl: platform.url, handUrl, load };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench server failed: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
