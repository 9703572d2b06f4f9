/**
 * Backup and restore of the embedded SQLite database: online backups taken
 * while pedidos are written restore to consistent databases a server can run
 * on; retention keeps exactly the newest N of its own files; restore refuses
 * unsound files and a database in use without changing anything, and keeps
 * the database it replaces; the CLIs do the round trip as real processes; a
 * backup folder from configuration can never leave the data folder.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, listBackups, resolveBackupDir, restoreDatabase } from '../core/db/backup/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors/index.js';
import { ADMIN, login, ROOT, startTestPlatform, type TestPlatform } from './support/testPlatform.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { trpcApi, type Api } from './support/api.js';
import { countRows, openDatabase, openDatabaseFile } from './support/database.js';
import { format, sum, units } from './support/money.js';
import { randomItems, startWriter } from './support/pedidoWriter.js';
import { runProcess } from './support/runProcess.js';
import { testDatabaseServer } from './support/testDatabase.js';

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
/**
 * These tests copy, check and replace the embedded SQLite file, which does not
 * exist when the platforms run on a server; test/backup.mariadb.test.ts covers
 * the same ground there. The reason is in the suite's name, so it shows in the skipped list.
 */
const ON_SERVER = testDatabaseServer() !== undefined;
const SQLITE_ONLY = ON_SERVER ? ' [SQLite file only: skipped with TEST_DATABASE_URL set, see backup.mariadb.test.ts]' : '';
const MONEY = 2;
const temps: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Awaits a call that must fail with an error of `type`; returns it. */
async function expectError<T extends Error>(promise: Promise<unknown>, type: new (...args: any[]) => T): Promise<T> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(type);
  return error as T;
}

/** Permission bits of a file: 0o600 is read and write for its owner only. */
async function modeOf(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

function sqliteFileOf(dataDir: string): string {
  return path.join(dataDir, 'forja.db');
}

/** Every file in a folder (recursively) with a hash of its content. */
async function folderSnapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
  }
  return out;
}

/**
 * A database file is consistent when SQLite finds nothing wrong, no row
 * refers to a missing row, and every pedido's stored totals are the sums of
 * its items as stored (decimals are stored as integer cents).
 */
async function expectConsistent(file: string): Promise<number> {
  const db = await openDatabaseFile(file);
  try {
    expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(await db.all('PRAGMA foreign_key_check')).toEqual([]);
    const pedidos = await db.all<{ id: number; valor_itens: number; valor_frete: number; valor_total: number }>(
      'SELECT id, valor_itens, valor_frete, valor_total FROM sgp_pedido',
    );
    const items = await db.all<{ pedido: number; valor_unitario: number | null; quantidade: number }>(
      'SELECT pedido, valor_unitario, quantidade FROM sgp_item_pedido',
    );
    const itemsOf = new Map<number, bigint[]>();
    for (const item of items) itemsOf.set(item.pedido, [...(itemsOf.get(item.pedido) ?? []), BigInt(item.valor_unitario ?? 0) * BigInt(item.quantidade)]);
    for (const p of pedidos) {
      const expected = sum(itemsOf.get(p.id) ?? []);
      expect(BigInt(p.valor_itens), `pedido ${p.id} valor_itens`).toBe(expected);
      expect(BigInt(p.valor_total), `pedido ${p.id} valor_total`).toBe(expected + BigInt(p.valor_frete));
    }
    return pedidos.length;
  } finally {
    await db.close();
  }
}

