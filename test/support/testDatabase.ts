/**
 * Which database the tests run on. Unset `TEST_DATABASE_URL`: embedded SQLite
 * files. Set (`mariadb://user:pass@host:port`): a MariaDB/MySQL server on
 * which every test platform gets a throw-away database of its own, created
 * here and dropped when the test is done, so test files never see each
 * other's rows.
 *
 * `ORACLE_TEST_URL` (`oracle://admin:pass@host:1521/service`, an account that
 * may CREATE USER and DROP USER, e.g. SYSTEM of a PDB) takes precedence: on
 * Oracle a database is a schema, so every test platform gets a user of its own
 * (`FORJA_<LABEL>_<random>`, quota on ORACLE_TEST_TABLESPACE, default USERS),
 * dropped with CASCADE when the test is done. Oracle runs in thin mode: no
 * client libraries needed. This path has never run here: no Oracle server.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import mysql from 'mysql2/promise';

/** The server the tests use, or undefined for SQLite. */
export function testDatabaseServer(): URL | undefined {
  const url = process.env.ORACLE_TEST_URL || process.env.TEST_DATABASE_URL;
  return url ? new URL(url) : undefined;
}

/** 'sqlite', 'mysql' for MariaDB/MySQL, or 'oracle': what `/health` and the datasources report. */
export function testDialect(): 'sqlite' | 'mysql' | 'oracle' {
  const server = testDatabaseServer();
  if (!server) return 'sqlite';
  return server.protocol === 'oracle:' ? 'oracle' : 'mysql';
}

export interface TestDatabase {
  /** A `DATABASE_URL` / `DATASOURCE_<NAME>_URL` value for it. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the test server; `label` shows in its name, for whoever looks at the server. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const server = testDatabaseServer();
  if (!server) throw new Error('createTestDatabase needs TEST_DATABASE_URL (a MariaDB/MySQL server) or ORACLE_TEST_URL');
  if (server.protocol === 'oracle:') return createOracleSchema(server, label);
  const name = `forja_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(5).toString('hex')}`.toLowerCase();
  await onServer(server, (c) => c.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`));
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    drop: () => onServer(server, (c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``)).then(() => undefined),
  };
}

async function onServer<T>(server: URL, work: (c: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({
    host: server.hostname,
    port: server.port ? Number(server.port) : 3306,
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/**
 * The server database of a test data folder: made on the first ask, the same one
 * for every later start on that folder (a restart finds its rows again), dropped
 * by `releaseTestDatabase` or, at the latest, when the test file ends (see
 * dropTestDatabases.setup.ts). Undefined when the tests run on SQLite.
 */
const byDataDir = new Map<string, Promise<TestDatabase>>();

export function testDatabaseOf(dataDir: string): Promise<TestDatabase> | undefined {
  if (!testDatabaseServer()) return undefined;
  let database = byDataDir.get(dataDir);
  if (!database) {
    database = createTestDatabase(path.basename(dataDir));
    byDataDir.set(dataDir, database);
  }
  return database;
}

/** The server database already bound to a data folder, without making one. */
export function boundTestDatabase(dataDir: string): Promise<TestDatabase> | undefined {
  return byDataDir.get(dataDir);
}

/** `{ DATABASE_URL }` for a platform on `dataDir`, or nothing on SQLite. */
export async function testDatabaseEnv(dataDir: string): Promise<Record<string, string>> {
  const database = testDatabaseOf(dataDir);
  return database ? { DATABASE_URL: (await database).url } : {};
}

export async function releaseTestDatabase(dataDir: string): Promise<void> {
  const database = byDataDir.get(dataDir);
  byDataDir.delete(dataDir);
  if (database) await (await database).drop();
}

export async function releaseAllTestDatabases(): Promise<void> {
  await Promise.all([...byDataDir.keys()].map(releaseTestDatabase));
}

/** The oracledb driver (thin mode); it ships no type declarations. */
interface OracleConnection {
  execute(sql: string): Promise<unknown>;
  close(): Promise<void>;
}
const oracledb = createRequire(import.meta.url)('oracledb') as {
  getConnection(config: { user: string; password: string; connectString: string }): Promise<OracleConnection>;
};

/** A user (= schema) of its own on the Oracle server, with what Forja's migrations need. */
async function createOracleSchema(server: URL, label: string): Promise<TestDatabase> {
  const name = `FORJA_${label.replace(/[^a-z0-9]/gi, '').slice(0, 20)}_${randomBytes(5).toString('hex')}`.toUpperCase();
  // Letters and digits only: nothing to escape in the URL or the quoted identifier.
  const password = `P${randomBytes(12).toString('hex')}`;
  const tablespace = (process.env.ORACLE_TEST_TABLESPACE ?? 'USERS').toUpperCase();
  if (!/^[A-Z][A-Z0-9_$#]*$/.test(tablespace)) throw new Error(`ORACLE_TEST_TABLESPACE "${tablespace}" is not a tablespace name`);
  await onOracle(server, async (c) => {
    await c.execute(`CREATE USER "${name}" IDENTIFIED BY "${password}" DEFAULT TABLESPACE "${tablespace}" QUOTA UNLIMITED ON "${tablespace}"`);
    // Identity columns need CREATE SEQUENCE; the rest is what migrations and plugin SQL create.
    await c.execute(`GRANT CREATE SESSION, CREATE TABLE, CREATE SEQUENCE, CREATE VIEW, CREATE PROCEDURE TO "${name}"`);
  });
  const url = new URL(server.href);
  url.username = name;
  url.password = password;
  return {
    url: url.href,
    name,
    drop: () => onOracle(server, (c) => c.execute(`DROP USER "${name}" CASCADE`)).then(() => undefined),
  };
}

async function onOracle<T>(server: URL, work: (c: OracleConnection) => Promise<T>): Promise<T> {
  const connection = await oracledb.getConnection({
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    connectString: `${server.hostname}:${server.port || 1521}${server.pathname}`,
  });
  try {
    return await work(connection);
  } finally {
    await connection.close();
  }
}

/** Runs `work` on a connection of its own to a test server database (a `TestDatabase.url`), then closes it. */
export async function onTestDatabase<T>(url: string, work: (c: mysql.Connection) => Promise<T>, options: { dateStrings?: boolean } = {}): Promise<T> {
  const u = new URL(url);
  const connection = await mysql.createConnection({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    ...options,
  });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}
