/**
 * Checks a private copy of a database that is about to count as a backup or
 * to replace the live database: SQLite's own integrity check, no dangling
 * references and, when asked, proof that it is a Forja database (its
 * migrations table). The copy is first switched to rollback-journal mode so
 * it stands alone as one file, with no -wal file needed beside it.
 */
import { open } from 'node:fs/promises';
import { ValidationError } from '../../errors/index.js';
import { MIGRATIONS_TABLE } from '../migrations/index.js';
import { openSqlite, type SqliteConnection } from './sqliteConnection.js';

const SQLITE_HEADER = 'SQLite format 3\u0000';

/**
 * Problems are a ValidationError on `field` (the caller's parameter) naming
 * `copiedFrom`, the file the caller knows, rather than the private copy.
 */
export async function verifyCopy(file: string, o: { field: string; copiedFrom: string; requireForjaSchema: boolean }): Promise<void> {
  const refuse = (message: string) => ValidationError.field(o.field, `${o.copiedFrom} ${message}`);
  if (!(await hasSqliteHeader(file))) throw refuse('is not an SQLite database');
  let db: SqliteConnection;
  try {
    db = await openSqlite(file, { busyTimeoutMs: 0 });
  } catch (e) {
    throw refuse(`cannot be opened as an SQLite database (${(e as Error).message})`);
  }
  try {
    await db.exec('PRAGMA journal_mode=DELETE').catch((e: Error) => {
      throw refuse(`cannot be read as an SQLite database (${e.message})`);
    });
    const integrity = await db.all<{ integrity_check: string }>('PRAGMA integrity_check').catch((e: Error) => [{ integrity_check: e.message }]);
    const problems = integrity.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    if (problems.length) throw refuse(`fails SQLite's integrity check: ${problems.slice(0, 3).join('; ')}`);
    const dangling = await db.all<{ table: string }>('PRAGMA foreign_key_check');
    if (dangling.length) {
      const tables = [...new Set(dangling.map((r) => r.table))].join(', ');
      throw refuse(`has ${dangling.length} row(s) referring to rows that do not exist (in ${tables})`);
    }
    if (o.requireForjaSchema) {
      const [found] = await db.all<{ n: number }>("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE]);
      if (!found?.n) throw refuse(`is not a Forja database (it has no ${MIGRATIONS_TABLE} table)`);
    }
  } finally {
    await db.close();
  }
}

async function hasSqliteHeader(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER.length);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return bytesRead === buffer.length && buffer.toString('latin1') === SQLITE_HEADER;
  } finally {
    await handle.close();
  }
}
