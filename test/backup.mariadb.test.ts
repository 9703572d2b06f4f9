/**
 * Backup and restore of a MariaDB/MySQL database, against the real server of
 * TEST_DATABASE_URL: dumps taken while pedidos are written restore to
 * consistent databases a server can run on; every value (emoji, decimals,
 * datetimes to the microsecond, bytes) comes back exactly; restore refuses
 * unsound dumps and a database in use without changing anything, and keeps
 * the tables it replaces; the CLIs do the round trip as real processes, keep
 * N dumps, name what to install when the client programs are missing, and
 * never show the password to `ps`, the environment or their messages.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, listBackups, restoreServerDatabase, serverDatabaseFromUrl, type ServerDatabase } from '../core/db/backup/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors/index.js';
import { trpcApi, type Api } from './support/api.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { randomItems, startWriter } from './support/pedidoWriter.js';
import { runProcess } from './support/runProcess.js';
import { createTestDatabase, testDatabaseServer, type TestDatabase } from './support/testDatabase.js';
import { ADMIN, login, ROOT } from './support/testPlatform.js';

const SERVER = testDatabaseServer();
const NEEDS_SERVER = SERVER ? '' : ' [skipped: needs TEST_DATABASE_URL, a MariaDB/MySQL server]';
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const temps: string[] = [];
const databases: TestDatabase[] = [];
/** Databases a restore made beside a test database (kept-aside tables); dropped at the end. */
const keptAside: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

async function testDatabase(label: string): Promise<TestDatabase> {
  const db = await createTestDatabase(label);
  databases.push(db);
  return db;
}

