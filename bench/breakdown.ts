/**
 * `BENCH_DATA_DIR=<dir> npx tsx bench/breakdown.ts`: where the time of one
 * list/get/create goes, step by step, measured in-process one call at a time
 * (no concurrency, no load generator), on a database loaded by
 * `BENCH_DATA_DIR=<dir> npm run bench`. Each line is the mean of many calls;
 * read them as a cost model: HTTP total = token check + input check + data
 * work + framework. The HTTP lines use fetch, which asks for gzip, so the
 * compression middleware works on them (autocannon in `npm run bench` does not ask).
 * Creates made here are kept (a few thousand pedidos); the INSERT timings are rolled back.
 */
import path from 'node:path';
import { createSecretKey, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import express from 'express';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { initTRPC } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { pino } from 'pino';
import { loadConfig } from '../core/config/index.js';
import { startPlatform } from '../core/server/startPlatform.js';
import { SessionService } from '../core/auth/sessions.js';
import { compileInputParser } from '../core/input/validateInput.js';
import { listInputSchema } from '../core/api/entitySchemas.js';
import { toWireRow, withReadComputed } from '../core/service/recordValues.js';
import { pluginContext } from '../core/service/pluginContext.js';
import type { Datasource } from '../core/db/connect.js';
import { PedidoQueries } from './handwrittenPedidos.js';
import { buildHandwrittenApp } from './handwrittenRoutes.js';
import { getJson, login, postJson, queryPath } from './apiClient.js';
import { createInput, listInput } from './scenarios.js';
import { countSqliteStatements } from './countStatements.js';
import { benchCredentials } from './credentials.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ITERATIONS = Number(process.env.BREAKDOWN_ITERATIONS ?? 400);

async function time(label: string, fn: () => unknown): Promise<number> {
  for (let i = 0; i < Math.min(100, ITERATIONS); i++) await fn();
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) await fn();
  const us = ((performance.now() - started) / ITERATIONS) * 1000;
  process.stdout.write(`${label.padEnd(64)}${us.toFixed(0).padStart(8)} µs\n`);
  return us;
}

/** The SQL statements Sequelize sends while `run` runs, captured from its logging hook. */
async function sqlOf(sequelize: Sequelize, run: () => Promise<unknown>): Promise<string[]> {
  const options = (sequelize as unknown as { options: { logging: unknown } }).options;
  const captured: string[] = [];
  const before = options.logging;
  options.logging = (sql: string) => captured.push(sql.replace(/^Executing \([^)]*\): /, ''));
  try {
    await run();
  } finally {
    options.logging = before;
  }
  return captured;
}

const runAll = (sequelize: Sequelize, statements: string[]) =>
  Promise.all(statements.map((sql) => sequelize.query(sql, { type: QueryTypes.SELECT, raw: true })));

class Rollback extends Error {}

