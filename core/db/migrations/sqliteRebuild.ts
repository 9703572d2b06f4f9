/**
 * SQLite's 12-step ALTER procedure (https://www.sqlite.org/lang_altertable.html#otheralter):
 * foreign keys off before BEGIN, build `<table>__new`, copy, drop, rename,
 * recreate the indexes, `PRAGMA foreign_key_check`, COMMIT.
 */
import { QueryTypes, Transaction, type QueryInterface, type Sequelize } from 'sequelize';
import { queryGenerator, tableAttributes, type DdlTarget } from '../schema/ddl.js';
import type { TableSpec } from '../schema/types.js';
import { bound } from '../boundSql.js';

interface RebuildContext extends DdlTarget {
  queryInterface: QueryInterface;
  transaction: Transaction;
}

/** What Sequelize keeps off its typings: the transaction id and the step that opens the transaction's connection. */
interface TransactionInternals {
  id: string;
  finished?: string;
  prepareEnvironment(useCls: boolean): Promise<void>;
}

interface SqliteConnection {
  filename: string;
  exec(sql: string, callback: (error: Error | null) => void): void;
}

/**
 * Runs `work` in a transaction whose connection has foreign keys off: a dropped
 * table would otherwise fire ON DELETE CASCADE on its children, and the pragma
 * is a no-op once BEGIN has run. Sequelize gives each SQLite transaction its own
 * connection, keyed by the transaction id and closed when it ends; opening it
 * first lets the pragma run before BEGIN and never outlive the transaction.
 */
export async function inTransactionWithoutForeignKeys<T>(sequelize: Sequelize, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  const transaction = new Transaction(sequelize, { type: Transaction.TYPES.IMMEDIATE });
  const internals = transaction as unknown as TransactionInternals;
  const manager = sequelize.connectionManager as unknown as { getConnection(options: { uuid: string }): Promise<SqliteConnection> };
  const connection = await manager.getConnection({ uuid: internals.id });
  await exec(connection, 'PRAGMA foreign_keys = OFF');
  await internals.prepareEnvironment(false);
  try {
    await assertForeignKeysOff(sequelize, transaction);
    const result = await work(transaction);
    await assertForeignKeysHold(sequelize, transaction);
    await transaction.commit();
    return result;
  } catch (error) {
    if (!internals.finished) await transaction.rollback();
    throw error;
  } finally {
    // An in-memory database has one shared connection that stays open.
    if (connection.filename === ':memory:') await exec(connection, 'PRAGMA foreign_keys = ON');
  }
}

function exec(connection: SqliteConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) => connection.exec(sql, (e) => (e ? reject(e) : resolve())));
}

/** Guards the reliance on Sequelize internals above: fails loudly instead of cascading deletes. */
async function assertForeignKeysOff(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  const [row] = await sequelize.query<{ foreign_keys: number }>('PRAGMA foreign_keys', { transaction, type: QueryTypes.SELECT });
  if (row?.foreign_keys !== 0) throw new Error('could not switch SQLite foreign keys off for the migration');
}

/** Step 10: with enforcement off, the migration must prove it left no dangling reference. */
async function assertForeignKeysHold(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  const violations = await sequelize.query<{ table: string; rowid: number; parent: string }>('PRAGMA foreign_key_check', {
    transaction,
    type: QueryTypes.SELECT,
  });
  if (violations.length === 0) return;
  const sample = violations
    .slice(0, 5)
    .map((v) => `${v.table} row ${v.rowid} → ${v.parent}`)
    .join(', ');
  throw new Error(`the migration leaves ${violations.length} row(s) pointing at missing records (${sample})`);
}

/** Rebuilds `spec.table` as `spec` describes it, keeping every row and the id sequence. */
export async function rebuildSqliteTable(spec: TableSpec, context: RebuildContext): Promise<void> {
  const q = queryGenerator(context);
  const table = q.quoteTable(spec.table);
  const temp = `${spec.table}__new`;
  const columns = bound('SELECT name FROM pragma_table_info(?)', [spec.table], 'sqlite');
  const existing = (
    await context.sequelize.query<{ name: string }>(columns.sql, { bind: columns.bind, transaction: context.transaction, type: QueryTypes.SELECT })
  ).map((c) => c.name);
  const common = Object.keys(spec.columns)
    .filter((c) => existing.includes(c))
    .map((c) => q.quoteIdentifier(c))
    .join(', ');
  const sequence = await idSequence(spec.table, context);
  await context.queryInterface.createTable(temp, tableAttributes(context, { ...spec, table: temp }), { transaction: context.transaction });
  await run(`INSERT INTO ${q.quoteTable(temp)} (${common}) SELECT ${common} FROM ${table}`, context);
  await run(`DROP TABLE ${table}`, context);
  await run(`ALTER TABLE ${q.quoteTable(temp)} RENAME TO ${table}`, context);
  for (const index of spec.indexes) {
    await context.queryInterface.addIndex(spec.table, index.fields, { name: index.name, unique: index.unique, transaction: context.transaction });
  }
  // AUTOINCREMENT promises ids are never reused; the copy only knows the highest id still present.
  if (sequence === undefined) return;
  await run('UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?', context, [sequence, spec.table]);
  await run('INSERT INTO sqlite_sequence (name, seq) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)', context, [
    spec.table,
    sequence,
    spec.table,
  ]);
}

async function idSequence(table: string, context: RebuildContext): Promise<number | undefined> {
  const query = bound('SELECT seq FROM sqlite_sequence WHERE name = ?', [table], 'sqlite');
  const rows = await context.sequelize.query<{ seq: number }>(query.sql, { bind: query.bind, transaction: context.transaction, type: QueryTypes.SELECT });
  return rows[0]?.seq;
}

async function run(sql: string, context: RebuildContext, params: unknown[] = []): Promise<void> {
  const query = bound(sql, params, 'sqlite');
  await context.sequelize.query(query.sql, { bind: query.bind, transaction: context.transaction, raw: true });
}
