/**
 * `npm run db:restore -- <backup file>`
 *
 * Replaces the embedded SQLite database with a backup, after checking it; the
 * server must be stopped. The current database is kept beside it as
 * `forja.db.pre-restore-<timestamp>`. Without an argument, lists the backups
 * in DATA_DIR/backups.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listBackups, restoreDatabase } from '../db/backup/index.js';
import { formatBytes, runSqliteCommand, UserError, type SqliteTarget } from './sqliteCommand.js';

const USAGE = 'usage: npm run db:restore -- <backup file>   (stop the server first)';

await runSqliteCommand(async (target) => {
  const args = process.argv.slice(2);
  if (args.length === 0) return listAvailable(target.defaultBackupDir);
  if (args.length > 1 || args[0]!.startsWith('-')) throw new UserError(USAGE);
  const backupFile = locate(args[0]!, target);
  const { previous } = await restoreDatabase({ backupFile, sqliteFile: target.sqliteFile });
  console.log(`restored ${backupFile} into ${target.sqliteFile}`);
  if (previous) console.log(`the database it replaced is kept as ${previous}`);
  return 0;
});

/** A path as typed, or the bare name of a backup in the default folder. */
function locate(typed: string, target: SqliteTarget): string {
  const asTyped = target.userPath(typed);
  const inBackups = path.join(target.defaultBackupDir, typed);
  return !existsSync(asTyped) && path.basename(typed) === typed && existsSync(inBackups) ? inBackups : asTyped;
}

async function listAvailable(dir: string): Promise<number> {
  const backups = await listBackups(dir);
  if (backups.length === 0) console.log(`no backups in ${dir}`);
  else {
    console.log(`backups in ${dir}, newest first:`);
    for (const b of backups) console.log(`  ${b.name}  ${b.takenAt.toISOString()}  ${formatBytes(b.bytes)}`);
  }
  console.log(USAGE);
  return 0;
}
