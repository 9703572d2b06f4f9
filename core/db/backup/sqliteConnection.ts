/**
 * A small promise face over one sqlite3 connection of the backup tools' own,
 * apart from the platform's Sequelize pool: the online backup API and the
 * locking pragmas need a connection nobody else uses.
 */
import sqlite3 from 'sqlite3';

/** sqlite3's Backup object; its type declarations leave it out. */
interface SqliteBackup {
  step(pages: number, callback: (error: Error | null, done: boolean) => void): void;
  finish(callback: () => void): void;
}

interface BackupCapable {
  backup(destination: string, callback: (error: Error | null) => void): SqliteBackup;
}

export interface SqliteConnection {
  exec(sql: string): Promise<void>;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Copies the whole database into `destination` with SQLite's online backup API. */
  backupTo(destination: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens an existing file (never creates one). Read-write even to only read:
 * a read-only connection that is the last to close leaves the -wal and -shm
 * files behind. `busyTimeoutMs` 0 makes a lock held by another connection
 * fail at once instead of waiting.
 */
export async function openSqlite(file: string, o: { busyTimeoutMs: number }): Promise<SqliteConnection> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (e) => (e ? reject(e) : resolve(opened)));
  });
  db.configure('busyTimeout', o.busyTimeoutMs);
  return {
    exec: (sql) => new Promise((resolve, reject) => db.exec(sql, (e) => (e ? reject(e) : resolve()))),
    all: <T>(sql: string, params: unknown[] = []) =>
      new Promise<T[]>((resolve, reject) => db.all(sql, params, (e, rows) => (e ? reject(e) : resolve(rows as T[])))),
    backupTo: (destination) => copyAllPages(db as unknown as BackupCapable, destination),
    close: () => new Promise((resolve, reject) => db.close((e) => (e ? reject(e) : resolve()))),
  };
}

/** How often a step refused by a momentary lock is tried again, and the pause between tries. */
const STEP_ATTEMPTS = 50;
const STEP_RETRY_MS = 100;

/**
 * One step of -1 pages copies everything inside a single read transaction:
 * in WAL mode that is a consistent snapshot which never blocks the writers,
 * while a copy in smaller steps restarts whenever another connection writes,
 * and may never finish under steady writes. SQLITE_BUSY/LOCKED leave the
 * backup open (sqlite3's retryErrors), so such a step is simply repeated.
 */
async function copyAllPages(db: BackupCapable, destination: string): Promise<void> {
  let backup: SqliteBackup | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      backup = db.backup(destination, (e) => (e ? reject(e) : resolve()));
    });
    for (let attempt = 1; ; attempt++) {
      try {
        const done = await new Promise<boolean>((resolve, reject) => backup!.step(-1, (e, finished) => (e ? reject(e) : resolve(finished))));
        if (!done) throw new Error('the online backup stopped before copying every page');
        return;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if ((code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') || attempt === STEP_ATTEMPTS) throw e;
        await new Promise((resolve) => setTimeout(resolve, STEP_RETRY_MS));
      }
    }
  } finally {
    if (backup) await new Promise<void>((resolve) => backup!.finish(resolve));
  }
}
