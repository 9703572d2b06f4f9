/**
 * Entities mapped onto tables of an existing database (`"managed": false`,
 * declared table/column/primary key names) and named datasources: the
 * fixture module `legado` (test/fixtures/mapping) through the real API, on
 * tables created by hand-written DDL as another program would have them.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDbCheck } from '../core/cli/db-check.js';
import { ADMIN, createUserAndLogin, login, ROOT } from './support/testPlatform.js';
import { startPlatformOn } from './support/platformOnDir.js';
import { prepareFixtureModule, type FixtureModule } from './support/fixtureModule.js';
import { expectApiError, rawMutate, trpcApi, type Api } from './support/api.js';
import { openDatabase } from './support/database.js';
import { createTestDatabase, onTestDatabase, testDatabaseServer, testDialect, type TestDatabase } from './support/testDatabase.js';
import { buildAppModel } from '../core/app/index.js';
import { generateMigrations } from '../core/db/migrations/index.js';
import { readGeneratedMigration, listModuleMigrations } from '../core/db/migrations/migrationFiles.js';
import type { RunningPlatform } from '../core/server/startPlatform.js';
import type { ModuleManifest } from '../core/manifest/index.js';
import { validateManifestSchema } from '../core/manifest/validateSchema.js';
import { crossCheckManifests } from '../core/manifest/crossCheck.js';
import { schemaObjectName } from '../core/db/schema/tableSpec.js';
import { declaredIdentifiers } from '../core/service/declaredSql.js';
import { forwardingDataAccess } from '../core/scheduler/worker/hostCalls.js';
import { EntitySql } from '../core/db/repository/entitySql.js';
import type { SqlDialect } from '../core/plugin/types.js';

const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'mapping');
const sources = { manifestsDir: path.join(FIXTURE, 'manifests'), pluginsDir: path.join(FIXTURE, 'plugins') };

/** The existing database's tables, as the other program created them (upper-case names, reserved words, a column Forja does not know). */
const SQLITE_DDL = {
  maquina:
    'CREATE TABLE "LEGADO_MAQUINA" ("ID_MAQUINA" INTEGER PRIMARY KEY, "CODIGO" VARCHAR(20) NOT NULL UNIQUE, "NOME" VARCHAR(80) NOT NULL, ' +
    '"ATIVA" BOOLEAN DEFAULT 1, "FABRICANTE" VARCHAR(40))',
  apontamento:
    'CREATE TABLE "LEGADO_APONTAMENTO" ("ID_APONTAMENTO" INTEGER PRIMARY KEY AUTOINCREMENT, ' +
    '"ID_MAQUINA" INTEGER NOT NULL REFERENCES "LEGADO_MAQUINA" ("ID_MAQUINA"), "DT_INICIO" DATETIME NOT NULL, "QTD" INTEGER, "ORDER" TEXT, ' +
    '"SELECT" VARCHAR(10) NOT NULL DEFAULT \'aberto\')',
};

async function execSqlite(file: string, statements: string[]): Promise<void> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, (e) => (e ? reject(e) : resolve(opened)));
  });
  for (const sql of statements) await new Promise<void>((resolve, reject) => db.run(sql, (e) => (e ? reject(e) : resolve())));
  await new Promise<void>((resolve) => db.close(() => resolve()));
}

/** A data folder whose SQLite file already holds the given tables. */
async function existingDatabase(statements: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-mapping-'));
  if (statements.length) await execSqlite(path.join(dir, 'forja.db'), statements);
  return dir;
}

