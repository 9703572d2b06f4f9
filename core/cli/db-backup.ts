/**
 * `npm run db:backup [-- --dest <folder>] [--retention N]`
 *
 * An online backup of the embedded SQLite database (safe while the server
 * runs) into `<folder>` — a folder inside DATA_DIR (default `backups`) or an
 * absolute path — keeping the newest N backups there (default 7).
 */
import path from 'node:path';
import { backupDatabase, resolveBackupDir } from '../db/backup/index.js';
import { formatBytes, runSqliteCommand, UserError } from './sqliteCommand.js';

const USAGE = 'usage: npm run db:backup [-- --dest <folder inside DATA_DIR, or an absolute path>] [--retention <N ≥ 1>]';
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

await runSqliteCommand(async ({ config, sqliteFile, defaultBackupDir }) => {
  const args = parseArgs(process.argv.slice(2));
  const destDir = args.dest === undefined ? defaultBackupDir : path.isAbsolute(args.dest) ? args.dest : resolveBackupDir(config.dataDir, args.dest);
  const result = await backupDatabase({ sqliteFile, destDir, retention: args.retention });
  console.log(`backup written: ${result.file} (${formatBytes(result.bytes)})`);
  for (const file of result.removed) console.log(`removed by retention (keeps ${args.retention}): ${file}`);
  return 0;
});
