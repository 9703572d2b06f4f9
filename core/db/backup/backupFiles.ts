/**
 * The names of backup files: `forja-YYYYMMDD-HHMMSSmmm.db` (an SQLite copy)
 * or `.sql` (a MariaDB/MySQL dump) in UTC, so that sorting the names sorts
 * the backups by time. Only files with exactly this shape are ever counted or
 * removed by retention, and retention counts one kind at a time.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

/** `db`: a copy of the embedded SQLite database; `sql`: a dump of a MariaDB/MySQL database. */
export type BackupKind = 'db' | 'sql';

const BACKUP_NAME = /^forja-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(\d{3})\.(db|sql)$/;

export interface BackupFileInfo {
  /** Absolute path. */
  file: string;
  name: string;
  kind: BackupKind;
  bytes: number;
  /** When the backup was taken, read from its name. */
  takenAt: Date;
}

/** `20261123-142501007`: a UTC instant to the millisecond, in a form that sorts. */
export function timestamp(at: Date): string {
  const iso = at.toISOString(); // 2026-11-23T14:25:01.007Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}${iso.slice(20, 23)}`;
}

export function backupFileName(at: Date, kind: BackupKind = 'db'): string {
  return `forja-${timestamp(at)}.${kind}`;
}

/**
 * The backup files in `dir` (of one kind when given), newest first; none when
 * it does not exist. Other files, folders and links are left out.
 */
export async function listBackups(dir: string, kind?: BackupKind): Promise<BackupFileInfo[]> {
  const names = await readdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  const found: BackupFileInfo[] = [];
  for (const name of names) {
    const m = BACKUP_NAME.exec(name);
    if (!m || (kind && m[8] !== kind)) continue;
    const file = path.join(dir, name);
    const stats = await lstat(file);
    if (!stats.isFile()) continue;
    const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number) as number[];
    found.push({ file, name, kind: m[8] as BackupKind, bytes: stats.size, takenAt: new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!, ms!)) });
  }
  return found.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}
