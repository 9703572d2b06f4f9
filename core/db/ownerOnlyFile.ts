/**
 * Database files and their backups hold password hashes and every record:
 * readable by the server's own user only, like the auth secret.
 */
import { chmodSync, closeSync, openSync } from 'node:fs';
import { SIDECARS } from './backup/durableFiles.js';

export const OWNER_ONLY = 0o600;

/**
 * Creates an SQLite file empty and owner-only, or narrows one made by an older
 * version; SQLite gives the -wal and -shm files it creates the database file's
 * mode, and those an older version left are narrowed too.
 */
export function keepSqliteFileOwnerOnly(file: string): void {
  closeSync(openSync(file, 'a', OWNER_ONLY));
  chmodSync(file, OWNER_ONLY);
  for (const suffix of SIDECARS) {
    try {
      chmodSync(file + suffix, OWNER_ONLY);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}
