/**
 * Puts a backup in place of the live SQLite database. Every check comes
 * first — the database is not in use, the backup is a sound Forja database —
 * and nothing is touched until all have passed. The current database is kept
 * beside it as `<file>.pre-restore-<timestamp>`.
 */
import { randomUUID } from 'node:crypto';
import { chmod, copyFile, link, mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/index.js';
import { timestamp } from './backupFiles.js';
import { isFile, removeWithSidecars, SIDECARS, syncDir, syncFile } from './durableFiles.js';
import { openSqlite, type SqliteConnection } from './sqliteConnection.js';
import { verifyCopy } from './verifyCopy.js';
import { OWNER_ONLY } from '../ownerOnlyFile.js';

export interface RestoreOptions {
  backupFile: string;
  /** The live database file to replace (it need not exist yet). */
  sqliteFile: string;
  /** The time the kept-aside name records; now by default. */
  now?: Date;
}

export interface RestoreResult {
  /** Absolute path of the restored database. */
  sqliteFile: string;
  /** Where the database it replaced was kept; absent when there was none. */
  previous?: string;
}

export async function restoreDatabase(o: RestoreOptions): Promise<RestoreResult> {
  const backupFile = path.resolve(o.backupFile);
  const sqliteFile = path.resolve(o.sqliteFile);
  if (backupFile === sqliteFile) throw ValidationError.field('backupFile', 'is the live database itself');
  if (!(await isFile(backupFile))) throw new NotFoundError(`backup file not found: ${backupFile}`);
  const dir = path.dirname(sqliteFile);
  await mkdir(dir, { recursive: true });

  const copy = path.join(dir, `.${path.basename(sqliteFile)}.restoring-${randomUUID()}`);
  let live: SqliteConnection | undefined;
  try {
    await copyFile(backupFile, copy);
    // A copy takes its source's mode, and a backup made by an older version may be readable by all.
    await chmod(copy, OWNER_ONLY);
    await verifyCopy(copy, { field: 'backupFile', copiedFrom: backupFile, requireForjaSchema: true });
    await syncFile(copy);
    // Locked only now, for the few file operations of the swap: see lockExclusively.
    if (await isFile(sqliteFile)) live = await lockExclusively(sqliteFile);
    const previous = `${sqliteFile}.pre-restore-${timestamp(o.now ?? new Date())}`;
    if (live) await keepAside(live, sqliteFile, previous);
    else await moveSidecars(sqliteFile, previous); // journal files left by a database that is gone
    await rename(copy, sqliteFile);
    await syncDir(dir);
    return live ? { sqliteFile, previous } : { sqliteFile };
  } finally {
    await live?.close();
    await removeWithSidecars(copy);
  }
}

/**
 * A running server keeps its SQLite connections open, and in WAL mode every
 * open connection holds a shared lock on the file until it closes (also when
 * a process dies: the OS drops its locks). So an exclusive lock taken without
 * waiting succeeds only when nobody has the database open. It is held as
 * briefly as possible: a server starting meanwhile waits on it, and would
 * then find itself on the file just kept aside.
 */
async function lockExclusively(sqliteFile: string): Promise<SqliteConnection> {
  let db: SqliteConnection | undefined;
  try {
    db = await openSqlite(sqliteFile, { busyTimeoutMs: 0 });
    await db.exec('PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;');
    return db;
  } catch (e) {
    await db?.close().catch(() => undefined);
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new ConflictError(`${sqliteFile} is in use (a Forja server or another program has it open): stop the server before restoring`);
    }
    throw ValidationError.field(
      'sqliteFile',
      `cannot check that nobody uses ${sqliteFile} (${(e as Error).message}); stop the server and move the file aside yourself`,
    );
  }
}

/**
 * Leaving WAL mode folds the -wal file into the database file, so the kept
 * file stands alone; its other journal files move with it, because a stale
 * -wal or -shm beside the restored file would be read as part of it.
 */
async function keepAside(live: SqliteConnection, sqliteFile: string, previous: string): Promise<void> {
  const [mode] = await live.all<{ journal_mode: string }>('PRAGMA journal_mode=DELETE');
  if (mode?.journal_mode !== 'delete')
    throw new Error(`could not fold the write-ahead log of ${sqliteFile} into it (journal mode stays ${mode?.journal_mode})`);
  // A link, not a rename: the live name never goes missing before the backup replaces it.
  await link(sqliteFile, previous);
  await moveSidecars(sqliteFile, previous);
}

async function moveSidecars(from: string, to: string): Promise<void> {
  for (const suffix of SIDECARS) {
    await rename(from + suffix, to + suffix).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }
}
