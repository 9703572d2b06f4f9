/**
 * A backup of the live SQLite database, taken while the platform keeps
 * writing: SQLite's online backup from a connection of its own into a hidden
 * temporary file, verified, then given its final name in one atomic step.
 */
import path from 'node:path';
import { NotFoundError, ValidationError } from '../../errors/index.js';
import { isFile } from './durableFiles.js';
import { checkBackupTarget, writeBackupFile, type BackupResult, type BackupTarget } from './backupFolder.js';
import { openSqlite } from './sqliteConnection.js';
import { verifyCopy } from './verifyCopy.js';

export interface BackupOptions extends BackupTarget {
  /** The live database file. */
  sqliteFile: string;
}

/** Waits this long for a lock held by a writer, like the platform's own connections. */
const SOURCE_BUSY_TIMEOUT_MS = 10_000;

export async function backupDatabase(o: BackupOptions): Promise<BackupResult> {
  checkBackupTarget(o);
  const sqliteFile = path.resolve(o.sqliteFile);
  if (!(await isFile(sqliteFile))) throw new NotFoundError(`database file not found: ${sqliteFile}`);
  return writeBackupFile(o, 'db', async (temp) => {
    await copyOnline(sqliteFile, temp);
    await verifyCopy(temp, { field: 'sqliteFile', copiedFrom: `the backup of ${sqliteFile}`, requireForjaSchema: false });
  });
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
