/**
 * A MariaDB/MySQL database the backup tools reach: from a DATABASE_URL /
 * DATASOURCE_<NAME>_URL, or from a running platform's datasource. The
 * password travels only in this object and in the owner-only options file
 * the client programs read (see mariadbClient.ts); `describe` never shows it.
 */
import type { Sequelize } from 'sequelize';
import { ValidationError } from '../../errors/index.js';

export interface ServerDatabase {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export const MYSQL_DEFAULT_PORT = 3306;

export function serverDatabaseFromUrl(url: string, field = 'DATABASE_URL'): ServerDatabase {
  const parsed = new URL(url);
  const scheme = parsed.protocol.replace(/:$/, '');
  if (scheme !== 'mysql' && scheme !== 'mariadb') {
    throw ValidationError.field(
      field,
      `selects ${scheme}: db:backup and db:restore handle SQLite and MariaDB/MySQL; back up ${scheme} with its own tools (Data Pump or RMAN for Oracle)`,
    );
  }
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : MYSQL_DEFAULT_PORT,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
  };
}

/** The database a running platform's MariaDB/MySQL datasource is connected to. */
export function serverDatabaseOf(sequelize: Sequelize): ServerDatabase {
  const c = sequelize.config;
  return {
    host: c.host ?? 'localhost',
    port: c.port ? Number(c.port) : MYSQL_DEFAULT_PORT,
    user: c.username,
    password: c.password ?? '',
    database: c.database,
  };
}

/** `forja` on db.example:3306, for messages: no user, no password. */
export function describe(db: ServerDatabase): string {
  return `\`${db.database}\` on ${db.host}:${db.port}`;
}
