import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Sequelize, Transaction, type Options } from 'sequelize';
import type { SqlDialect } from '../plugin/types.js';
import { keepSqliteFileOwnerOnly } from './ownerOnlyFile.js';
import { setTableText } from './schema/ddl.js';

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
  /** The database file of an embedded SQLite datasource; absent for database servers. */
  sqliteFile?: string;
  /**
   * Runs `work` in a write transaction; see WriteQueue for SQLite. On a server a
   * transaction the database chose as a deadlock victim (rolled back whole) runs again.
   */
  writeTransaction<T>(work: (t: Transaction) => Promise<T>): Promise<T>;
  /** Waits for queued writes to finish, then closes the connections. */
  close(): Promise<void>;
}

/** The embedded database's file inside the data folder. */
export function embeddedSqliteFile(dataDir: string): string {
  return path.join(dataDir, 'forja.db');
}

/** SQLite waits this long for a lock held by another connection before failing. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export async function connectDatasource(config: DatasourceConfig, logging: Options['logging'] = false): Promise<Datasource> {
  const connections = config.sqliteFile ? new SqliteConnections() : undefined;
  const sequelize = connections ? sqlite(config.sqliteFile!, logging, connections) : fromUrl(config.url!, logging);
  await sequelize.authenticate();
  const dialect = sequelize.getDialect() === 'mariadb' ? 'mysql' : (sequelize.getDialect() as SqlDialect);
  if (dialect === 'sqlite') await sequelize.query('PRAGMA journal_mode=WAL');
  if (dialect === 'mysql') await chooseTableText(sequelize);
  const queue = new WriteQueue(dialect === 'sqlite');
  return {
    name: config.name,
    dialect,
    sequelize,
    ...(config.sqliteFile ? { sqliteFile: config.sqliteFile } : {}),
    writeTransaction: (work) => queue.run(() => againAfterDeadlock(() => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, work))),
    close: async () => {
      await queue.drained();
      await sequelize.close();
      await connections?.allClosed();
    },
  };
}

/**
 * SQLite has one writer at a time. Writers waiting on SQLite's busy handler
 * sleep inside libuv's small thread pool and can starve the writer that holds
 * the lock, so within a process writes queue here instead; the busy timeout
 * is left for other processes. Server databases run writes concurrently.
 */
class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private pending = 0;
  constructor(private readonly serial: boolean) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    this.pending++;
    const result = this.serial ? this.tail.then(work, work) : work();
    const settled = result.finally(() => this.pending--);
    if (this.serial) this.tail = settled.catch(() => undefined);
    return settled;
  }

  async drained(): Promise<void> {
    while (this.pending > 0) await this.tail.catch(() => undefined).then(() => new Promise((r) => setImmediate(r)));
  }
}

/** Deadlocks come in bursts of the same few transactions; past this many rounds something else is wrong. */
const DEADLOCK_ROUNDS = 8;

/**
 * InnoDB resolves a lock cycle by rolling one transaction back entirely
 * (ER_LOCK_DEADLOCK) and expects it to be issued again; concurrent inserts of
 * the same new unique key are enough to cause one. The victim waits a moment,
 * random so the same pair does not meet again at once, and starts over; its
 * afterCommit hooks never ran, so nothing it did outside the database happened.
 */
async function againAfterDeadlock<T>(transaction: () => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await transaction();
    } catch (e) {
      if (round >= DEADLOCK_ROUNDS || !isDeadlock(e)) throw e;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * round));
    }
  }
}

function isDeadlock(e: unknown): boolean {
  const original = (e as { original?: { errno?: number } } | undefined)?.original;
  return original?.errno === 1213;
}

function sqlite(file: string, logging: Options['logging'], connections: SqliteConnections): Sequelize {
  mkdirSync(path.dirname(file), { recursive: true });
  keepSqliteFileOwnerOnly(file);
  const sequelize = new Sequelize({ dialect: 'sqlite', storage: file, logging, define: { timestamps: false, freezeTableName: true } });
  configureEachSqliteConnection(sequelize, connections);
  skipColumnTypeLookups(sequelize);
  return sequelize;
}

/**
 * Before every SELECT, Sequelize's SQLite driver asks `PRAGMA table_info` of
 * each table involved, only to parse values for model instances. Forja reads
 * raw rows and converts them itself (core/db/values), so those lookups —
 * several per request — are skipped.
 */
function skipColumnTypeLookups(sequelize: Sequelize): void {
  sequelize.addHook('beforeQuery', (_options: unknown, query: unknown) => {
    const q = query as { options?: { tableNames?: string[] } };
    if (q.options) q.options.tableNames = [];
  });
}

type SqliteConnection = {
  configure(option: 'busyTimeout', ms: number): void;
  exec(sql: string, cb: (e: Error | null) => void): void;
  once(event: 'close', listener: () => void): void;
  forjaConfigured?: boolean;
};

/**
 * Sequelize closes a transaction's connection without waiting for it. In a
 * job's worker thread a close still pending when the thread ends makes
 * node-sqlite3 call back into a torn-down environment, which aborts the whole
 * process; so closing a datasource waits until every connection it opened is closed.
 */