describe.skipIf(ON_SERVER)(`a backup taken while pedidos are written${SQLITE_ONLY}`, () => {
  let platform: TestPlatform;
  let api: Api;

  beforeAll(async () => {
    platform = await startTestPlatform();
    api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
  });
  afterAll(() => platform?.close());

  it('restores to a consistent database with the pedidos committed before it, which a server then serves', { timeout: 180_000 }, async () => {
    const cliente = await api.mutate('sgp.cliente.create', { data: { nome: 'Cliente do backup' } });
    const destDir = resolveBackupDir(platform.dataDir, 'backups');
    const reader = await openDatabase(platform.dataDir);
    const writers = [startWriter(api, cliente.id), startWriter(api, cliente.id)];
    const taken: { file: string; before: number; after: number }[] = [];
    try {
      await Promise.all(writers.map((w) => w.progress(5)));
      for (let n = 0; n < 6; n++) {
        const before = await countRows(reader, 'sgp_pedido');
        const { file } = await backupDatabase({ sqliteFile: sqliteFileOf(platform.dataDir), destDir, retention: 10 });
        const after = await countRows(reader, 'sgp_pedido');
        taken.push({ file, before, after });
        await Promise.all(writers.map((w) => w.progress(2)));
      }
    } finally {
      await Promise.all(writers.map((w) => w.stop()));
      await reader.close();
    }
    expect(taken.at(-1)!.after).toBeGreaterThan(taken[0]!.before);
    expect(new Set(taken.map((t) => t.file)).size).toBe(6);

    for (const { file, before, after } of taken) {
      expect(path.dirname(file)).toBe(destDir);
      expect(path.basename(file)).toMatch(/^forja-\d{8}-\d{9}\.db$/);
      // A backup is one self-contained file: no write-ahead log beside it.
      expect(existsSync(`${file}-wal`)).toBe(false);
      const pedidos = await expectConsistent(file);
      expect(pedidos).toBeGreaterThanOrEqual(before);
      expect(pedidos).toBeLessThanOrEqual(after);
    }
    expect((await readdir(destDir)).sort()).toEqual(taken.map((t) => path.basename(t.file)).sort());

    // A server started on the restored file serves exactly what the backup holds.
    const chosen = taken[2]!;
    const backupCount = await expectConsistent(chosen.file);
    const restoredDir = await tempDir('forja-restored-');
    // A write-ahead log left without its database must not be read as part of the restored one.
    await writeFile(`${sqliteFileOf(restoredDir)}-wal`, 'stale log');
    const now = new Date(Date.UTC(2026, 10, 23, 1, 2, 3, 4));
    const result = await restoreDatabase({ backupFile: chosen.file, sqliteFile: sqliteFileOf(restoredDir), now });
    expect(result).toEqual({ sqliteFile: sqliteFileOf(restoredDir) });
    expect((await readdir(restoredDir)).sort()).toEqual(['forja.db', 'forja.db.pre-restore-20261123-010203004-wal']);
    const restored = await startPlatformOn(restoredDir);
    try {
      const restoredApi = trpcApi(restored.url, (await login(restored.url, ADMIN.email, ADMIN.password)).token);
      const list = await restoredApi.query('sgp.pedido.list', { filter: { cliente: cliente.id }, sort: 'id', pageSize: 200 });
      expect(list.total).toBe(backupCount);
      for (const row of list.rows.slice(0, 30)) {
        const pedido = await restoredApi.query('sgp.pedido.get', { id: row.id });
        const itens = sum(pedido.itens.map((i: any) => units(i.valor_unitario, MONEY) * BigInt(i.quantidade)));
        expect(pedido.valor_itens).toBe(format(itens, MONEY));
        expect(pedido.valor_total).toBe(format(itens + units(pedido.valor_frete, MONEY), MONEY));
      }
      const created = await restoredApi.mutate('sgp.pedido.create', { data: { cliente: cliente.id, itens: randomItems(1) } });
      expect(created.id).toBeGreaterThan(0);
    } finally {
      await restored.stop();
    }
  });
});