/** A logger whose lines the test can read. */
function capturingLogger(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

async function startError(promise: Promise<RunningPlatform>): Promise<string> {
  try {
    const platform = await promise;
    await platform.stop();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('start-up succeeded');
}

let fixture: FixtureModule;
beforeAll(async () => {
  fixture = await prepareFixtureModule(sources);
});
afterAll(async () => {
  await fixture?.remove();
});

describe('migrations leave unmanaged tables alone', () => {
  it('snapshots hold the managed entity under its mapped names and never the unmanaged tables', async () => {
    const files = await listModuleMigrations(fixture.options.migrationsDir!, 'legado');
    expect(files).toHaveLength(1);
    const migration = await readGeneratedMigration(files[0]!);
    expect(Object.keys(migration.snapshot.tables)).toEqual(['LEGADO_NOTAS']);
    const notas = migration.snapshot.tables.LEGADO_NOTAS!;
    expect(Object.keys(notas.columns)).toEqual(['id', 'version', 'MAQUINA_ID', 'TEXTO', 'created_at', 'updated_at', 'created_by', 'updated_by']);
    // No foreign key into a table Forja does not own; the index stays.
    expect(notas.columns.MAQUINA_ID).toEqual({ kind: 'integer', nullable: true });
    expect(notas.indexes).toEqual([{ name: 'ix_LEGADO_NOTAS_MAQUINA_ID', fields: ['MAQUINA_ID'], unique: false }]);
    expect(migration.operations.map((op) => `${op.op} ${op.table}`)).toEqual(['createTable LEGADO_NOTAS']);
  });

  it('generates nothing more once the unmanaged declarations change', async () => {
    const model = await buildAppModel({ root: ROOT, ...sources });
    const again = await generateMigrations({ model, migrationsDir: fixture.options.migrationsDir! });
    expect(again).toEqual({ written: [], refusals: [] });
  });

  it("drops nothing when a managed entity becomes an unmanaged one: the table is the database's from then on", async () => {
    const manifestsDir = await mkdtemp(path.join(os.tmpdir(), 'forja-mapping-manifests-'));
    try {
      const manifest = JSON.parse(await readFile(path.join(sources.manifestsDir, 'legado.json'), 'utf8')) as ModuleManifest;
      manifest.entities!.nota!.managed = false;
      await writeFile(path.join(manifestsDir, 'legado.json'), JSON.stringify(manifest));
      const model = await buildAppModel({ root: ROOT, manifestsDir, pluginsDir: sources.pluginsDir });
      const result = await generateMigrations({ model, migrationsDir: fixture.options.migrationsDir!, allowDrop: ['LEGADO_NOTAS'] });
      expect(result.written).toEqual([]);
      expect(result.refusals).toEqual([
        '--allow-drop LEGADO_NOTAS: nothing by that name is being dropped (give <table>.<column> of a removed field, or <table> of a removed entity)',
      ]);
    } finally {
      await rm(manifestsDir, { recursive: true, force: true });
    }
  });
});

// These two groups write the 'existing' tables into the SQLite file by hand; the MariaDB pass runs the same
// comparison and writes on MariaDB tables in the named-datasource group below and in laser.datasource.test.ts.
describe.skipIf(testDialect() !== 'sqlite')('on an existing SQLite database (the datasource falls back to the default one)', () => {
  let dataDir: string;
  let platform: RunningPlatform;
  let api: Api;
  let captured: ReturnType<typeof capturingLogger>;
  const ddlOf = async () => {
    const db = await openDatabase(dataDir);
    const rows = await db.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE name LIKE 'LEGADO_%' ORDER BY name");
    await db.close();
    return rows;
  };

  beforeAll(async () => {
    dataDir = await existingDatabase([
      SQLITE_DDL.maquina,
      SQLITE_DDL.apontamento,
      `INSERT INTO "LEGADO_MAQUINA" ("ID_MAQUINA", "CODIGO", "NOME", "ATIVA", "FABRICANTE") VALUES (40, 'L-40', 'Laser antigo', 1, 'Trumpf')`,
    ]);
    captured = capturingLogger();
    platform = await startPlatformOn(dataDir, {}, { ...fixture.options, logger: captured.logger });
    api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
  });
  afterAll(async () => {
    await platform?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says which database the named datasource uses, and creates no stand-in for tables that exist', () => {
    expect(captured.lines.some((l) => l.includes('datasource \\"legado\\": DATASOURCE_LEGADO_URL is not set, so it uses the default database'))).toBe(true);
    expect(captured.lines.some((l) => l.includes('stand-in'))).toBe(false);
  });

  it('reads rows the other program wrote, under field names, with its primary key as id and no system columns', async () => {
    const row = await api.query('legado.maquina.get', { id: 40 });
    expect(row).toEqual({ id: 40, version: expect.any(Number), codigo: 'L-40', nome: 'Laser antigo', ativa: true });
    expect(Number.isSafeInteger(row.version) && row.version > 0).toBe(true);
  });

  it('creates, updates and deletes through the generated API, writing the mapped columns only', async () => {
    const created = await api.mutate('legado.maquina.create', { data: { codigo: 'C-1', nome: 'Corte 1' } });
    expect(created).toEqual({ id: 41, version: expect.any(Number), codigo: 'C-1', nome: 'Corte 1', ativa: true });
    const updated = await api.mutate('legado.maquina.update', { id: created.id, data: { nome: 'Corte um' }, version: created.version });
    expect(updated.nome).toBe('Corte um');
    expect(updated.version).not.toBe(created.version);
    const old = await api.mutate('legado.maquina.update', {
      id: 40,
      data: { ativa: false },
      version: (await api.query('legado.maquina.get', { id: 40 })).version,
    });
    expect(old.ativa).toBe(false);
    const db = await openDatabase(dataDir);
    expect(await db.all('SELECT * FROM "LEGADO_MAQUINA" ORDER BY "ID_MAQUINA"')).toEqual([
      { ID_MAQUINA: 40, CODIGO: 'L-40', NOME: 'Laser antigo', ATIVA: 0, FABRICANTE: 'Trumpf' },
      { ID_MAQUINA: 41, CODIGO: 'C-1', NOME: 'Corte um', ATIVA: 1, FABRICANTE: null },
    ]);
    await db.close();
    const temp = await api.mutate('legado.maquina.create', { data: { codigo: 'T', nome: 'Temporária' } });
    await api.mutate('legado.maquina.delete', { id: temp.id });
    await expectApiError(api.query('legado.maquina.get', { id: temp.id }), 'NOT_FOUND');
  });

  it('checks uniqueness and relation existence on the mapped columns', async () => {
    const taken = await expectApiError(api.mutate('legado.maquina.create', { data: { codigo: 'L-40', nome: 'Outra' } }), 'BAD_REQUEST');
    expect(taken.issues).toEqual([{ path: 'data.codigo', message: 'L-40 already exists' }]);
    const missing = await expectApiError(
      api.mutate('legado.apontamento.create', { data: { maquina: 999, inicio: '2026-01-05T08:00:00.000Z' } }),
      'BAD_REQUEST',
    );
    expect(missing.issues).toEqual([{ path: 'data.maquina', message: 'no Máquina with id 999' }]);
  });

  it('joins the relation to the target by its primary key column for the display text, and filters, sorts and searches mapped columns', async () => {
    const make = (maquina: number, inicio: string, quantidade: number, observacao: string) =>
      api.mutate('legado.apontamento.create', { data: { maquina, inicio, quantidade, observacao } });
    await make(40, '2026-01-05T08:00:00.000Z', 5, 'chapa fina');
    await make(41, '2026-01-06T08:00:00.000Z', 12, 'Chapa grossa');
    await make(40, '2026-01-07T08:00:00.000Z', 30, 'retrabalho');
    const all = await api.query('legado.apontamento.list', {});
    expect(all.rows.map((r: { quantidade: number }) => r.quantidade)).toEqual([30, 12, 5]);
    expect(all.rows[0]).toEqual({
      id: expect.any(Number),
      version: expect.any(Number),
      maquina: 40,
      inicio: '2026-01-07T08:00:00.000Z',
      quantidade: 30,
      observacao: 'retrabalho',
      status: 'aberto',
      _display: { maquina: 'Laser antigo' },
    });
    const some = await api.query('legado.apontamento.list', { filter: { quantidade: { gte: 10 } }, sort: 'quantidade' });
    expect(some.rows.map((r: { quantidade: number }) => r.quantidade)).toEqual([12, 30]);
    const found = await api.query('legado.apontamento.list', { search: 'CHAPA', sort: 'id' });
    expect(found.rows.map((r: { observacao: string }) => r.observacao)).toEqual(['chapa fina', 'Chapa grossa']);
    const byMachine = await api.query('legado.apontamento.list', { filter: { maquina: 40, status: 'aberto' } });
    expect(byMachine.total).toBe(2);
  });

  it('applies row rules on mapped columns, in the generated API and in plugin SQL built from ctx.data names', async () => {
    const first = (await api.query('legado.apontamento.list', { sort: 'id' })).rows[0];
    await api.mutate('legado.apontamento.transition', { id: first.id, transition: 'fechar', version: first.version });
    const operador = await createUserAndLogin(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token, 'op@test.local', ['operador']);
    const asOperador = trpcApi(platform.url, operador.token);
    const seen = await asOperador.query('legado.apontamento.list', { sort: 'id' });
    expect(seen.rows.map((r: { status: string }) => r.status)).toEqual(['aberto', 'aberto']);
    await expectApiError(asOperador.query('legado.apontamento.get', { id: first.id }), 'FORBIDDEN');
    expect(await asOperador.query('legado.abertosPorMaquina', {})).toEqual([
      { codigo: 'C-1', total: 12 },
      { codigo: 'L-40', total: 30 },
    ]);
  });

  it('takes workflow transitions on an unmanaged row with the fingerprint as version, writing the history to the platform', async () => {
    const row = (await api.query('legado.apontamento.list', { filter: { status: 'aberto' }, sort: 'id' })).rows[0];
    await api.mutate('legado.apontamento.update', { id: row.id, data: { quantidade: 6 }, version: row.version });
    const stale = await expectApiError(api.mutate('legado.apontamento.transition', { id: row.id, transition: 'fechar', version: row.version }), 'CONFLICT');
    expect(stale.message).toContain('was changed by someone else');
    const current = await api.query('legado.apontamento.get', { id: row.id });
    const closed = await api.mutate('legado.apontamento.transition', { id: row.id, transition: 'fechar', version: current.version });
    expect(closed).toMatchObject({ status: 'fechado', quantidade: 6 });
    const history = await api.query('legado.apontamento.history', { id: row.id });
    expect(history.rows.map((h: { transition: string; from: string; to: string }) => [h.transition, h.from, h.to])).toEqual([['fechar', 'aberto', 'fechado']]);
  });

  it('refuses a write carrying a fingerprint the row no longer has', async () => {
    const row = await api.query('legado.maquina.get', { id: 41 });
    await api.mutate('legado.maquina.update', { id: 41, data: { nome: 'Corte novo' }, version: row.version });
    const stale = await expectApiError(api.mutate('legado.maquina.update', { id: 41, data: { nome: 'Outra coisa' }, version: row.version }), 'CONFLICT');
    expect(stale.message).toContain('was changed by someone else');
    expect((await api.query('legado.maquina.get', { id: 41 })).nome).toBe('Corte novo');
  });

  it('lets exactly one of two concurrent updates with the same fingerprint through', async () => {
    const row = await api.query('legado.maquina.get', { id: 41 });
    const results = await Promise.allSettled(
      ['devagar A', 'devagar B'].map((nome) => api.mutate('legado.maquina.update', { id: 41, data: { nome }, version: row.version })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(['CONFLICT']);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ nome: string }>).value.nome;
    expect((await api.query('legado.maquina.get', { id: 41 })).nome).toBe(winner);
  });

  it('writes the audit trail of unmanaged rows to the platform table', async () => {
    const db = await openDatabase(dataDir);
    const entries = await db.all<{ op: string }>("SELECT op FROM platform_audit WHERE module = 'legado' AND entity = 'maquina' AND record_id = 41 ORDER BY id");
    await db.close();
    expect(entries.map((e) => e.op)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('exports CSV from the mapped columns', async () => {
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    const res = await fetch(`${platform.url}/export/legado/maquina.csv?input=${encodeURIComponent(JSON.stringify({ sort: 'codigo' }))}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines.slice(1).map((l) => l.split(/[;,]/).slice(0, 2))).toEqual([
      ['41', 'C-1'],
      ['40', 'L-40'],
    ]);
  });

  it('never changed the existing tables', async () => {
    expect(await ddlOf()).toEqual([
      { name: 'LEGADO_APONTAMENTO', sql: SQLITE_DDL.apontamento },
      { name: 'LEGADO_MAQUINA', sql: SQLITE_DDL.maquina },
      { name: 'LEGADO_NOTAS', sql: expect.stringContaining('`MAQUINA_ID` INTEGER,') },
    ]);
  });
});

describe.skipIf(testDialect() !== 'sqlite')('start-up compares unmanaged tables with their declaration (SQLite)', () => {
  const refusal = async (statements: string[]) => {
    const dataDir = await existingDatabase(statements);
    try {
      return await startError(startPlatformOn(dataDir, {}, fixture.options));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  };
  const source = path.relative(ROOT, path.join(sources.manifestsDir, 'legado.json'));

  it('refuses a missing column, naming entity, table, column and manifest path', async () => {
    const message = await refusal([SQLITE_DDL.maquina, SQLITE_DDL.apontamento.replace('"QTD" INTEGER, ', '')]);
    expect(message).toContain('do not match their declaration');
    expect(message).toContain(`legado.apontamento: column LEGADO_APONTAMENTO.QTD: is missing (${source} /entities/apontamento/fields/quantidade)`);
  });

  it('refuses a column of an incompatible type and an optional field on a NOT NULL column', async () => {
    const ddl = SQLITE_DDL.maquina
      .replace('"NOME" VARCHAR(80) NOT NULL', '"NOME" INTEGER NOT NULL')
      .replace('"ATIVA" BOOLEAN DEFAULT 1', '"ATIVA" BOOLEAN NOT NULL');
    const message = await refusal([ddl, SQLITE_DDL.apontamento]);
    expect(message).toContain(
      `legado.maquina: column LEGADO_MAQUINA.NOME: expected a string(80) column, found INTEGER (${source} /entities/maquina/fields/nome)`,
    );
    // ATIVA has a default in the model only (the service fills it), so the database's NOT NULL without default is what inserts hit.
    expect(message).toContain('legado.maquina: column LEGADO_MAQUINA.ATIVA: is NOT NULL without a default, but the field is optional');
  });

  it('refuses a table whose key is not the declared primary key, and undeclared NOT NULL columns', async () => {
    const ddl = SQLITE_DDL.maquina.replace('"ID_MAQUINA" INTEGER PRIMARY KEY', '"ID_MAQUINA" INTEGER, "SERIE" VARCHAR(10) NOT NULL');
    const message = await refusal([ddl, SQLITE_DDL.apontamento.replace(/ REFERENCES "LEGADO_MAQUINA" \("ID_MAQUINA"\)/, '')]);
    expect(message).toContain("legado.maquina: column LEGADO_MAQUINA.ID_MAQUINA: is not the table's primary key (found INTEGER)");
    expect(message).toContain('legado.maquina: column LEGADO_MAQUINA.SERIE: is NOT NULL without a default and not declared: every insert would fail');
  });

  it('lists the same differences from the command line, changing nothing', async () => {
    const ddl = SQLITE_DDL.apontamento.replace('"QTD" INTEGER', '"QTD" VARCHAR(10)');
    const dataDir = await existingDatabase([SQLITE_DDL.maquina, ddl]);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logs = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      expect(await runDbCheck([], ROOT, { DATA_DIR: dataDir }, sources)).toBe(1);
      expect(errors.mock.calls.map((c) => String(c[0]))).toEqual([
        `differs: legado.apontamento: column LEGADO_APONTAMENTO.QTD: expected an integer column, found VARCHAR(10) (${source} /entities/apontamento/fields/quantidade)`,
      ]);
      const db = await openDatabase(dataDir);
      expect((await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name)).toEqual([
        'LEGADO_MAQUINA',
        'LEGADO_APONTAMENTO',
        'sqlite_sequence',
      ]);
      await db.close();
    } finally {
      errors.mockRestore();
      logs.mockRestore();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('creates missing tables as stand-ins when the named datasource is not configured, and says so', async () => {
    const dataDir = await existingDatabase([]);
    const captured = capturingLogger();
    const platform = await startPlatformOn(dataDir, {}, { ...fixture.options, logger: captured.logger });
    try {
      expect(captured.lines.filter((l) => l.includes('as a stand-in for the existing one'))).toHaveLength(2);
      const api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
      const m = await api.mutate('legado.maquina.create', { data: { codigo: 'N', nome: 'Nova' } });
      await api.mutate('legado.apontamento.create', { data: { maquina: m.id, inicio: '2026-02-01T10:00:00.000Z', observacao: 'x' } });
      const db = await openDatabase(dataDir);
      const columns = await db.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', ['LEGADO_APONTAMENTO']);
      await db.close();
      expect(columns.map((c) => c.name)).toEqual(['ID_APONTAMENTO', 'ID_MAQUINA', 'DT_INICIO', 'QTD', 'ORDER', 'SELECT']);
    } finally {
      await platform.stop();
    }
    // A second start finds them and leaves them be.
    const again = capturingLogger();
    const restarted = await startPlatformOn(dataDir, {}, { ...fixture.options, logger: again.logger });
    await restarted.stop();
    expect(again.lines.some((l) => l.includes('stand-in'))).toBe(false);
    await rm(dataDir, { recursive: true, force: true });
  });
});

/** The existing database on the MariaDB server, as the other program created it. */
const MARIADB_DDL = {
  maquina:
    'CREATE TABLE `LEGADO_MAQUINA` (`ID_MAQUINA` INT AUTO_INCREMENT PRIMARY KEY, `CODIGO` VARCHAR(20) NOT NULL UNIQUE, `NOME` VARCHAR(80) NOT NULL, ' +
    '`ATIVA` TINYINT(1) DEFAULT 1, `FABRICANTE` VARCHAR(40)) ENGINE=InnoDB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
  apontamento:
    'CREATE TABLE `LEGADO_APONTAMENTO` (`ID_APONTAMENTO` INT AUTO_INCREMENT PRIMARY KEY, `ID_MAQUINA` INT NOT NULL, `DT_INICIO` DATETIME(3) NOT NULL, ' +
    "`QTD` INT, `ORDER` TEXT, `SELECT` VARCHAR(10) NOT NULL DEFAULT 'aberto', FOREIGN KEY (`ID_MAQUINA`) REFERENCES `LEGADO_MAQUINA` (`ID_MAQUINA`)) " +
    'ENGINE=InnoDB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin',
};

const tablesOf = (url: string) =>
  onTestDatabase(url, async (c) => ((await c.query('SHOW TABLES'))[0] as Record<string, string>[]).map((r) => Object.values(r)[0]!).sort());
const createTableOf = (url: string, table: string) =>
  onTestDatabase(url, async (c) => String(((await c.query(`SHOW CREATE TABLE \`${table}\``))[0] as Record<string, string>[])[0]!['Create Table']));

describe.runIf(testDatabaseServer())('on a named datasource of its own: a second MariaDB database', () => {
  let main: TestDatabase;
  let legacy: TestDatabase;
  let dataDir: string;
  let platform: RunningPlatform;
  let api: Api;
  let before: { maquina: string; apontamento: string };

  beforeAll(async () => {
    [main, legacy] = await Promise.all([createTestDatabase('mapping'), createTestDatabase('legado')]);
    await onTestDatabase(legacy.url, async (c) => {
      await c.query(MARIADB_DDL.maquina);
      await c.query(MARIADB_DDL.apontamento);
      await c.query("INSERT INTO `LEGADO_MAQUINA` (`ID_MAQUINA`, `CODIGO`, `NOME`, `FABRICANTE`) VALUES (40, 'L-40', 'Laser antigo', 'Trumpf')");
    });
    before = { maquina: await createTableOf(legacy.url, 'LEGADO_MAQUINA'), apontamento: await createTableOf(legacy.url, 'LEGADO_APONTAMENTO') };
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'forja-mapping-'));
    platform = await startPlatformOn(dataDir, { DATABASE_URL: main.url, DATASOURCE_LEGADO_URL: legacy.url }, fixture.options);
    api = trpcApi(platform.url, (await login(platform.url, ADMIN.email, ADMIN.password)).token);
  });
  afterAll(async () => {
    await platform?.stop();
    await Promise.all([main?.drop(), legacy?.drop()]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the platform tables on the default database and only the module tables on its own', async () => {
    const mainTables = await tablesOf(main.url);
    expect(mainTables).toContain('platform_audit');
    expect(mainTables.filter((t) => t.startsWith('LEGADO_'))).toEqual([]);
    // The managed entity of the module lives with the module; nothing of the platform does.
    expect(await tablesOf(legacy.url)).toEqual(['LEGADO_APONTAMENTO', 'LEGADO_MAQUINA', 'LEGADO_NOTAS', 'forja_migrations']);
  });

  it('serves CRUD, the display join and filters on the mapped tables', async () => {
    const m = await api.mutate('legado.maquina.create', { data: { codigo: 'C-1', nome: 'Corte 1' } });
    expect(m).toEqual({ id: 41, version: expect.any(Number), codigo: 'C-1', nome: 'Corte 1', ativa: true });
    const a = await api.mutate('legado.apontamento.create', {
      data: { maquina: 40, inicio: '2026-01-05T08:00:00.123Z', quantidade: 7, observacao: 'chapa' },
    });
    expect(a).toMatchObject({ maquina: 40, inicio: '2026-01-05T08:00:00.123Z', quantidade: 7, status: 'aberto', _display: { maquina: 'Laser antigo' } });
    const list = await api.query('legado.apontamento.list', { filter: { quantidade: { gte: 5 } }, search: 'CHAP' });
    expect(list.rows.map((r: { id: number }) => r.id)).toEqual([a.id]);
    const updated = await api.mutate('legado.maquina.update', {
      id: 40,
      data: { ativa: false },
      version: (await api.query('legado.maquina.get', { id: 40 })).version,
    });
    expect(updated.ativa).toBe(false);
    const rows = await onTestDatabase(legacy.url, async (c) => (await c.query('SELECT * FROM `LEGADO_MAQUINA` ORDER BY `ID_MAQUINA`'))[0]);
    expect(rows).toEqual([
      { ID_MAQUINA: 40, CODIGO: 'L-40', NOME: 'Laser antigo', ATIVA: 0, FABRICANTE: 'Trumpf' },
      { ID_MAQUINA: 41, CODIGO: 'C-1', NOME: 'Corte 1', ATIVA: 1, FABRICANTE: null },
    ]);
  });

  it('keeps the Idempotency-Key of a create on the default database while the record goes to its own', async () => {
    const { token } = await login(platform.url, ADMIN.email, ADMIN.password);
    const send = () =>
      rawMutate(
        platform.url,
        'legado.maquina.create',
        { data: { codigo: 'I-1', nome: 'Idempotente' } },
        { authorization: `Bearer ${token}`, 'idempotency-key': 'k-1' },
      );
    const [first, again] = [await send(), await send()];
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body.result.data.id).toBe(first.body.result.data.id);
    const keys = await onTestDatabase(main.url, async (c) => (await c.query('SELECT record_id FROM platform_idempotency_key'))[0]);
    expect(keys).toEqual([{ record_id: first.body.result.data.id }]);
    await api.mutate('legado.maquina.delete', { id: first.body.result.data.id });
  });

  it('writes the audit trail of the module to the default database', async () => {
    const waitForAudit = async (): Promise<unknown[]> => {
      for (let i = 0; i < 50; i++) {
        const rows = (await onTestDatabase(
          main.url,
          async (c) => (await c.query("SELECT op FROM platform_audit WHERE module = 'legado' ORDER BY id"))[0],
        )) as unknown[];
        if (rows.length >= 5) return rows;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return [];
    };
    expect(await waitForAudit()).toEqual([{ op: 'create' }, { op: 'create' }, { op: 'update' }, { op: 'create' }, { op: 'delete' }]);
  });

  it('lets exactly one of two concurrent updates with the same fingerprint through (row lock and re-read)', async () => {
    const row = await api.query('legado.maquina.get', { id: 41 });
    const results = await Promise.allSettled(
      ['devagar A', 'devagar B'].map((nome) => api.mutate('legado.maquina.update', { id: 41, data: { nome }, version: row.version })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { code: string }).code)).toEqual(['CONFLICT']);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ nome: string }>).value.nome;
    expect((await api.query('legado.maquina.get', { id: 41 })).nome).toBe(winner);
    await expectApiError(api.mutate('legado.maquina.update', { id: 41, data: { nome: 'tarde' }, version: row.version }), 'CONFLICT');
  });

  it('never changed the existing tables (but for their row counters)', async () => {
    const shape = (ddl: string) => ddl.replace(/ AUTO_INCREMENT=\d+/, '');
    expect(shape(await createTableOf(legacy.url, 'LEGADO_MAQUINA'))).toBe(shape(before.maquina));
    expect(shape(await createTableOf(legacy.url, 'LEGADO_APONTAMENTO'))).toBe(shape(before.apontamento));
  });

  it('refuses to start, never creating it, when a mapped table is missing from the configured datasource', async () => {
    const empty = await createTestDatabase('legadovazio');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-mapping-'));
    try {
      await onTestDatabase(empty.url, (c) => c.query(MARIADB_DDL.maquina));
      const message = await startError(startPlatformOn(dir, { DATABASE_URL: main.url, DATASOURCE_LEGADO_URL: empty.url }, fixture.options));
      expect(message).toContain(
        `legado.apontamento: table LEGADO_APONTAMENTO: does not exist in datasource "legado" (${path.relative(ROOT, path.join(sources.manifestsDir, 'legado.json'))} /entities/apontamento/table)`,
      );
      expect(await tablesOf(empty.url)).not.toContain('LEGADO_APONTAMENTO');
    } finally {
      await empty.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('without DATASOURCE_LEGADO_URL uses the default MariaDB database, with stand-ins for the missing tables', async () => {
    const only = await createTestDatabase('mappingdefault');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-mapping-'));
    const captured = capturingLogger();
    try {
      const started = await startPlatformOn(dir, { DATABASE_URL: only.url }, { ...fixture.options, logger: captured.logger });
      try {
        const admin = trpcApi(started.url, (await login(started.url, ADMIN.email, ADMIN.password)).token);
        const m = await admin.mutate('legado.maquina.create', { data: { codigo: 'S', nome: 'Substituta' } });
        const a = await admin.mutate('legado.apontamento.create', { data: { maquina: m.id, inicio: '2026-03-01T09:00:00.000Z' } });
        expect(await admin.mutate('legado.apontamento.transition', { id: a.id, transition: 'fechar', version: a.version })).toMatchObject({
          status: 'fechado',
        });
      } finally {
        await started.stop();
      }
      expect(captured.lines.filter((l) => l.includes('as a stand-in for the existing one'))).toHaveLength(2);
      expect(await tablesOf(only.url)).toEqual(expect.arrayContaining(['LEGADO_APONTAMENTO', 'LEGADO_MAQUINA', 'LEGADO_NOTAS', 'platform_audit']));
    } finally {
      await only.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a column of the wrong type as MariaDB describes it', async () => {
    const other = await createTestDatabase('legadotipo');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'forja-mapping-'));
    try {
      await onTestDatabase(other.url, async (c) => {
        await c.query(MARIADB_DDL.maquina.replace('`NOME` VARCHAR(80)', '`NOME` INT'));
        await c.query(MARIADB_DDL.apontamento.replace('`QTD` INT', '`QTD` VARCHAR(10)'));
      });
      const message = await startError(startPlatformOn(dir, { DATABASE_URL: main.url, DATASOURCE_LEGADO_URL: other.url }, fixture.options));
      expect(message).toContain('legado.maquina: column LEGADO_MAQUINA.NOME: expected a string(80) column, found int(11)');
      expect(message).toContain('legado.apontamento: column LEGADO_APONTAMENTO.QTD: expected an integer column, found varchar(10)');
    } finally {
      await other.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('manifest checks of mapped names', () => {
  const file = 'manifests/legado.json';
  const base = async (): Promise<ModuleManifest> => JSON.parse(await readFile(path.join(sources.manifestsDir, 'legado.json'), 'utf8')) as ModuleManifest;
  const issuesOf = async (change: (m: ModuleManifest) => void) => {
    const manifest = await base();
    change(manifest);
    return [...validateManifestSchema(file, manifest), ...crossCheckManifests([{ file, manifest }])].map((i) => `${i.path}: ${i.message}`);
  };
  const entities = (m: ModuleManifest) => m.entities!;

  it('accepts the fixture as it is', async () => {
    expect(await issuesOf(() => {})).toEqual([]);
  });

  it('refuses table and column names longer than MySQL/MariaDB allow, naming the manifest path', async () => {
    const long = `T${'X'.repeat(64)}`;
    expect(
      await issuesOf((m) => {
        entities(m).maquina!.table = long;
        entities(m).maquina!.fields.nome!.column = long;
        entities(m).maquina!.primaryKey = long.toLowerCase().replace('t', 'p');
      }),
    ).toEqual([
      `/entities/maquina/table: "${long}" is 65 characters long; MySQL/MariaDB allow at most 64`,
      `/entities/maquina/primaryKey: "${long.toLowerCase().replace('t', 'p')}" is 65 characters long; MySQL/MariaDB allow at most 64`,
      `/entities/maquina/fields/nome/column: "${long}" is 65 characters long; MySQL/MariaDB allow at most 64`,
    ]);
  });

  it('keeps generated index and constraint names within the limit, whatever the table name', () => {
    const table = 'T'.repeat(64);
    for (const prefix of ['ix', 'uq', 'fk', 'ck']) expect(schemaObjectName(prefix, table, ['C'.repeat(64)]).length).toBeLessThanOrEqual(64);
  });

  it('refuses names that are not plain SQL identifiers (quoting makes reserved words safe, not arbitrary text)', async () => {
    const issues = await issuesOf((m) => {
      entities(m).maquina!.fields.nome!.column = 'NOME"; DROP';
    });
    expect(issues).toEqual([expect.stringMatching(/^\/entities\/maquina\/fields\/nome\/column: /)]);
  });

  it('refuses two fields on one column (as MySQL and SQLite compare names: ignoring case), and the key column for a field', async () => {
    expect(
      await issuesOf((m) => {
        entities(m).maquina!.fields.nome!.column = 'codigo';
        entities(m).maquina!.fields.ativa!.column = 'ID_MAQUINA';
      }),
    ).toEqual([
      '/entities/maquina/fields/nome/column: column "codigo" is already the column of field "codigo"',
      '/entities/maquina/fields/ativa/column: column "ID_MAQUINA" is already the column of the primary key',
    ]);
  });

  it('gives an unmanaged entity no system columns: they may be declared fields, and rules may not use them otherwise', async () => {
    expect(
      await issuesOf((m) => {
        entities(m).maquina!.fields.created_at = { type: 'datetime', column: 'DT_CRIACAO' };
      }),
    ).toEqual([]);
    expect(
      await issuesOf((m) => {
        entities(m).maquina!.fields.version = { type: 'integer' };
      }),
    ).toEqual(['/entities/maquina/fields/version: "version" is a reserved column name (id, version)']);
    expect(
      await issuesOf((m) => {
        entities(m).apontamento!.permissions!.read = [{ role: 'operador', where: { created_by: '$user.id' } }];
        entities(m).apontamento!.list!.sort = '-updated_at';
      }),
    ).toEqual([
      '/entities/apontamento/list/sort: sort field "updated_at" is not a stored field of "apontamento"',
      '/entities/apontamento/permissions/read/0/where/created_by: row rule field "created_by" is not a field',
    ]);
  });

  it('refuses onDelete cascade/setNull where no foreign key will exist', async () => {
    const manifest = await base();
    entities(manifest).nota!.fields.maquina = { type: 'relation', to: 'maquina', onDelete: 'setNull' };
    entities(manifest).nota!.fields.item = { type: 'relation', to: 'outro.item', onDelete: 'cascade' };
    const outro = {
      module: 'outro',
      label: 'Outro',
      version: '1.0.0',
      entities: { item: { label: 'Item', fields: { nome: { type: 'string' } } } },
    } as ModuleManifest;
    const issues = crossCheckManifests([
      { file, manifest },
      { file: 'manifests/outro.json', manifest: outro },
    ]).map((i) => `${i.path}: ${i.message}`);
    expect(issues).toEqual([
      '/entities/nota/fields/maquina/onDelete: "setNull" needs a foreign key, which Forja only creates between managed tables of one datasource (one of the two tables is unmanaged)',
      '/entities/nota/fields/item/onDelete: "cascade" needs a foreign key, which Forja only creates between managed tables of one datasource (outro.item is on datasource "default")',
    ]);
  });

  it('refuses two entities of one datasource on the same table', async () => {
    expect(
      await issuesOf((m) => {
        entities(m).nota!.table = 'legado_maquina';
      }),
    ).toEqual(['/entities/nota/table: table "legado_maquina" is already the table of legado.maquina']);
  });
});

describe('plugin and job SQL names', () => {
  it('quotes mapped tables and columns, in the server and in a job worker fed with the names the server quoted', async () => {
    const model = await buildAppModel({ root: ROOT, ...sources });
    const quoted = Object.fromEntries(declaredIdentifiers(model).map((id) => [id, `"${id}"`]));
    const d = forwardingDataAccess(model, 'legado', { default: { dialect: 'sqlite', quoted }, legado: { dialect: 'sqlite', quoted } }, {} as never);
    expect([d.table('maquina'), d.column('maquina', 'id'), d.column('apontamento', 'inicio'), d.column('apontamento', 'observacao')]).toEqual([
      '"LEGADO_MAQUINA"',
      '"ID_MAQUINA"',
      '"DT_INICIO"',
      '"ORDER"',
    ]);
    expect(() => d.column('maquina', 'created_at')).toThrow('"created_at" is not a field of legado.maquina');
    expect(d.column('nota', 'created_at')).toBe('"created_at"');
  });
});

describe('SQL of an unmanaged entity', () => {
  it('reads mapped columns under field names, joins on the target key column and locks the row it re-reads', async () => {
    const model = await buildAppModel({ root: ROOT, ...sources });
    const statements = (dialect: SqlDialect) => new EntitySql(model.entity('legado.apontamento'), model, (id) => `"${id}"`, dialect);
    const oracle = statements('oracle');
    const where = oracle.where({ filter: { id: 7 } });
    const t = '"LEGADO_APONTAMENTO"';
    const own =
      `${t}."ID_APONTAMENTO" AS "id", ${t}."ID_MAQUINA" AS "maquina", ${t}."DT_INICIO" AS "inicio", ${t}."QTD" AS "quantidade", ` +
      `${t}."ORDER" AS "observacao", ${t}."SELECT" AS "status"`;
    expect(oracle.rows(where, [['id', 'ASC']], { limit: 10, offset: 20 })).toEqual({
      sql:
        `SELECT ${own}, "j0"."NOME" AS "maquina__display" FROM ${t} LEFT OUTER JOIN "LEGADO_MAQUINA" "j0" ON "j0"."ID_MAQUINA" = ${t}."ID_MAQUINA" ` +
        `WHERE ${t}."ID_APONTAMENTO" = ? ORDER BY ${t}."ID_APONTAMENTO" ASC OFFSET 20 ROWS FETCH NEXT 10 ROWS ONLY`,
      params: [7],
    });
    expect(oracle.lockedRows(where).sql).toBe(`SELECT ${own} FROM ${t} WHERE ${t}."ID_APONTAMENTO" = ? FOR UPDATE`);
    expect(statements('sqlite').lockedRows(where).sql).toBe(`SELECT ${own} FROM ${t} WHERE ${t}."ID_APONTAMENTO" = ?`);
    expect(oracle.update({ quantidade: 3, status: 'fechado' }, oracle.where({ filter: { id: 7, status: 'aberto' } })).sql).toBe(
      `UPDATE ${t} SET "QTD" = ?, "SELECT" = ? WHERE ${t}."ID_APONTAMENTO" = ? AND ${t}."SELECT" = ?`,
    );
    expect(() => oracle.update({ version: 2 }, where)).toThrow('"version" is not a writable column of legado.apontamento');
  });
});