afterAll(async () => {
  if (SERVER) await onServer(async (c) => Promise.all(keptAside.map((name) => c.query(`DROP DATABASE IF EXISTS \`${name}\``))));
  await Promise.all(databases.map((db) => db.drop()));
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A connection that reads values as stored: dates, decimals and big numbers as strings. */
async function onServer<T>(work: (c: mysql.Connection) => Promise<T>, database?: string): Promise<T> {
  const c = await mysql.createConnection({
    host: SERVER!.hostname,
    port: Number(SERVER!.port || 3306),
    user: decodeURIComponent(SERVER!.username),
    password: decodeURIComponent(SERVER!.password),
    ...(database ? { database } : {}),
    charset: 'utf8mb4',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

async function select<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return onServer(async (c) => (await c.query<mysql.RowDataPacket[]>(sql, params))[0] as T[], database);
}

async function count(database: string, table: string): Promise<number> {
  return Number((await select<{ n: string }>(database, `SELECT COUNT(*) AS n FROM \`${table}\``))[0]!.n);
}

/** Every row of every table, in primary key order: equal snapshots mean equal databases. */
async function snapshot(database: string): Promise<Record<string, unknown[]>> {
  const tables = await select<{ name: string }>(
    database,
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    [database],
  );
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = await select(database, `SELECT * FROM \`${name}\` ORDER BY 1`);
  return out;
}

/** The databases whose name starts with `prefix`. */
async function databasesLike(prefix: string): Promise<string[]> {
  const rows = await onServer(async (c) => (await c.query<mysql.RowDataPacket[]>('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA'))[0]);
  return rows.map((r) => String(r.name)).filter((n) => n.startsWith(prefix));
}

/**
 * Consistent: no item without its pedido, and every pedido's stored totals
 * are the sums of its items as stored (worked out in SQL, whatever type the
 * columns have). Returns the number of pedidos.
 */
async function expectConsistent(database: string): Promise<number> {
  const orphans = await select(database, 'SELECT i.id FROM sgp_item_pedido i LEFT JOIN sgp_pedido p ON p.id = i.pedido WHERE p.id IS NULL');
  expect(orphans).toEqual([]);
  const wrong = await select(
    database,
    `SELECT p.id FROM sgp_pedido p
     LEFT JOIN (SELECT pedido, SUM(COALESCE(valor_unitario, 0) * quantidade) AS s FROM sgp_item_pedido GROUP BY pedido) i ON i.pedido = p.id
     WHERE p.valor_itens <> COALESCE(i.s, 0) OR p.valor_total <> COALESCE(i.s, 0) + p.valor_frete`,
  );
  expect(wrong).toEqual([]);
  return count(database, 'sgp_pedido');
}

async function expectError<T extends Error>(promise: Promise<unknown>, type: new (...args: any[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(type);
  return error as T;
}

async function modeOf(file: string): Promise<string> {
  return ((await stat(file)).mode & 0o777).toString(8);
}

async function signIn(url: string): Promise<Api> {
  return trpcApi(url, (await login(url, ADMIN.email, ADMIN.password)).token);
}

/** Starts a platform on `db`, runs `work` against its API, stops it. */
async function withPlatform<T>(db: TestDatabase, work: (api: Api) => Promise<T>, dataDir?: string): Promise<T> {
  const platform = await startPlatformOn(dataDir ?? (await tempDir('forja-mariadb-data-')), { DATABASE_URL: db.url });
  try {
    return await work(await signIn(platform.url));
  } finally {
    await platform.stop();
  }
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe.skipIf(!SERVER)(`a dump taken while pedidos are written${NEEDS_SERVER}`, () => {
  it('restores to a consistent database with the pedidos committed before it, which a server then serves', { timeout: 240_000 }, async () => {
    const db = await testDatabase('bkonline');
    const dataDir = await tempDir('forja-mariadb-online-');
    const platform = await startPlatformOn(dataDir, { DATABASE_URL: db.url });
    const taken: { file: string; before: number; after: number }[] = [];
    let cliente: { id: number };
    try {
      const api = await signIn(platform.url);
      cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Cliente do dump' } });
      const writers = [startWriter(api, cliente.id), startWriter(api, cliente.id)];
      try {
        await Promise.all(writers.map((w) => w.progress(5)));
        for (let n = 0; n < 3; n++) {
          const before = await count(db.name, 'sgp_pedido');
          const { file } = await dumpDatabase({ server: serverDatabaseFromUrl(db.url), destDir: path.join(dataDir, 'backups'), retention: 5 });
          const after = await count(db.name, 'sgp_pedido');
          taken.push({ file, before, after });
          await Promise.all(writers.map((w) => w.progress(2)));
        }
      } finally {
        await Promise.all(writers.map((w) => w.stop()));
      }
    } finally {
      await platform.stop();
    }
    expect(taken.at(-1)!.after).toBeGreaterThan(taken[0]!.before);

    let last: TestDatabase | undefined;
    for (const { file, before, after } of taken) {
      expect(path.basename(file)).toMatch(/^forja-\d{8}-\d{9}\.sql$/);
      expect(await modeOf(file)).toBe('600');
      expect((await readFile(file, 'utf8')).trimEnd().endsWith('-- Dump completed')).toBe(true);
      last = await testDatabase('bkonlinecopy');
      // An empty database: nothing is replaced, so nothing is kept aside.
      expect(await restoreServerDatabase({ backupFile: file, server: serverDatabaseFromUrl(last.url) })).toEqual({
        database: `\`${last.name}\` on ${SERVER!.hostname}:${SERVER!.port}`,
      });
      const pedidos = await expectConsistent(last.name);
      expect(pedidos).toBeGreaterThanOrEqual(before);
      expect(pedidos).toBeLessThanOrEqual(after);
    }
    expect((await readdir(path.join(dataDir, 'backups'))).sort()).toEqual(taken.map((t) => path.basename(t.file)).sort());

    const inLast = await count(last!.name, 'sgp_pedido');
    await withPlatform(last!, async (api) => {
      const list = await api.query('sgp.pedido.list', { filter: { cliente: cliente.id }, pageSize: 1 });
      expect(list.total).toBe(inLast);
      const created = await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id, itens: randomItems(1) } });
      expect(created.id).toBeGreaterThan(0);
    });
  });
});

describe.skipIf(!SERVER)(`restoreServerDatabase${NEEDS_SERVER}`, () => {
  let db: TestDatabase;
  let server: ServerDatabase;
  let dataDir: string;
  let backupFile: string;
  let inBackup: Record<string, unknown[]>;
  const NOME = 'Açaí 😀 ção «» 中文 \' " \\';
  const BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

  beforeAll(async () => {
    db = await testDatabase('bkrestore');
    server = serverDatabaseFromUrl(db.url);
    dataDir = await tempDir('forja-mariadb-restore-');
    await withPlatform(
      db,
      async (api) => {
        const cliente = await api.mutate('sgp.cliente.create', { data: { nome: NOME } });
        await api.mutate('sgp.pedido.create', {
          data: { cliente: cliente.id, valor_frete: '12345.67', itens: [{ descricao: '🧵 Tecido', quantidade: 3, valor_unitario: '999999.99' }] },
        });
      },
      dataDir,
    );
    // Values at the edges of their types, which a dump must carry exactly.
    await onServer(async (c) => {
      await c.query(
        `CREATE TABLE roundtrip (id INT PRIMARY KEY, at DATETIME(6), amount DECIMAL(30,10), bytes BLOB, note TEXT)
         ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin`,
      );
      await c.query('INSERT INTO roundtrip VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)', [
        1,
        '2026-02-28 23:59:59.123456',
        '12345678901234567890.0123456789',
        BYTES,
        `${NOME}\n\t\u0000 fim`,
        2,
        '1970-01-01 00:00:00.000001',
        '-0.0000000001',
        Buffer.alloc(0),
        '',
      ]);
    }, db.name);
    inBackup = await snapshot(db.name);
    backupFile = (await dumpDatabase({ server, destDir: path.join(dataDir, 'backups'), retention: 3 })).file;
    await withPlatform(db, (api) => api.mutate('sgp.cliente.create', { data: { nome: 'Depois do backup' } }), dataDir);
  }, 180_000);

  async function expectRefusedUnchanged<T extends Error>(file: string, type: new (...args: any[]) => T): Promise<T> {
    const before = await snapshot(db.name);
    const error = await expectError(restoreServerDatabase({ backupFile: file, server }), type);
    expect(await snapshot(db.name)).toEqual(before);
    expect(await databasesLike(`${db.name}_`)).toEqual([]);
    return error;
  }

  it('refuses while a server is using the database, changing nothing', async () => {
    const platform = await startPlatformOn(dataDir, { DATABASE_URL: db.url });
    try {
      const error = await expectError(restoreServerDatabase({ backupFile, server }), ConflictError);
      expect(error.message).toContain(`\`${db.name}\``);
      expect(error.message).toContain('is in use');
      expect(error.message).toContain('stop the server');
      const api = await signIn(platform.url);
      expect((await api.query('sgp.cliente.list', { sort: 'id' })).rows.map((r: any) => r.nome)).toEqual([NOME, 'Depois do backup']);
    } finally {
      await platform.stop();
    }
    expect(await databasesLike(`${db.name}_`)).toEqual([]);
  });

  it("refuses a cut-short dump, one that fails to load, one with a view, one that is not Forja's, an SQLite file and a missing file, changing nothing", async () => {
    const dir = await tempDir('forja-bad-dumps-');
    const whole = await readFile(backupFile, 'utf8');

    const truncated = path.join(dir, 'truncated.sql');
    await writeFile(truncated, whole.slice(0, Math.floor(whole.length / 2)));
    const cut = await expectRefusedUnchanged(truncated, ValidationError);
    expect(cut.issues[0]?.path).toBe('backupFile');
    expect(cut.message).toContain(`${truncated} is incomplete`);

    // Complete on the outside, but a statement in the middle fails once several tables are loaded.
    const failing = path.join(dir, 'failing.sql');
    const middle = whole.indexOf('CREATE TABLE', Math.floor(whole.length / 2));
    await writeFile(failing, `${whole.slice(0, middle)}INSERT INTO no_such_table VALUES (1);\n${whole.slice(middle)}`);
    const failed = await expectRefusedUnchanged(failing, ValidationError);
    expect(failed.message).toContain(`${failing} could not be loaded (\`${db.name}\` on`);
    expect(failed.message).toContain('no_such_table');
    expect(failed.message).not.toContain('password=');

    // RENAME TABLE cannot move a view to another database: refused after loading, before the swap.
    const withView = path.join(dir, 'with-view.sql');
    await writeFile(withView, whole.replace('-- Dump completed', 'CREATE VIEW clientes AS SELECT nome FROM sgp_cliente;\n-- Dump completed'));
    expect((await expectRefusedUnchanged(withView, ValidationError)).message).toContain(`${withView} holds view clientes, which db:restore cannot swap`);

    const empty = await testDatabase('bkempty');
    const foreign = (await dumpDatabase({ server: serverDatabaseFromUrl(empty.url), destDir: dir, retention: 1 })).file;
    expect((await expectRefusedUnchanged(foreign, ValidationError)).message).toContain('is not a Forja database (it has no forja_migrations table)');

    const sqlite = path.join(dir, 'forja-20260101-000000000.db');
    await writeFile(sqlite, Buffer.concat([Buffer.from('SQLite format 3\u0000'), Buffer.alloc(4000)]));
    expect((await expectRefusedUnchanged(sqlite, ValidationError)).message).toContain('is an SQLite database, not a MariaDB/MySQL dump');

    const text = path.join(dir, 'notes.sql');
    await writeFile(text, 'SELECT 1;\n-- Dump completed\n');
    expect((await expectRefusedUnchanged(text, ValidationError)).message).toContain('is not a dump made by mariadb-dump or mysqldump');

    expect((await expectRefusedUnchanged(path.join(dir, 'missing.sql'), NotFoundError)).message).toContain('missing.sql');
  });

  it('puts every value back exactly, keeps the replaced tables in a database of their own, and a server runs on it', { timeout: 120_000 }, async () => {
    const now = new Date(Date.UTC(2026, 10, 23, 12, 0, 0, 42));
    const replaced = await snapshot(db.name);
    expect(replaced.sgp_cliente).toHaveLength(2);
    const result = await restoreServerDatabase({ backupFile, server, now });
    const previous = `${db.name.slice(0, 32)}_prerestore_20261123_120000042`;
    keptAside.push(previous);
    expect(result).toEqual({ database: `\`${db.name}\` on ${SERVER!.hostname}:${SERVER!.port}`, previous });
    expect(await snapshot(db.name)).toEqual(inBackup);
    expect(await snapshot(previous)).toEqual(replaced);
    expect(await databasesLike(`${db.name}_`)).toEqual([previous]);
    const [extreme] = await select<{ bytes: Buffer; note: string }>(db.name, 'SELECT bytes, note FROM roundtrip WHERE id = 1');
    expect(Buffer.compare(extreme!.bytes, BYTES)).toBe(0);
    expect(extreme!.note).toBe(`${NOME}\n\t\u0000 fim`);

    await withPlatform(
      db,
      async (api) => {
        const clientes = (await api.query('sgp.cliente.list', { sort: 'id' })).rows;
        expect(clientes.map((r: any) => r.nome)).toEqual([NOME]);
        const [pedido] = (await api.query('sgp.pedido.list', { pageSize: 5 })).rows;
        expect(pedido).toMatchObject({ valor_frete: '12345.67', valor_itens: '2999999.97', valor_total: '3012345.64' });
        const created = await api.mutate('sgp.cliente.create', { data: { nome: 'Depois do restore' } });
        expect(created.id).toBeGreaterThan(clientes[0].id);
      },
      dataDir,
    );
  });
});

describe.skipIf(!SERVER)(`npm run db:backup / db:restore on MariaDB as real processes${NEEDS_SERVER}`, () => {
  const cli = (script: string, env: Record<string, string>, args: string[]) => runProcess(TSX, [path.join(ROOT, 'core/cli', script), ...args], ROOT, env);

  it('backs up while the server runs, keeps N dumps, lists, refuses while the server runs, and restores', { timeout: 240_000 }, async () => {
    const db = await testDatabase('bkcli');
    const dataDir = await tempDir('forja-mariadb-cli-');
    const env = { DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'silent' };
    const backupCli = (...args: string[]) => cli('db-backup.ts', env, args);
    const restoreCli = (...args: string[]) => cli('db-restore.ts', env, args);
    const backups = path.join(dataDir, 'backups');
    await mkdir(backups, { recursive: true });
    // An SQLite backup and other files: never counted, listed or removed by a dump's retention.
    const unrelated = ['forja-20200101-000000000.db', 'notes.txt', 'forja-20200101-000000000.sql.bak'];
    for (const name of unrelated) await writeFile(path.join(backups, name), name);

    const platform = await startPlatformOn(dataDir, { DATABASE_URL: db.url });
    let running: typeof platform | undefined = platform;
    const written: string[] = [];
    try {
      const api = await signIn(platform.url);
      for (const nome of ['Primeiro', 'Segundo', 'Terceiro']) {
        await api.mutate('sgp.cliente.create', { data: { nome } });
        const run = await backupCli('--retention', '2');
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const file = /^backup written: (\S+\.sql) \(\d+(\.\d)? [KM]?B\)$/m.exec(run.stdout)?.[1];
        expect(path.dirname(file!)).toBe(backups);
        expect(await modeOf(file!)).toBe('600');
        written.push(file!);
        if (written.length === 3) expect(run.stdout).toContain(`removed by retention (keeps 2): ${written[0]}`);
      }
      await api.mutate('sgp.cliente.create', { data: { nome: 'Depois dos backups' } });
      expect((await listBackups(backups, 'sql')).map((b) => b.file)).toEqual([written[2], written[1]]);
      for (const name of unrelated) expect(await readFile(path.join(backups, name), 'utf8')).toBe(name);

      const listing = await restoreCli();
      expect(listing.code).toBe(0);
      expect(listing.stdout).toContain(path.basename(written[1]!));
      expect(listing.stdout).not.toContain('forja-20200101-000000000.db');

      const busy = await restoreCli(path.basename(written[1]!));
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('is in use');
      expect(busy.stderr).toContain('stop the server');
      noStackTrace(busy.stderr);
      await platform.stop();
      running = undefined;
    } finally {
      await running?.stop();
    }

    const restored = await restoreCli(path.basename(written[1]!));
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`restored ${written[1]} into \`${db.name}\` on ${SERVER!.hostname}:${SERVER!.port}`);
    const previous = /kept in the database (\S+)$/m.exec(restored.stdout)?.[1];
    keptAside.push(previous!);
    expect(previous).toMatch(new RegExp(`^${db.name.slice(0, 32)}_prerestore_\\d{8}_\\d{9}$`));
    await withPlatform(db, async (api) => {
      expect((await api.query('sgp.cliente.list', { sort: 'id' })).rows.map((r: any) => r.nome)).toEqual(['Primeiro', 'Segundo']);
    });
  });

  it('backs up and restores a named datasource with --datasource, into backups/<name>', { timeout: 120_000 }, async () => {
    const main = await testDatabase('bkdsmain');
    const extra = await testDatabase('bkdsextra');
    await withPlatform(extra, (api) => api.mutate('sgp.cliente.create', { data: { nome: 'No extra' } }));
    const dataDir = await tempDir('forja-mariadb-ds-');
    const env = { DATA_DIR: dataDir, DATABASE_URL: main.url, DATASOURCE_EXTRA_URL: extra.url, LOG_LEVEL: 'silent' };
    const backup = await cli('db-backup.ts', env, ['--datasource', 'extra']);
    expect(backup.stderr).toBe('');
    const file = /^backup written: (\S+)/m.exec(backup.stdout)?.[1];
    expect(path.dirname(file!)).toBe(path.join(dataDir, 'backups', 'extra'));
    expect(await readFile(file!, 'utf8')).toContain(`Database: ${extra.name}`);

    await onServer((c) => c.query('DELETE FROM sgp_cliente'), extra.name);
    const restore = await cli('db-restore.ts', env, ['--datasource=extra', path.basename(file!)]);
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toContain(`into \`${extra.name}\``);
    keptAside.push(/kept in the database (\S+)$/m.exec(restore.stdout)![1]!);
    expect((await select<{ nome: string }>(extra.name, 'SELECT nome FROM sgp_cliente')).map((r) => r.nome)).toEqual(['No extra']);
    expect(await snapshot(main.name)).toEqual({});

    const unset = await cli('db-backup.ts', env, ['--datasource', 'laser']);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('DATASOURCE_LASER_URL is not set');
  });

  it('names what to install when the client programs are missing, leaving nothing behind', async () => {
    const dataDir = await tempDir('forja-mariadb-nobin-');
    // Only node on PATH: no mariadb-dump, mysqldump, mariadb or mysql.
    const bin = await tempDir('forja-only-node-');
    await symlink(process.execPath, path.join(bin, 'node'));
    const env = { DATA_DIR: dataDir, DATABASE_URL: `${SERVER!.href.replace(/\/$/, '')}/forja_nobody`, LOG_LEVEL: 'silent', PATH: bin };

    const backup = await cli('db-backup.ts', env, []);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('mariadb-dump (or mysqldump) is needed to back up a MariaDB/MySQL database and was not found on PATH');
    expect(backup.stderr).toContain('apt-get install mariadb-client');
    noStackTrace(backup.stderr);
    expect(existsSync(path.join(dataDir, 'backups'))).toBe(false);

    const restore = await cli('db-restore.ts', env, ['forja-20260101-000000000.sql']);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('mariadb (or mysql) is needed to restore a MariaDB/MySQL database and was not found on PATH');
    noStackTrace(restore.stderr);
  });

  it('keeps the password out of the programs’ arguments and environment, and out of every message', { timeout: 120_000 }, async () => {
    const db = await testDatabase('bkcreds');
    await withPlatform(db, async () => undefined);
    const dataDir = await tempDir('forja-mariadb-creds-');
    // Stand-ins that record how they were started, then hand over to the real programs.
    const bin = await tempDir('forja-recording-bin-');
    const record = path.join(bin, 'record');
    for (const name of ['mariadb-dump', 'mariadb']) {
      const script = path.join(bin, name);
      await writeFile(
        script,
        [
          '#!/bin/sh',
          `printf '%s\\n' "$@" > "${record}.${name}.args"`,
          `f="\${1#--defaults-extra-file=}"`,
          `stat -c '%a' "$f" "$(dirname "$f")" > "${record}.${name}.modes"`,
          // Names only: the values of whatever was passed must not be copied anywhere.
          `env | cut -d= -f1 | sort > "${record}.${name}.env"`,
          `exec /usr/bin/${name} "$@"`,
          '',
        ].join('\n'),
      );
      await chmod(script, 0o755);
    }
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      PATH: `${bin}:${process.env.PATH}`,
      MYSQL_PWD: 'not-the-password',
      DATASOURCE_OTHER_URL: db.url,
    };
    const backup = await cli('db-backup.ts', env, []);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const dumpArgs = (await readFile(`${record}.mariadb-dump.args`, 'utf8')).trimEnd().split('\n');
    expect(dumpArgs[0]).toMatch(/^--defaults-extra-file=\/.+\/client\.cnf$/);
    expect(dumpArgs.slice(1)).toEqual([
      '--single-transaction',
      '--quick',
      '--routines',
      '--triggers',
      '--hex-blob',
      '--default-character-set=utf8mb4',
      '--skip-add-locks',
      '--no-tablespaces',
      '--skip-dump-date',
      '--',
      db.name,
    ]);
    expect((await readFile(`${record}.mariadb-dump.modes`, 'utf8')).split('\n').slice(0, 2)).toEqual(['600', '700']);
    expect(existsSync(dumpArgs[0]!.slice('--defaults-extra-file='.length))).toBe(false);
    const names = (await readFile(`${record}.mariadb-dump.env`, 'utf8')).split('\n');
    for (const secret of ['DATABASE_URL', 'DATASOURCE_OTHER_URL', 'MYSQL_PWD']) expect(names).not.toContain(secret);

    const file = /^backup written: (\S+)/m.exec(backup.stdout)![1]!;
    const restore = await cli('db-restore.ts', env, [file]);
    expect(restore.stderr).toBe('');
    keptAside.push(/kept in the database (\S+)$/m.exec(restore.stdout)![1]!);
    const loadArgs = (await readFile(`${record}.mariadb.args`, 'utf8')).trimEnd().split('\n');
    expect(loadArgs[0]).toMatch(/^--defaults-extra-file=\/.+\/client\.cnf$/);
    expect(loadArgs.slice(1)).toEqual([
      '--default-character-set=utf8mb4',
      expect.stringMatching(new RegExp(`^--database=${db.name.slice(0, 32)}_restoring_[0-9a-f]{8}$`)),
    ]);
    for (const secret of ['DATABASE_URL', 'MYSQL_PWD']) expect((await readFile(`${record}.mariadb.env`, 'utf8')).split('\n')).not.toContain(secret);

    // A wrong password is refused by the server, and the message does not repeat it.
    const wrong = new URL(db.url);
    wrong.password = 'Wr0ng-S3cret-pw';
    const refused = await cli('db-backup.ts', { ...env, DATABASE_URL: wrong.href }, []);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Access denied');
    expect(refused.stderr).not.toContain('Wr0ng-S3cret-pw');
    noStackTrace(refused.stderr);
    const refusedRestore = await cli('db-restore.ts', { ...env, DATABASE_URL: wrong.href }, [file]);
    expect(refusedRestore.code).toBe(1);
    expect(refusedRestore.stderr).toContain('Access denied');
    expect(refusedRestore.stderr).not.toContain('Wr0ng-S3cret-pw');
    expect((await listBackups(path.join(dataDir, 'backups'))).map((b) => b.file)).toEqual([file]);
    expect((await readdir(path.join(dataDir, 'backups'))).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
