/**
 * What db:backup and db:restore share: the configuration, the refusal of
 * server databases, and user errors printed as messages (exit 1) instead of
 * stack traces.
 */
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { embeddedSqliteFile } from '../db/connect.js';
import { AppError } from '../errors/index.js';

export interface SqliteTarget {
  config: Config;
  sqliteFile: string;
  /** The folder backups go to when none is given. */
  defaultBackupDir: string;
  /** Resolves a path typed by the user against the folder they ran npm from. */
  userPath(typed: string): string;
}

export const DEFAULT_BACKUP_FOLDER = 'backups';

export async function runSqliteCommand(command: (target: SqliteTarget) => Promise<number>): Promise<void> {
  try {
    const config = loadConfig();
    if (config.databaseUrl) {
      const scheme = new URL(config.databaseUrl).protocol.replace(/:$/, '');
      throw new UserError(
        `DATABASE_URL selects a database server (${scheme}); db:backup and db:restore handle the embedded SQLite database only. ` +
          "Use that database's own tools (mysqldump/mariadb-backup for MySQL and MariaDB, Data Pump or RMAN for Oracle).",
      );
    }
    // npm runs scripts from the project root; INIT_CWD is where the user typed the command.
    const typedFrom = process.env.INIT_CWD ?? process.cwd();
    process.exitCode = await command({
      config,
      sqliteFile: embeddedSqliteFile(config.dataDir),
      defaultBackupDir: path.join(config.dataDir, DEFAULT_BACKUP_FOLDER),
      userPath: (typed) => path.resolve(typedFrom, typed),
    });
  } catch (e) {
    const known = e instanceof AppError || e instanceof ConfigError || e instanceof UserError;
    process.stderr.write(`${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
    process.exitCode = 1;
  }
}

/** A problem with how the command was called: printed as is. */
export class UserError extends Error {}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
