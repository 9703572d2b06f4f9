/**
 * `npm run db:restore -- [--datasource <name>] <backup file>`
 *
 * Replaces the database with a backup, after checking it; the server must be
 * stopped. The embedded SQLite database is kept beside it as
 * `forja.db.pre-restore-<timestamp>`; a MariaDB/MySQL database's tables move
 * to the database `<name>_prerestore_<timestamp>` (see restoreServerDatabase).
 * Without a file, lists the backups in the default backup folder.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { listBackups, restoreDatabase, restoreServerDatabase } from '../db/backup/index.js';
import { DATASOURCE_USAGE, formatBytes, runDatabaseCommand, UserError, type CommandContext } from './databaseCommand.js';

const USAGE = `usage: npm run db:restore -- ${DATASOURCE_USAGE} <backup file>   (stop the server first)`;

await runDatabaseCommand(async (context) => {
  const { args, database } = context;
  if (args.length === 0) return listAvailable(context);
  if (args.length > 1 || args[0]!.startsWith('-')) throw new UserError(USAGE);
  const backupFile = locate(args[0]!, context);
  if (database.kind === 'sqlite') {
    const { previous } = await restoreDatabase({ backupFile, sqliteFile: database.sqliteFile });
    console.log(`restored ${backupFile} into ${database.sqliteFile}`);
    if (previous) console.log(`the database it replaced is kept as ${previous}`);
  } else {
    const { database: restored, previous } = await restoreServerDatabase({ backupFile, server: database.server });
    console.log(`restored ${backupFile} into ${restored}`);
    if (previous) console.log(`the tables it replaced are kept in the database ${previous}`);
  }
  return 0;
});

/** A path as typed, or the bare name of a backup in the default folder. */
function locate(typed: string, context: CommandContext): string {
  const asTyped = context.userPath(typed);
  const inBackups = path.join(context.defaultBackupDir, typed);
  return !existsSync(asTyped) && path.basename(typed) === typed && existsSync(inBackups) ? inBackups : asTyped;
}

/** The backups this database can be restored from: copies for SQLite, dumps for a server. */
async function listAvailable({ database, defaultBackupDir: dir }: CommandContext): Promise<number> {
  const backups = await listBackups(dir, database.kind === 'sqlite' ? 'db' : 'sql');
  if (backups.length === 0) console.log(`no backups in ${dir}`);
  else {
    console.log(`backups in ${dir}, newest first:`);
    for (const b of backups) console.log(`  ${b.name}  ${b.takenAt.toISOString()}  ${formatBytes(b.bytes)}`);
  }
  console.log(USAGE);
  return 0;
}