describe.skipIf(ON_SERVER)(`backupDatabase: names, retention and errors${SQLITE_ONLY}`, () => {
  let platform: TestPlatform;
  let sqliteFile: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    sqliteFile = sqliteFileOf(platform.dataDir);
  });
  afterAll(() => platform?.close());

  it('keeps exactly the newest N backups and leaves every other file alone', async () => {
    const dir = await tempDir('forja-retention-');
    const unrelated = [
      'notes.txt',
      'forja.db',
      'forja-2020.db',
      'forja-20200101-000000000.db.bak',
      'other-20200101-000000000.db',
      'FORJA-20200101-000000000.DB',
    ];
    for (const name of unrelated) await writeFile(path.join(dir, name), name);
    // Shaped like backups but not files: a folder and a link are never touched.
    await mkdir(path.join(dir, 'forja-20200101-000000001.db'));
    await symlink(path.join(dir, 'notes.txt'), path.join(dir, 'forja-20200101-000000002.db'));
    // An older backup from before counts like the new ones.
    await writeFile(path.join(dir, 'forja-20250101-000000000.db'), 'old backup');

    const at = (second: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, second, 5));
    const results = [];
    for (let s = 0; s < 5; s++) results.push(await backupDatabase({ sqliteFile, destDir: dir, retention: 3, now: at(s) }));

    expect(results.map((r) => path.basename(r.file))).toEqual([
      'forja-20260102-030400005.db',
      'forja-20260102-030401005.db',
      'forja-20260102-030402005.db',
      'forja-20260102-030403005.db',
      'forja-20260102-030404005.db',
    ]);
    expect(results.map((r) => r.removed.map((f) => path.basename(f)))).toEqual([
      [],
      [],
      ['forja-20250101-000000000.db'],
      ['forja-20260102-030400005.db'],
      ['forja-20260102-030401005.db'],
    ]);
    expect((await listBackups(dir)).map((b) => b.name)).toEqual(['forja-20260102-030404005.db', 'forja-20260102-030403005.db', 'forja-20260102-030402005.db']);
    expect((await readdir(dir)).sort()).toEqual(
      [
        ...unrelated,
        'forja-20200101-000000001.db',
        'forja-20200101-000000002.db',
        'forja-20260102-030402005.db',
        'forja-20260102-030403005.db',
        'forja-20260102-030404005.db',
      ].sort(),
    );
    for (const name of unrelated) expect(await readFile(path.join(dir, name), 'utf8')).toBe(name);
    for (const r of results.slice(2)) expect(r.bytes).toBeGreaterThan(0);
  });

  it('the live database, its -wal and -shm, and every backup are readable by the owner only (they hold password hashes)', async () => {
    await trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token).mutate('sgp.cliente.create', {
      data: { nome: 'Modo dos arquivos' },
    });
    for (const file of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`, path.join(platform.dataDir, 'auth-secret')])
      expect({ file, mode: (await modeOf(file)).toString(8) }).toEqual({ file, mode: '600' });
    const { file } = await backupDatabase({ sqliteFile, destDir: await tempDir('forja-backup-mode-'), retention: 1 });
    expect((await modeOf(file)).toString(8)).toBe('600');
  });

  it('a database file an older version left readable by all is narrowed to the owner at start', async () => {
    const dataDir = await tempDir('forja-old-mode-');
    await writeFile(sqliteFileOf(dataDir), '', { mode: 0o644 });
    await chmod(sqliteFileOf(dataDir), 0o644);
    const old = await startPlatformOn(dataDir);
    try {
      expect((await modeOf(sqliteFileOf(dataDir))).toString(8)).toBe('600');
    } finally {
      await old.stop();
    }
  });

  it('two backups in the same millisecond get two names, in order', async () => {
    const dir = await tempDir('forja-same-ms-');
    const now = new Date(Date.UTC(2026, 4, 6, 7, 8, 9, 999));
    const first = await backupDatabase({ sqliteFile, destDir: dir, retention: 5, now });
    const second = await backupDatabase({ sqliteFile, destDir: dir, retention: 5, now });
    expect([path.basename(first.file), path.basename(second.file)]).toEqual(['forja-20260506-070809999.db', 'forja-20260506-070810000.db']);
    expect((await listBackups(dir)).map((b) => b.file)).toEqual([second.file, first.file]);
  });

  it('refuses a retention below 1, a missing database and a folder it cannot write, leaving nothing behind', async () => {
    const dir = await tempDir('forja-backup-errors-');
    for (const retention of [0, -1, 1.5, Number.NaN]) {
      const error = await expectError(backupDatabase({ sqliteFile, destDir: dir, retention }), ValidationError);
      expect(error.issues).toEqual([{ path: 'retention', message: 'must be a whole number of at least 1' }]);
    }
    const missing = await expectError(backupDatabase({ sqliteFile: path.join(dir, 'nope.db'), destDir: dir, retention: 1 }), NotFoundError);
    expect(missing.message).toContain('nope.db');
    // A folder below a plain file cannot be created, whoever runs the test.
    await writeFile(path.join(dir, 'a-file'), '');
    const unwritable = await expectError(backupDatabase({ sqliteFile, destDir: path.join(dir, 'a-file', 'backups'), retention: 1 }), ValidationError);
    expect(unwritable.issues[0]?.path).toBe('destDir');
    const notSqlite = path.join(dir, 'not-a-database.db');
    await writeFile(notSqlite, 'plain text, not a database '.repeat(200));
    const refused = await expectError(backupDatabase({ sqliteFile: notSqlite, destDir: path.join(dir, 'out'), retention: 1 }), ValidationError);
    expect(refused.issues[0]?.path).toBe('sqliteFile');
    expect(await readdir(path.join(dir, 'out'))).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['a-file', 'not-a-database.db', 'out']);
  });
});

describe.skipIf(ON_SERVER)(`restoreDatabase${SQLITE_ONLY}`, () => {
  let dataDir: string;
  let backupFile: string;
  let countInBackup: number;
  let countAfterBackup: number;

  /** A server on dataDir with `n` new pedidos, stopped again. */
  async function addPedidos(n: number): Promise<void> {
    const platform = await startPlatformOn(dataDir);
    try {
      const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
      const cliente = await api.mutate('sgp.cliente.create', { data: { nome: `Cliente ${n}` } });
      for (let i = 0; i < n; i++) await api.mutate('sgp.pedido.create', { data: { cliente: cliente.id, itens: randomItems(2) } });
    } finally {
      await platform.stop();
    }
  }

  beforeAll(async () => {
    dataDir = await tempDir('forja-restore-');
    await addPedidos(3);
    backupFile = (await backupDatabase({ sqliteFile: sqliteFileOf(dataDir), destDir: resolveBackupDir(dataDir, 'backups'), retention: 3 })).file;
    countInBackup = await expectConsistent(backupFile);
    await addPedidos(2);
    countAfterBackup = countInBackup + 2;
  });

  async function expectRefusedUnchanged<T extends Error>(file: string, type: new (...args: any[]) => T): Promise<T> {
    const before = await folderSnapshot(dataDir);
    const error = await expectError(restoreDatabase({ backupFile: file, sqliteFile: sqliteFileOf(dataDir) }), type);
    expect(await folderSnapshot(dataDir)).toEqual(before);
    return error;
  }

  it("refuses a file that is not an SQLite database, a damaged one, one that is not Forja's and a missing one, changing nothing", async () => {
    const dir = await tempDir('forja-bad-backups-');
    const garbage = path.join(dir, 'garbage.db');
    await writeFile(garbage, Buffer.alloc(8192, 7));
    expect((await expectRefusedUnchanged(garbage, ValidationError)).message).toContain('is not an SQLite database');

    const truncated = path.join(dir, 'truncated.db');
    const whole = await readFile(backupFile);
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const damaged = await expectRefusedUnchanged(truncated, ValidationError);
    expect(damaged.issues[0]?.path).toBe('backupFile');
    expect(damaged.message).toContain(truncated);

    const foreign = path.join(dir, 'foreign.db');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(foreign, (e) =>
        e ? reject(e) : db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)', (e2) => (e2 ? reject(e2) : db.close(() => resolve()))),
      );
    });
    expect((await expectRefusedUnchanged(foreign, ValidationError)).message).toContain('is not a Forja database (it has no forja_migrations table)');

    expect((await expectRefusedUnchanged(path.join(dir, 'missing.db'), NotFoundError)).message).toContain('missing.db');
    await expectRefusedUnchanged(sqliteFileOf(dataDir), ValidationError);
    expect(await expectConsistent(sqliteFileOf(dataDir))).toBe(countAfterBackup);
  });

  it('refuses while a server has the database open, changing nothing', async () => {
    const platform = await startPlatformOn(dataDir);
    try {
      const files = (await readdir(dataDir)).sort();
      const error = await expectError(restoreDatabase({ backupFile, sqliteFile: sqliteFileOf(dataDir) }), ConflictError);
      expect(error.message).toContain('is in use');
      expect((await readdir(dataDir)).sort()).toEqual(files);
      const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
      expect((await api.query('sgp.pedido.list', { pageSize: 1 })).total).toBe(countAfterBackup);
    } finally {
      await platform.stop();
    }
  });

  it('puts the backup in place and keeps the database it replaced beside it', async () => {
    const now = new Date(Date.UTC(2026, 10, 23, 12, 0, 0, 42));
    const sqliteFile = sqliteFileOf(dataDir);
    // As a backup made by an older version was: readable by all. The restored database is not.
    await chmod(backupFile, 0o644);
    const result = await restoreDatabase({ backupFile, sqliteFile, now });
    expect((await modeOf(sqliteFile)).toString(8)).toBe('600');
    const previous = `${sqliteFile}.pre-restore-20261123-120000042`;
    expect(result).toEqual({ sqliteFile, previous });
    expect(existsSync(backupFile)).toBe(true);
    for (const suffix of ['-wal', '-shm']) expect(existsSync(sqliteFile + suffix)).toBe(false);
    expect(await expectConsistent(previous)).toBe(countAfterBackup);
    expect(await expectConsistent(sqliteFile)).toBe(countInBackup);
    expect((await readdir(dataDir)).filter((n) => n.startsWith('.'))).toEqual([]);

    const platform = await startPlatformOn(dataDir);
    try {
      const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
      expect((await api.query('sgp.pedido.list', { pageSize: 1 })).total).toBe(countInBackup);
    } finally {
      await platform.stop();
    }
  });
});

describe.skipIf(ON_SERVER)(`npm run db:backup / db:restore as real processes${SQLITE_ONLY}`, () => {
  let dataDir: string;
  const env = () => ({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const backupCli = (...args: string[]) => runProcess(TSX, [path.join(ROOT, 'core/cli/db-backup.ts'), ...args], ROOT, env());
  const restoreCli = (...args: string[]) => runProcess(TSX, [path.join(ROOT, 'core/cli/db-restore.ts'), ...args], ROOT, env());
  const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

  async function addCliente(nome: string): Promise<void> {
    const platform = await startPlatformOn(dataDir);
    try {
      const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
      await api.mutate('sgp.cliente.create', { data: { nome } });
    } finally {
      await platform.stop();
    }
  }

  beforeAll(async () => {
    dataDir = await tempDir('forja-cli-');
    await addCliente('Antes do backup');
  });

  it('backs up, lists, refuses while the server runs, and restores', { timeout: 180_000 }, async () => {
    const backups = path.join(dataDir, 'backups');
    const none = await restoreCli();
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(`no backups in ${backups}`);

    const first = await backupCli('--retention', '2');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // With the server stopped the backup's connection is the last to close: no -wal or -shm is left behind.
    expect((await readdir(dataDir)).filter((n) => n.startsWith('forja.db'))).toEqual(['forja.db']);
    const written = /^backup written: (\S+) \(/m.exec(first.stdout)?.[1];
    expect(path.dirname(written!)).toBe(backups);
    expect((await modeOf(written!)).toString(8)).toBe('600');

    // The server is running and writing while the next backup is taken.
    const platform = await startPlatformOn(dataDir);
    let server: Awaited<ReturnType<typeof startPlatformOn>> | undefined = platform;
    try {
      const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
      await api.mutate('sgp.cliente.create', { data: { nome: 'Depois do backup' } });
      const second = await backupCli('--retention=2');
      expect(second.code).toBe(0);
      expect((await listBackups(backups)).length).toBe(2);

      const busy = await restoreCli(path.basename(written!));
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain('is in use');
      expect(busy.stderr).toContain('stop the server');
      noStackTrace(busy.stderr);
      await platform.stop();
      server = undefined;
    } finally {
      await server?.stop();
    }

    const third = await backupCli('--retention', '2');
    expect(third.code).toBe(0);
    expect(third.stdout).toContain(`removed by retention (keeps 2): ${written}`);
    expect((await listBackups(backups)).map((b) => b.file)).not.toContain(written);
    await addCliente('Depois do terceiro backup');

    const listing = await restoreCli();
    expect(listing.code).toBe(0);
    for (const b of await listBackups(backups)) expect(listing.stdout).toContain(b.name);
    expect(listing.stdout).toContain('usage: npm run db:restore');

    // The second backup, taken while the server ran, holds the first two clientes only.
    const oldest = (await listBackups(backups)).at(-1)!;
    const restored = await restoreCli(oldest.file);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`restored ${oldest.file}`);
    expect(restored.stdout).toMatch(/kept as .*forja\.db\.pre-restore-\d{8}-\d{9}$/m);

    const after = await startPlatformOn(dataDir);
    try {
      const api = trpcApi(after.url, (await login(after.url, ADMIN.email, ADMIN.password)).token);
      const nomes = (await api.query('sgp.cliente.list', { sort: 'id' })).rows.map((r: any) => r.nome);
      expect(nomes).toEqual(['Antes do backup', 'Depois do backup']);
    } finally {
      await after.stop();
    }
  });

  it('refuses an Oracle database, a folder outside DATA_DIR, bad arguments and a bad backup, with a message and exit 1', async () => {
    const oracle = await runProcess(TSX, [path.join(ROOT, 'core/cli/db-backup.ts')], ROOT, { ...env(), DATABASE_URL: 'oracle://u:p@db.example:1521/forja' });
    expect(oracle.code).toBe(1);
    expect(oracle.stderr).toContain('DATABASE_URL: selects oracle: db:backup and db:restore handle SQLite and MariaDB/MySQL');
    expect(oracle.stderr).not.toContain('u:p');
    noStackTrace(oracle.stderr);

    const outside = await backupCli('--dest', '../elsewhere');
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('folder: must not contain ".." segments');
    noStackTrace(outside.stderr);

    const retention = await backupCli('--retention', 'many');
    expect(retention.code).toBe(1);
    expect(retention.stderr).toContain('--retention must be a whole number');

    const unknown = await backupCli('--keep', '3');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('usage: npm run db:backup');

    const garbage = path.join(dataDir, 'garbage.db');
    await writeFile(garbage, 'not a database');
    const before = await folderSnapshot(dataDir);
    const bad = await restoreCli(garbage);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('is not an SQLite database');
    noStackTrace(bad.stderr);
    expect(await folderSnapshot(dataDir)).toEqual(before);

    const twoFiles = await restoreCli('a.db', 'b.db');
    expect(twoFiles.code).toBe(1);
    expect(twoFiles.stderr).toContain('usage: npm run db:restore');
  });
});

describe('resolveBackupDir', () => {
  const dataDir = path.resolve(os.tmpdir(), 'forja-data');

  it.each([
    ['backups', 'backups'],
    ['backups/nightly', 'backups/nightly'],
    ['./backups', 'backups'],
    ['backups//weekly/', 'backups/weekly'],
    ['nightly.d/2026', 'nightly.d/2026'],
  ])('%j stays inside the data folder', (folder, inside) => {
    expect(resolveBackupDir(dataDir, folder)).toBe(path.join(dataDir, inside));
  });

  it.each([
    ['', 'must name a folder'],
    ['   ', 'must name a folder'],
    [42, 'must name a folder'],
    [null, 'must name a folder'],
    [['backups'], 'must name a folder'],
    ['/etc', 'not an absolute path'],
    ['/tmp/forja-data/backups', 'not an absolute path'],
    ['C:\\backups', 'not an absolute path'],
    ['c:backups', 'not an absolute path'],
    ['\\\\server\\share', 'not an absolute path'],
    ['..', '".." segments'],
    ['../backups', '".." segments'],
    ['backups/../../etc', '".." segments'],
    ['backups\\..\\..\\etc', '".." segments'],
    ['backups/..', '".." segments'],
    ['back\u0000ups', 'control characters'],
    ['backups\n', 'control characters'],
    ['.', 'not the data folder itself'],
    ['./', 'not the data folder itself'],
    ['backups/./..', '".." segments'],
  ])('%j is refused', (folder, message) => {
    let caught: unknown;
    try {
      resolveBackupDir(dataDir, folder);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues[0]?.path).toBe('folder');
    expect((caught as ValidationError).message).toContain(message);
  });
});
