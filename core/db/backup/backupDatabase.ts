/**
 * A backup of the live SQLite database, taken while the platform keeps
 * writing: SQLite's online backup from a connection of its own into a hidden
 * temporary file, verified, then given its final name in one atomic step.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import { backupFileName, listBackups } from './backupFiles.js';
import { removeWithSidecars, syncDir, syncFile } from './durableFiles.js';
import { openSqlite } from './sqliteConnection.js';
import { verifyCopy } from './verifyCopy.js';
import { OWNER_ONLY } from '../ownerOnlyFile.js';

export interface BackupOptions {
  /** The live database file. */
  sqliteFile: string;
  /** Where backups are kept; created when missing. */
  destDir: string;
  /** How many backups to keep in destDir, this one included (≥ 1). */
  retention: number;
  /** The time the backup's name records; now by default. */
  now?: Date;
}

export interface BackupResult {
  /** Absolute path of the new backup. */
  file: string;
  bytes: number;
  /** Older backups removed by retention (absolute paths). */
  removed: string[];
}

/** Waits this long for a lock held by a writer, like the platform's own connections. */
const SOURCE_BUSY_TIMEOUT_MS = 10_000;

export async function backupDatabase(o: BackupOptions): Promise<BackupResult> {
  if (!Number.isInteger(o.retention) || o.retention < 1) throw ValidationError.field('retention', 'must be a whole number of at least 1');
  const at = o.now ?? new Date();
  if (Number.isNaN(at.getTime())) throw ValidationError.field('now', 'is not a valid date');
  const sqliteFile = path.resolve(o.sqliteFile);
  if (!(await isFile(sqliteFile))) throw new NotFoundError(`database file not found: ${sqliteFile}`);
  const destDir = path.resolve(o.destDir);
  await ensureFolder(destDir);

  // Not shaped like a backup's name, so retention never counts or removes it.
  const temp = path.join(destDir, `.forja-backup-${randomUUID()}.tmp`);
  try {
    // Made owner-only before SQLite writes a page into it; the final name is a link to the same file.
    await writeFile(temp, '', { mode: OWNER_ONLY, flag: 'wx' });
    await copyOnline(sqliteFile, temp);
    await verifyCopy(temp, { field: 'sqliteFile', copiedFrom: `the backup of ${sqliteFile}`, requireForjaSchema: false });
    await syncFile(temp);
    const file = await claimName(temp, destDir, at);
    await syncDir(destDir);
    const { size } = await stat(file);
    return { file, bytes: size, removed: await applyRetention(destDir, file, o.retention) };
  } finally {
    await removeWithSidecars(temp);
  }
}

async function copyOnline(sqliteFile: string, destination: string): Promise<void> {
  const source = await openSqlite(sqliteFile, { busyTimeoutMs: SOURCE_BUSY_TIMEOUT_MS }).catch((e: Error) => {
    throw ValidationError.field('sqliteFile', `cannot open ${sqliteFile} (${e.message})`);
  });
  try {
    await source.backupTo(destination);
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
      throw ValidationError.field('sqliteFile', `${sqliteFile} is not a readable SQLite database (${code})`);
    if (['SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_FULL'].includes(code)) {
      throw ValidationError.field('destDir', `cannot write the backup into ${path.dirname(destination)} (${code})`);
    }
    throw e;
  } finally {
    await source.close();
  }
}

async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    // Proves the folder is writable before any work is done, whoever the process runs as.
    const probe = path.join(dir, `.forja-write-test-${randomUUID()}`);
    await writeFile(probe, '', { flag: 'wx' });
    await rm(probe);
  } catch (e) {
    throw ValidationError.field('destDir', `cannot use ${dir} as the backup folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/**
 * The name records the time; a second backup in the same millisecond takes
 * the next free millisecond. A hard link never replaces an existing file,
 * unlike rename, so no backup can overwrite another.
 */
async function claimName(temp: string, dir: string, at: Date): Promise<string> {
  for (let offset = 0; ; offset++) {
    const file = path.join(dir, backupFileName(new Date(at.getTime() + offset)));
    try {
      await link(temp, file);
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Keeps `kept` (the backup just made) and the newest others up to `retention` in all. */
async function applyRetention(dir: string, kept: string, retention: number): Promise<string[]> {
  const older = (await listBackups(dir)).filter((b) => b.file !== kept).slice(retention - 1);
  for (const backup of older) await rm(backup.file, { force: true });
  return older.map((b) => b.file);
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
