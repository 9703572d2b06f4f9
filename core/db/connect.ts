import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Sequelize, type Options } from 'sequelize';
import type { SqlDialect } from '../plugin/types.js';

export interface DatasourceConfig {
  name: string;
  /** `sqlite:<file>` is not used: SQLite datasources give a file path instead. */
  url?: string;
  sqliteFile?: string;
}

export interface Datasource {
  name: string;
  dialect: SqlDialect;
  sequelize: Sequelize;
}

/** SQLite waits this long for a lock held by another connection before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export async function connectDatasource(config: DatasourceConfig, logging: Options['logging'] = false): Promise<Datasource> {
  const sequelize = config.sqliteFile ? sqlite(config.sqliteFile, logging) : fromUrl(config.url!, logging);
  await sequelize.authenticate();
  const dialect = sequelize.getDialect() === 'mariadb' ? 'mysql' : (sequelize.getDialect() as SqlDialect);
  if (dialect === 'sqlite') await sequelize.query('PRAGMA journal_mode=WAL');
  return { name: config.name, dialect, sequelize };
}

function sqlite(file: string, logging: Options['logging']): Sequelize {
  mkdirSync(path.dirname(file), { recursive: true });
  return new Sequelize({
    dialect: 'sqlite',
    storage: file,
    logging,
    define: { timestamps: false, freezeTableName: true },
    hooks: {
      // Every connection (Sequelize opens one per transaction) waits for locks and syncs sanely under WAL.
      afterConnect: async (connection: unknown) => {
        const db = connection as { configure(option: 'busyTimeout', ms: number): void; exec(sql: string, cb: (e: Error | null) => void): void };
        db.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
        await new Promise<void>((resolve, reject) => db.exec('PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;', (e) => (e ? reject(e) : resolve())));
      },
    },
  });
}

function fromUrl(url: string, logging: Options['logging']): Sequelize {
  const parsed = new URL(url);
  const scheme = parsed.protocol.replace(/:$/, '');
  const dialect = scheme === 'mariadb' ? 'mysql' : scheme;
  if (dialect !== 'mysql' && dialect !== 'oracle') throw new Error(`unsupported database "${scheme}" (use mysql://, mariadb:// or oracle://)`);
  const options: Options = {
    dialect,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : undefined,
    username: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    logging,
    define: { timestamps: false, freezeTableName: true },
    pool: { max: 10, min: 0, idle: 10_000 },
  };
  if (dialect === 'oracle') options.dialectOptions = { connectString: `${parsed.hostname}:${parsed.port || 1521}/${options.database}` };
  if (dialect === 'mysql') options.dialectOptions = { dateStrings: false, supportBigNumbers: true };
  return new Sequelize(options);
}
