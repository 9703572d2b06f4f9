/**
 * `npm run db:backup [-- --dest <folder>] [--retention N] [--datasource <name>]`
 *
 * A backup taken while the server runs, into `<folder>` — a folder inside
 * DATA_DIR (default `backups`, `backups/<name>` for a named datasource) or an
 * absolute path — keeping the newest N backups of that kind there (default 7):
 * an online copy of the embedded SQLite database (`forja-….db`), or a
 * consistent dump of a MariaDB/MySQL database made with mariadb-dump or
 * mysqldump (`forja-….sql`).
 */
import path from 'node:path';
import { backupDatabase, dumpDatabase, resolveBackupDir } from '../db/backup/index.js';
import { DATASOURCE_USAGE, formatBytes, runDatabaseCommand, UserError } from './databaseCommand.js';

const USAGE = `usage: npm run db:backup [-- --dest <folder inside DATA_DIR, or an absolute path>] [--retention <N ≥ 1>] ${DATASOURCE_USAGE}`;
const DEFAULT_RETENTION = 7;

interface BackupArgs {
  dest?: string;
  retention: number;
}

function parseArgs(args: readonly string[]): BackupArgs {
  const parsed: BackupArgs = { retention: DEFAULT_RETENTION };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? args[++i];
    if (value === undefined || (flag !== '--dest' && flag !== '--retention')) throw new UserError(USAGE);
    if (flag === '--dest') parsed.dest = value;
    else if (/^\d+$/.test(value)) parsed.retention = Number(value);
    else throw new UserError(`--retention must be a whole number of at least 1, not "${value}"\n${USAGE}`);
  }
  return parsed;
}

await runDatabaseCommand(async ({ config, args: typed, database, defaultBackupDir }) => {
  const args = parseArgs(typed);
  const destDir = args.dest === undefined ? defaultBackupDir : path.isAbsolute(args.dest) ? args.dest : resolveBackupDir(config.dataDir, args.dest);
  const target = { destDir, retention: args.retention };
  const result =
    database.kind === 'sqlite'
      ? await backupDatabase({ ...target, sqliteFile: database.sqliteFile })
      : await dumpDatabase({ ...target, server: database.server });
  console.log(`backup written: ${result.file} (${formatBytes(result.bytes)})`);
  for (const file of result.removed) console.log(`removed by retention (keeps ${args.retention}): ${file}`);
  return 0;
});
