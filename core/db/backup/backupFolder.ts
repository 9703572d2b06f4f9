/**
 * What every backup does with its folder, whatever database it copies: a
 * hidden owner-only temporary file filled and verified by the caller, then
 * given its final name in one atomic step, then retention.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ValidationError } from '../../errors/index.js';
import { OWNER_ONLY } from '../ownerOnlyFile.js';
import { backupFileName, listBackups, type BackupKind } from './backupFiles.js';
import { removeWithSidecars, syncDir, syncFile } from './durableFiles.js';

export interface BackupResult {
  /** Absolute path of the new backup. */
  file: string;
  bytes: number;
  /** Older backups removed by retention (absolute paths). */
  removed: string[];
}

export interface BackupTarget {
  /** Where backups are kept; created when missing. */
  destDir: string;
  /** How many backups of this kind to keep in destDir, this one included (≥ 1). */
  retention: number;
  /** The time the backup's name records; now by default. */
  now?: Date;
}

/** Checks what a backup is asked to do before any work is done; returns the time its name records. */
export function checkBackupTarget(o: BackupTarget): Date {
  if (!Number.isInteger(o.retention) || o.retention < 1) throw ValidationError.field('retention', 'must be a whole number of at least 1');
  const at = o.now ?? new Date();
  if (Number.isNaN(at.getTime())) throw ValidationError.field('now', 'is not a valid date');
  return at;
}

/**
 * `fill` writes and verifies the backup into the (empty, owner-only) temporary
 * file it is given; only a file it accepted ever gets a backup's name.
 */
export async function writeBackupFile(o: BackupTarget, kind: BackupKind, fill: (temp: string) => Promise<void>): Promise<BackupResult> {
  const at = checkBackupTarget(o);
  const destDir = path.resolve(o.destDir);
  await ensureFolder(destDir);
  // Not shaped like a backup's name, so retention never counts or removes it.
  const temp = path.join(destDir, `.forja-backup-${randomUUID()}.tmp`);
  try {
    // Made owner-only before anything is written into it; the final name is a link to the same file.
    await writeFile(temp, '', { mode: OWNER_ONLY, flag: 'wx' });
    await fill(temp);
    await syncFile(temp);
    const file = await claimName(temp, destDir, at, kind);
    await syncDir(destDir);
    const { size } = await stat(file);
    return { file, bytes: size, removed: await applyRetention(destDir, file, kind, o.retention) };
  } finally {
    await removeWithSidecars(temp);
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
async function claimName(temp: string, dir: string, at: Date, kind: BackupKind): Promise<string> {
  for (let offset = 0; ; offset++) {
    const file = path.join(dir, backupFileName(new Date(at.getTime() + offset), kind));
    try {
      await link(temp, file);
      return file;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
}

/** Keeps `kept` (the backup just made) and the newest others of its kind up to `retention` in all. */
async function applyRetention(dir: string, kept: string, kind: BackupKind, retention: number): Promise<string[]> {
  const older = (await listBackups(dir, kind)).filter((b) => b.file !== kept).slice(retention - 1);
  for (const backup of older) await rm(backup.file, { force: true });
  return older.map((b) => b.file);
}
