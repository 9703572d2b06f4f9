/**
 * Puts a dump in place of a live MariaDB/MySQL database. A dump is a script
 * that drops and re-creates table after table, so loading it straight into
 * the live database would leave a half-old, half-new database behind when it
 * fails midway. Instead it is loaded into a scratch database beside it, and
 * only once that succeeded are the two swapped with a single RENAME TABLE,
 * which MariaDB and MySQL carry out atomically (all tables or none, and
 * foreign keys follow their tables). The replaced tables are kept in a
 * database of their own, `<database>_prerestore_<timestamp>`, like SQLite's
 * `.pre-restore-` file: to go back, drop the restored tables and rename those
 * back. A failure at any step before the swap leaves the live database as it
 * was and drops the scratch database.
 *
 * Needs the right to create and drop databases named after the live one.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/index.js';
import { MIGRATIONS_TABLE } from '../migrations/index.js';
import { timestamp } from './backupFiles.js';
import { isFile } from './durableFiles.js';
import { CLIENT_PROGRAM, findProgram, runClient } from './mariadbClient.js';
import { describe, type ServerDatabase } from './serverDatabase.js';
import { verifyDump } from './verifyDump.js';

export interface ServerRestoreOptions {
  backupFile: string;
  server: ServerDatabase;
  /** The time the kept-aside name records; now by default. */
  now?: Date;
}

export interface ServerRestoreResult {
  /** The restored database, for messages. */
  database: string;
  /** The database the replaced tables were moved to; absent when the live one had none. */
  previous?: string;
}

/** Database names are at most 64 characters; this leaves room for the suffixes. */
const NAME_PREFIX_LENGTH = 32;

export async function restoreServerDatabase(o: ServerRestoreOptions): Promise<ServerRestoreResult> {
  const program = await findProgram(CLIENT_PROGRAM);
  const backupFile = path.resolve(o.backupFile);
  if (!(await isFile(backupFile))) throw new NotFoundError(`backup file not found: ${backupFile}`);
  await verifyDump(backupFile, { field: 'backupFile', copiedFrom: backupFile, requireForjaSchema: true });
  const server = await connect(o.server);
  let scratch: string | undefined;
  try {
    const charset = await liveCharset(server, o.server);
    await refuseIfInUse(server, o.server);
    await refuseObjectsRenameCannotMove(server, o.server.database, { field: 'DATABASE_URL', what: describe(o.server) });
    scratch = `${o.server.database.slice(0, NAME_PREFIX_LENGTH)}_restoring_${randomBytes(4).toString('hex')}`;
    await createDatabase(server, scratch, charset);
    const restored = await loadInto(server, scratch, { program, backupFile, db: o.server });
    // Checked again: a server may have started while the dump was loading.
    await refuseIfInUse(server, o.server);
    const previous = await swapIn(server, { scratch, restored, charset, db: o.server, at: o.now ?? new Date() });
    return previous ? { database: describe(o.server), previous } : { database: describe(o.server) };
  } finally {
    if (scratch) await server.query(`DROP DATABASE IF EXISTS ${quote(scratch)}`).catch(() => undefined);
    await server.end();
  }
}

/** Loads the dump into the (empty) scratch database with the client program; returns the tables it made. */
async function loadInto(server: mysql.Connection, scratch: string, o: { program: string; backupFile: string; db: ServerDatabase }): Promise<string[]> {
  const args = ['--default-character-set=utf8mb4', `--database=${scratch}`];
  await runClient(o.program, o.db, { args, stdinFile: o.backupFile }).catch((e: Error) => {
    throw ValidationError.field('backupFile', `${o.backupFile} could not be loaded (${describe(o.db)} is unchanged): ${e.message}`);
  });
  const restored = await baseTables(server, scratch);
  if (!restored.includes(MIGRATIONS_TABLE))
    throw ValidationError.field('backupFile', `${o.backupFile} is not a Forja database (it has no ${MIGRATIONS_TABLE} table)`);
  await refuseObjectsRenameCannotMove(server, scratch, { field: 'backupFile', what: o.backupFile });
  return restored;
}

/**
 * One RENAME TABLE moves the live tables aside and the restored ones in: all
 * of them or, when any move fails, none. Returns the kept-aside database's
 * name; none is made when the live database had no tables.
 */
