/**
 * Which database the tests run on. Unset `TEST_DATABASE_URL`: embedded SQLite
 * files. Set (`mariadb://user:pass@host:port`): a MariaDB/MySQL server on
 * which every test platform gets a throw-away database of its own, created
 * here and dropped when the test is done, so test files never see each
 * other's rows.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mysql from 'mysql2/promise';

/** The server the tests use, or undefined for SQLite. */
export function testDatabaseServer(): URL | undefined {
  const url = process.env.TEST_DATABASE_URL;
  return url ? new URL(url) : undefined;
}

/** 'sqlite', or 'mysql' for MariaDB/MySQL: what `/health` and the datasources report. */
export function testDialect(): 'sqlite' | 'mysql' {
  return testDatabaseServer() ? 'mysql' : 'sqlite';
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
  if (!server) throw new Error('createTestDatabase needs TEST_DATABASE_URL (a MariaDB/MySQL server)');
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