class SqliteConnections {
  private readonly open = new Set<SqliteConnection>();
  private onIdle: (() => void) | undefined;

  track(connection: SqliteConnection): void {
    this.open.add(connection);
    connection.once('close', () => {
      this.open.delete(connection);
      if (this.open.size === 0) this.onIdle?.();
    });
  }

  /** Resolves once all are closed; gives up after the busy timeout rather than hang a shutdown on a failed close. */
  allClosed(): Promise<void> {
    if (this.open.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, SQLITE_BUSY_TIMEOUT_MS);
      this.onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

/**
 * Sequelize's SQLite driver opens a connection per transaction and runs no
 * connect hooks, so each new connection is configured here: wait for locks
 * instead of failing at once, and the usual WAL durability setting.
 */
function configureEachSqliteConnection(sequelize: Sequelize, connections: SqliteConnections): void {
  const manager = (sequelize as unknown as { connectionManager: { getConnection(o: unknown): Promise<SqliteConnection> } }).connectionManager;
  const open = manager.getConnection.bind(manager);
  manager.getConnection = async (options: unknown) => {
    const connection = await open(options);
    if (!connection.forjaConfigured) {
      connection.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
      await new Promise<void>((resolve, reject) => connection.exec('PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;', (e) => (e ? reject(e) : resolve())));
      connection.forjaConfigured = true;
      connections.track(connection);
    }
    return connection;
  };
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
  // The connection speaks utf8mb4 whatever the server's default (often latin1, or utf8mb3 that cannot hold emoji).
  if (dialect === 'mysql') options.dialectOptions = { dateStrings: false, supportBigNumbers: true, charset: 'UTF8MB4_BIN' };
  if (dialect === 'oracle') return oracle(options, parsed);
  return new Sequelize(options);
}

/**
 * MySQL/MariaDB tables hold utf8mb4 text (all of Unicode, emoji included) and
 * compare it as SQLite does — byte for byte, so case-sensitive, and with no
 * trailing-space padding — for unique constraints, `=` and ORDER BY alike.
 * The first of these collations the server has (MariaDB, MySQL 8, older
 * servers whose only binary one pads) becomes the default of every table
 * Forja creates (setTableText); the server's and
 * the database's own defaults are never relied on.
 */
const TEXT_COLLATIONS = ['utf8mb4_nopad_bin', 'utf8mb4_0900_bin', 'utf8mb4_bin'];

async function chooseTableText(sequelize: Sequelize): Promise<void> {
  const [rows] = await sequelize.query(`SELECT COLLATION_NAME AS name FROM information_schema.COLLATIONS WHERE COLLATION_NAME IN (?)`, {
    replacements: [TEXT_COLLATIONS],
  });
  const available = new Set((rows as { name: string }[]).map((r) => r.name));
  const collate = TEXT_COLLATIONS.find((c) => available.has(c));
  if (!collate) throw new Error('the MySQL/MariaDB server has no utf8mb4 binary collation (utf8mb4_bin); Forja needs utf8mb4');
  setTableText(sequelize, { charset: 'utf8mb4', collate });
}

/**
 * Oracle sessions exchange dates and datetimes as text in one fixed form, as
 * MySQL's run in +00:00: `YYYY-MM-DD` for DATE (a date field) and ISO-8601 UTC
 * for TIMESTAMP WITH LOCAL TIME ZONE (a datetime field), both ways — values
 * are bound as that text (boundSql.ts) and fetched as it (fetchAsString of
 * dates and CLOBs). Nothing then depends on the Node.js process's time zone
 * or the server's NLS defaults (DD-MON-RR would refuse `2031-02-03`).
 */
export const ORACLE_SESSION_SQL = `ALTER SESSION SET TIME_ZONE = '+00:00' NLS_DATE_FORMAT = 'YYYY-MM-DD' NLS_TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.FF3"Z"'`;

function oracle(options: Options, parsed: URL): Sequelize {
  options.dialectOptions = { connectString: `${parsed.hostname}:${parsed.port || 1521}/${options.database}` };
  const sequelize = new Sequelize(options);
  // The driver module Sequelize loaded; fetchAsString is its process-wide setting (Sequelize sets it to CLOB alone).
  const driver = (sequelize as unknown as { connectionManager: { lib: { CLOB: unknown; DATE: unknown; fetchAsString: unknown[] } } }).connectionManager.lib;
  driver.fetchAsString = [driver.CLOB, driver.DATE];
  sequelize.addHook('afterConnect', async (connection: unknown) => {
    await (connection as { execute(sql: string): Promise<unknown> }).execute(ORACLE_SESSION_SQL);
  });
  return sequelize;
}

/** One round trip to the database: rejects when it cannot answer. */
export async function pingDatasource(ds: Datasource): Promise<void> {
  await ds.sequelize.query(ds.dialect === 'oracle' ? 'SELECT 1 FROM DUAL' : 'SELECT 1');
}
