/**
 * Reads a test server's SQLite file through its own sqlite3 connection, not
 * through the server: what is really stored, independent of the API.
 */
import path from 'node:path';
import sqlite3 from 'sqlite3';

export interface DbReader {
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export async function openDatabase(dataDir: string): Promise<DbReader> {
  return openDatabaseFile(path.join(dataDir, 'forja.db'));
}

/** Any SQLite file, read-only: a backup, a file kept aside by a restore. */
export async function openDatabaseFile(file: string): Promise<DbReader> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) => (e ? reject(e) : resolve(opened)));
  });
  db.configure('busyTimeout', 10_000);
  return {
    all: <T>(sql: string, params: unknown[] = []) =>
      new Promise<T[]>((resolve, reject) => db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[])))),
    close: () => new Promise<void>((resolve, reject) => db.close((e) => (e ? reject(e) : resolve()))),
  };
}

/**
 * Row count and Σ version of every table: any insert, delete or update
 * (every write bumps `version`) changes it. Sessions and login attempts are
 * left out: signing in writes them, and that is not what the tests watch.
 */
export async function fingerprint(db: DbReader): Promise<Record<string, string>> {
  const tables = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('forja_migrations', 'platform_session', 'platform_login_attempt') ORDER BY name",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.all<{ n: number; v: number | null }>(`SELECT COUNT(*) AS n, SUM(version) AS v FROM "${name}"`);
    out[name] = `${row!.n} rows, Σversion ${row!.v ?? 0}`;
  }
  return out;
}

export async function countRows(db: DbReader, table: string): Promise<number> {
  const [row] = await db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}"`);
  return Number(row!.n);
}
