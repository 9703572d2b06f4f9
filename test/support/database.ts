/**
 * Reads a test server's database through a connection of its own, not through
 * the server: what is really stored, independent of the API. The folder's
 * SQLite file, or the MariaDB database bound to the folder (testDatabase.ts).
 * SQL here is written once for both: "double quotes" name identifiers (the
 * MariaDB session runs with ANSI_QUOTES), `?` binds values.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import mysql from 'mysql2/promise';
import sqlite3 from 'sqlite3';
import { boundTestDatabase } from './testDatabase.js';

export interface DbReader {
  dialect: 'sqlite' | 'mysql';
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** The tables of the database, sorted by name. */
  tableNames(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(dataDir: string): Promise<DbReader> {
  const server = boundTestDatabase(dataDir);
  return server ? openServerDatabase((await server).url) : openDatabaseFile(path.join(dataDir, 'forja.db'));
}

/** Any SQLite file, read-only: a backup, a file kept aside by a restore. */
export async function openDatabaseFile(file: string): Promise<DbReader> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) => (e ? reject(e) : resolve(opened)));
  });
  db.configure('busyTimeout', 10_000);
  const all = <T>(sql: string, params: unknown[] = []) =>
    new Promise<T[]>((resolve, reject) => db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[]))));
  return {
    dialect: 'sqlite',
    all,
    tableNames: async () =>
      (await all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")).map((r) => r.name),
    close: () => new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve()))),
  };
}

/**
 * A MariaDB/MySQL database. Values come back as SQLite's driver gives them:
 * numbers for integers and sums, stored text for dates and datetimes.
 */
export async function openServerDatabase(url: string): Promise<DbReader> {
  const connection = await mysql.createConnection({ uri: url, charset: 'UTF8MB4_BIN', decimalNumbers: true, dateStrings: true, supportBigNumbers: true });
  await connection.query("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
  const all = async <T>(sql: string, params: unknown[] = []) => (await connection.query(sql, params))[0] as T[];
  return {
    dialect: 'mysql',
    all,
    tableNames: async () =>
      (await all<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name')).map(
        (r) => r.name,
      ),
    close: () => connection.end(),
  };
}

/**
 * Row count and Σ version of every table: any insert, delete or update
 * (every write bumps `version`) changes it. Sessions and login attempts are
 * left out: signing in writes them, and that is not what the tests watch.
 */
export async function fingerprint(db: DbReader): Promise<Record<string, string>> {
  const skipped = new Set(['forja_migrations', 'platform_session', 'platform_login_attempt']);
  const out: Record<string, string> = {};
  for (const name of await db.tableNames()) {
    if (skipped.has(name)) continue;
    out[name] = await tableFingerprint(db, name);
  }
  return out;
}

/**
 * A Forja table's count and Σ version; a table without `version` (mapped onto
 * an existing one, `managed: false`) by the hash of all its rows instead.
 */
async function tableFingerprint(db: DbReader, table: string): Promise<string> {
  const rows = await db.all<Record<string, unknown>>(`SELECT * FROM "${table}"`);
  if (rows.length === 0 || 'version' in rows[0]!) {
    const versions = rows.reduce((sum, r) => sum + Number(r.version), 0);
    return `${rows.length} rows, Σversion ${versions}`;
  }
  const lines = rows.map((r) => JSON.stringify(Object.values(r), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();
  return `${rows.length} rows, content ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
}

export async function countRows(db: DbReader, table: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`);
  return Number(row!.n);
}
