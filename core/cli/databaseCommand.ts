/**
 * What db:backup and db:restore share: the configuration, which database a
 * command works on (the embedded SQLite file, or the MariaDB/MySQL database
 * of DATABASE_URL or of a named datasource's DATASOURCE_<NAME>_URL), and user
 * errors printed as messages (exit 1) instead of stack traces.
 */
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { embeddedSqliteFile } from '../db/connect.js';
import { serverDatabaseFromUrl, type ServerDatabase } from '../db/backup/index.js';
import { AppError } from '../errors/index.js';

export type DatabaseTarget = { kind: 'sqlite'; sqliteFile: string } | { kind: 'server'; server: ServerDatabase };

export interface CommandContext {
  config: Config;
  /** The arguments left once `--datasource <name>` is taken out. */
  args: string[];
  database: DatabaseTarget;
  /** The folder backups go to when none is given: `backups`, or `backups/<datasource>` for a named one. */
  defaultBackupDir: string;
  /** Resolves a path typed by the user against the folder they ran npm from. */
  userPath(typed: string): string;
}

export const DEFAULT_BACKUP_FOLDER = 'backups';
export const DATASOURCE_USAGE = '[--datasource <name>]';

export async function runDatabaseCommand(command: (context: CommandContext) => Promise<number>): Promise<void> {
  try {
    const config = loadConfig();
    const { datasource, args } = takeDatasource(process.argv.slice(2));
    // npm runs scripts from the project root; INIT_CWD is where the user typed the command.
    const typedFrom = process.env.INIT_CWD ?? process.cwd();
    process.exitCode = await command({
      config,
      args,
      database: targetOf(config, datasource),
      defaultBackupDir: path.join(config.dataDir, DEFAULT_BACKUP_FOLDER, ...(datasource ? [datasource] : [])),
      userPath: (typed) => path.resolve(typedFrom, typed),
    });
  } catch (e) {
    const known = e instanceof AppError || e instanceof ConfigError || e instanceof UserError;
    process.stderr.write(`${known ? (e as Error).message : ((e as Error).stack ?? String(e))}\n`);
    process.exitCode = 1;
  }
}

/** `--datasource laser` / `--datasource=laser` anywhere among the arguments; absent or `default` is the default database. */
function takeDatasource(all: readonly string[]): { datasource?: string; args: string[] } {
  const args: string[] = [];
  let datasource: string | undefined;
  for (let i = 0; i < all.length; i++) {
    const [flag, inline] = all[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag !== '--datasource') {
      args.push(all[i]!);
      continue;
    }
    const value = inline ?? all[++i];
    if (!value || !/^[a-z][a-z0-9_]*$/.test(value))
      throw new UserError(`--datasource needs a datasource name such as "laser" (DATASOURCE_LASER_URL), not "${value ?? ''}"`);
    datasource = value === 'default' ? undefined : value;
  }
  return datasource ? { datasource, args } : { args };
}

function targetOf(config: Config, datasource: string | undefined): DatabaseTarget {
  if (datasource) {
    const url = config.datasourceUrls[datasource];
    if (!url) {
      throw new UserError(
        `DATASOURCE_${datasource.toUpperCase()}_URL is not set, so the "${datasource}" datasource uses the default database: back that one up (leave out --datasource)`,
      );
    }
    return { kind: 'server', server: serverDatabaseFromUrl(url, `DATASOURCE_${datasource.toUpperCase()}_URL`) };
  }
  if (config.databaseUrl) return { kind: 'server', server: serverDatabaseFromUrl(config.databaseUrl) };
  return { kind: 'sqlite', sqliteFile: embeddedSqliteFile(config.dataDir) };
}

/** A problem with how the command was called: printed as is. */
export class UserError extends Error {}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