/** Times `fn` inside one write transaction that is then rolled back, so nothing is kept. */
async function timeRolledBack(datasource: Datasource, label: string, fn: (tx: Transaction) => Promise<unknown>): Promise<void> {
  await datasource
    .writeTransaction(async (tx) => {
      await time(label, () => fn(tx));
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
}

/** The same payload served three ways: tRPC's express adapter, a tRPC caller inside an express route, and plain res.json. */
async function frameworkServer(payload: unknown): Promise<{ url: string; close(): void }> {
  const t = initTRPC.create();
  const appRouter = t.router({ fixed: t.procedure.query(() => payload) });
  const caller = t.createCallerFactory(appRouter)({});
  const app = express();
  app.use('/trpc', createExpressMiddleware({ router: appRouter }));
  app.get('/caller/fixed', (_req, res, next) => {
    caller.fixed().then((data) => res.json({ result: { data } }), next);
  });
  app.get('/plain/fixed', (_req, res) => {
    res.json({ result: { data: payload } });
  });
  const { createServer } = await import('node:http');
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => server.close() };
}

async function main(): Promise<void> {
  const counter = countSqliteStatements();
  const dataDir = process.env.BENCH_DATA_DIR;
  if (!dataDir) throw new Error('set BENCH_DATA_DIR to a folder loaded by `npm run bench` (with the same BENCH_DATA_DIR)');
  const secret = randomBytes(36).toString('base64url');
  const { admin: ADMIN } = benchCredentials(path.resolve(dataDir));
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.resolve(dataDir),
      SEED: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      AUTH_SECRET: secret,
      LOG_LEVEL: 'silent',
    },
    ROOT,
  );
  const logger = pino({ level: 'silent' });
  const platform = await startPlatform(config, { logger });
  const datasource = platform.repos.datasources.get('default')!;
  const sessions = new SessionService(platform.repos, secret, config.tokenTtlSeconds);
  const { createServer } = await import('node:http');
  const hand = createServer(buildHandwrittenApp({ datasource, sessions, logger }).app);
  await new Promise<void>((resolve) => hand.listen(0, '127.0.0.1', resolve));
  const handUrl = `http://127.0.0.1:${(hand.address() as { port: number }).port}`;
  try {
    const token = await login(platform.url, ADMIN.email, ADMIN.password);
    const { user } = await sessions.verify(token);
    const pedido = platform.services.model.entity('sgp.pedido');
    const service = platform.services.service('sgp.pedido');
    const repo = platform.repos.repo('sgp.pedido');
    const queries = new PedidoQueries(datasource);
    const input = listInput(process.env.BENCH_LIST_STATUS ?? 'em_producao');
    const parseList = compileInputParser(listInputSchema(pedido));
    const secretKey = createSecretKey(Buffer.from(secret));
    const ids = Array.from({ length: 1000 }, (_, i) => 1 + ((i * 7919) % 100_000));
    let k = 0;
    const nextId = () => ids[k++ % ids.length]!;

    process.stdout.write('\nSQLite statements per HTTP request (second call; PRAGMA table_info counted apart)\n');
    const requests: [string, () => Promise<unknown>][] = [
      ['generated list', () => getJson(`${platform.url}${queryPath('/trpc/sgp.pedido.list', input)}`, token)],
      ['hand-written list', () => getJson(`${handUrl}${queryPath('/hand/sgp.pedido.list', input)}`, token)],
      ['generated get', () => getJson(`${platform.url}${queryPath('/trpc/sgp.pedido.get', { id: 5 })}`, token)],
      ['hand-written get', () => getJson(`${handUrl}${queryPath('/hand/sgp.pedido.get', { id: 5 })}`, token)],
      ['generated create', () => postJson(`${platform.url}/trpc/sgp.pedido.create`, createInput(), token)],
      ['hand-written create', () => postJson(`${handUrl}/hand/sgp.pedido.create`, createInput(), token)],
    ];
    for (const [label, call] of requests) {
      await call();
      counter.reset();
      await call();
      process.stdout.write(
        `${label.padEnd(24)}${String(counter.statements).padStart(4)} statements ${String(counter.tableInfoPragmas).padStart(4)} PRAGMA table_info\n`,
      );
    }

    process.stdout.write(`\nmean of ${ITERATIONS} sequential calls\n-- authentication (every request)\n`);
    await time('SessionService.verify (JWT + session row)', () => sessions.verify(token));
    await time('  jwt.verify with a KeyObject', () => jwt.verify(token, secretKey, { algorithms: ['HS256'] }));
    await time('  jwt.verify with the secret as a string (for comparison)', () => jwt.verify(token, secret, { algorithms: ['HS256'] }));

    process.stdout.write('-- list (filter status, sort -data_entrada, 50 rows)\n');
    const query = { filter: input.filter, sort: input.sort, page: 1, pageSize: 50 };
    await time('ajv input parser (generated)', () => parseList(input));
    await time('EntityService.list (repository + wire rows)', () => service.list(user, input));
    await time('  EntityRepository.list (rows + bounded count)', () => repo.list(query));
    const listSql = await sqlOf(datasource.sequelize, () => repo.list(query));
    await time(`    its ${listSql.length} SQL statements alone, via sequelize.query`, () => runAll(datasource.sequelize, listSql));
    const stored = await repo.list(query);
    const wire = stored.rows.map((r, i) => toWireRow(pedido, { ...r }, stored.displays[i]!));
    await time('  toWireRow × 50 (stored → wire values)', () => stored.rows.map((r, i) => toWireRow(pedido, { ...r }, stored.displays[i]!)));
    const ctx = pluginContext(platform.services, 'sgp', user);
    await time('  withReadComputed × 50 (pedido has no read-time computed field)', () => Promise.all(wire.map((row) => withReadComputed(pedido, row, ctx))));
    await time('hand-written PedidoQueries.list (raw SQL + conversion)', () =>
      queries.list({ status: input.filter.status, sort: input.sort, page: 1, pageSize: 50 }),
    );
    await time('HTTP GET generated /trpc/sgp.pedido.list', () => getJson(`${platform.url}${queryPath('/trpc/sgp.pedido.list', input)}`, token));
    await time('HTTP GET hand-written /hand/sgp.pedido.list', () => getJson(`${handUrl}${queryPath('/hand/sgp.pedido.list', input)}`, token));
    await time('HTTP GET hand-written /bare/sgp.pedido.list (no middleware)', () => getJson(`${handUrl}${queryPath('/bare/sgp.pedido.list', input)}`, token));

    process.stdout.write('-- get (pedido + itens)\n');
    await time('EntityService.get', () => service.get(user, nextId()));
    await time('  EntityRepository.findById', () => repo.findById(nextId()));
    await time('  item repository findByParent', () => platform.repos.repo('sgp.item_pedido').findByParent('pedido', nextId()));
    const getSql = await sqlOf(datasource.sequelize, () => service.get(user, 5));
    await time(`    the get's ${getSql.length} SQL statements alone, via sequelize.query`, async () => {
      for (const sql of getSql) await datasource.sequelize.query(sql, { type: QueryTypes.SELECT, raw: true });
    });
    await time('hand-written PedidoQueries.get', () => queries.get(nextId()));
    await time('HTTP GET generated /trpc/sgp.pedido.get', () => getJson(`${platform.url}${queryPath('/trpc/sgp.pedido.get', { id: nextId() })}`, token));
    await time('HTTP GET hand-written /hand/sgp.pedido.get', () => getJson(`${handUrl}${queryPath('/hand/sgp.pedido.get', { id: nextId() })}`, token));

    process.stdout.write('-- create: one INSERT inside a write transaction (rolled back)\n');
    const audit = platform.repos.repo('platform.audit');
    const now = new Date();
    const auditRow = {
      module: 'sgp',
      entity: 'pedido',
      record_id: 1,
      op: 'create',
      changes: '{"numero":[null,"000001"]}',
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: user.id,
      updated_by: user.id,
    };
    await timeRolledBack(datasource, 'EntityRepository.insert (Sequelize Model.create)', (tx) => audit.insert(auditRow, tx));
    await timeRolledBack(datasource, 'the same INSERT via sequelize.query', (tx) =>
      datasource.sequelize.query(
        'INSERT INTO platform_audit (module, entity, record_id, op, changes, version, created_at, updated_at, created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        {
          replacements: Object.values(auditRow),
          type: QueryTypes.INSERT,
          transaction: tx,
        },
      ),
    );
    await time('HTTP POST generated /trpc/sgp.pedido.create', () => postJson(`${platform.url}/trpc/sgp.pedido.create`, createInput(), token));
    await time('HTTP POST hand-written /hand/sgp.pedido.create', () => postJson(`${handUrl}/hand/sgp.pedido.create`, createInput(), token));

    process.stdout.write('-- framework only: a fixed result, no auth, no database\n');
    for (const [what, payload] of [
      ['list result (50 rows)', await service.list(user, input)],
      ['get result (1 pedido + itens)', await service.get(user, 5)],
    ] as const) {
      const fw = await frameworkServer(payload);
      await time(`HTTP GET tRPC express adapter, ${what}`, () => getJson(`${fw.url}/trpc/fixed`, token));
      await time(`HTTP GET tRPC caller in an express route, ${what}`, () => getJson(`${fw.url}/caller/fixed`, token));
      await time(`HTTP GET express res.json, ${what}`, () => getJson(`${fw.url}/plain/fixed`, token));
      fw.close();
    }
  } finally {
    hand.close();
    await platform.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