async function swapIn(
  server: mysql.Connection,
  o: { scratch: string; restored: string[]; charset: Charset; db: ServerDatabase; at: Date },
): Promise<string | undefined> {
  const live = o.db.database;
  const replaced = await baseTables(server, live);
  const previous = replaced.length ? `${live.slice(0, NAME_PREFIX_LENGTH)}_prerestore_${timestamp(o.at).replace('-', '_')}` : undefined;
  if (previous) await createDatabase(server, previous, o.charset);
  const moves = [
    ...replaced.map((t) => `${qualified(live, t)} TO ${qualified(previous!, t)}`),
    ...o.restored.map((t) => `${qualified(o.scratch, t)} TO ${qualified(live, t)}`),
  ];
  try {
    await server.query(`RENAME TABLE ${moves.join(', ')}`);
  } catch (e) {
    if (previous) await server.query(`DROP DATABASE IF EXISTS ${quote(previous)}`);
    throw e;
  }
  return previous;
}

async function connect(db: ServerDatabase): Promise<mysql.Connection> {
  try {
    return await mysql.createConnection({ host: db.host, port: db.port, user: db.user, password: db.password, charset: 'utf8mb4' });
  } catch (e) {
    throw ValidationError.field('DATABASE_URL', `cannot connect to ${db.host}:${db.port} (${(e as Error).message})`);
  }
}

interface Charset {
  charset: string;
  collation: string;
}

/** The live database's defaults, which the scratch and kept-aside databases take too. */
async function liveCharset(server: mysql.Connection, db: ServerDatabase): Promise<Charset> {
  const [rows] = await server.query<mysql.RowDataPacket[]>(
    'SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [db.database],
  );
  const found = rows[0] as Charset | undefined;
  if (!found) throw new NotFoundError(`database ${describe(db)} does not exist: create it (empty) first, then restore into it`);
  if (!/^\w+$/.test(found.charset) || !/^\w+$/.test(found.collation)) throw new Error(`unexpected character set ${found.charset}/${found.collation}`);
  return found;
}

/**
 * Another connection to the live database is a Forja server (its scheduler
 * queries every few seconds, so its pool is never empty) or another
 * program. Without the PROCESS privilege only the same user's connections are
 * visible, which is the platform's own.
 */
async function refuseIfInUse(server: mysql.Connection, db: ServerDatabase): Promise<void> {
  const [rows] = await server.query<mysql.RowDataPacket[]>('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()', [
    db.database,
  ]);
  const n = Number(rows[0]?.n ?? 0);
  if (n > 0) {
    throw new ConflictError(`${describe(db)} is in use (${n} connection(s): a Forja server or another program has it open): stop the server before restoring`);
  }
}

/** Views, triggers and stored code cannot move between databases with RENAME TABLE; Forja creates none. */
async function refuseObjectsRenameCannotMove(server: mysql.Connection, database: string, o: { field: string; what: string }): Promise<void> {
  const [rows] = await server.query<mysql.RowDataPacket[]>(
    `SELECT 'view' AS kind, TABLE_NAME AS name FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?
     UNION ALL SELECT 'trigger', TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?
     UNION ALL SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`,
    [database, database, database],
  );
  if (rows.length) {
    const names = rows
      .slice(0, 5)
      .map((r) => `${r.kind} ${r.name}`)
      .join(', ');
    throw ValidationError.field(o.field, `${o.what} holds ${names}, which db:restore cannot swap in one step: restore it by hand with the mariadb client`);
  }
}

async function baseTables(server: mysql.Connection, database: string): Promise<string[]> {
  const [rows] = await server.query<mysql.RowDataPacket[]>(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    [database],
  );
  return rows.map((r) => String(r.name));
}

async function createDatabase(server: mysql.Connection, name: string, c: Charset): Promise<void> {
  try {
    await server.query(`CREATE DATABASE ${quote(name)} CHARACTER SET ${c.charset} COLLATE ${c.collation}`);
  } catch (e) {
    throw ValidationError.field('DATABASE_URL', `restore needs to create the database \`${name}\` beside the live one (${(e as Error).message})`);
  }
}

function quote(identifier: string): string {
  return `\`${identifier.replaceAll('`', '``')}\``;
}

function qualified(database: string, table: string): string {
  return `${quote(database)}.${quote(table)}`;
}
