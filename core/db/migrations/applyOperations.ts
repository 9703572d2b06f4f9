/**
 * Runs the operations of one generated migration inside its transaction.
 */
import type { QueryInterface, Transaction } from 'sequelize';
import {
  addCheckConstraintSql,
  addForeignKeySql,
  columnAttributes,
  dropCheckConstraintSql,
  dropForeignKeySql,
  oracleModifyColumnSql,
  tableAttributes,
  tableOptions,
  type DdlTarget,
} from '../schema/ddl.js';
import type { ColumnSpec, IndexSpec, SchemaSnapshot, TableSpec } from '../schema/types.js';
import { sameColumn } from './diffSnapshots.js';
import { rebuildSqliteTable } from './sqliteRebuild.js';
import type { MigrationOp } from './types.js';

export interface OperationContext extends DdlTarget {
  queryInterface: QueryInterface;
  transaction: Transaction;
  /** The module's schema before this migration: what a dropped column was. */
  before: SchemaSnapshot;
  /** The module's schema after it: what a rebuilt SQLite table becomes. */
  after: SchemaSnapshot;
}

export async function applyOperations(operations: readonly MigrationOp[], context: OperationContext): Promise<void> {
  if (context.dialect === 'sqlite') await applyOnSqlite(operations, context);
  else await applyOnServer(operations, context);
}

/**
 * SQLite cannot alter a column, so a table with a widened or dropped column is
 * rebuilt once from its final spec; its other operations are part of that rebuild.
 */
async function applyOnSqlite(operations: readonly MigrationOp[], context: OperationContext): Promise<void> {
  const rebuilt = new Set(operations.filter(needsSqliteRebuild).map((op) => op.table));
  for (const op of operations) {
    if (rebuilt.has(op.table)) continue;
    if (op.op === 'createTable') await createTable(op, context);
    else if (op.op === 'addColumn')
      await context.queryInterface.addColumn(op.table, op.column, columnAttributes(context, op.column, op.spec), options(context));
    else if (op.op === 'addIndex') await addIndex(op.table, op.index, context);
    else if (op.op === 'removeIndex') await context.queryInterface.removeIndex(op.table, op.index, options(context));
    else if (op.op === 'dropTable') await context.queryInterface.dropTable(op.table, options(context));
    // widenColumn of the length only: SQLite does not enforce VARCHAR lengths, nothing to do.
  }
  for (const table of rebuilt) await rebuildSqliteTable(tableAfter(table, context), context);
}

function needsSqliteRebuild(op: MigrationOp): boolean {
  return op.op === 'dropColumn' || (op.op === 'widenColumn' && !sameColumn({ ...op.from, length: op.to.length }, op.to));
}

/**
 * MySQL/MariaDB and Oracle. A dropped column's constraints go first (MySQL will
 * not drop an index a foreign key still needs); foreign keys of new tables go
 * last, so tables of one migration may reference each other in any order.
 */
async function applyOnServer(operations: readonly MigrationOp[], context: OperationContext): Promise<void> {
  for (const op of operations) if (op.op === 'dropColumn') await dropColumnConstraints(op.table, op.column, context);
  for (const op of operations) {
    if (op.op === 'createTable') await createServerTable(op, context);
    else if (op.op === 'addColumn') await addServerColumn(op.table, op.column, op.spec, context);
    else if (op.op === 'addIndex') await addIndex(op.table, op.index, context);
    else if (op.op === 'removeIndex') await context.queryInterface.removeIndex(op.table, op.index, options(context));
    else if (op.op === 'widenColumn') await widenServerColumn(op.table, op.column, op.from, op.to, context);
    else if (op.op === 'dropColumn') await context.queryInterface.removeColumn(op.table, op.column, options(context));
    else if (op.op === 'dropTable') await context.queryInterface.dropTable(op.table, options(context));
  }
  for (const op of operations) if (op.op === 'createTable') await addForeignKeys(op, context);
}

/** Sequelize writes CREATE TABLE IF NOT EXISTS; a table already there would silently keep its old shape. */
export async function createTable(spec: TableSpec, context: OperationContext): Promise<void> {
  if (await context.queryInterface.tableExists(spec.table, options(context))) {
    throw new Error(`table "${spec.table}" already exists, but no applied migration created it; drop or rename it, or write a hand-written migration`);
  }
  await context.queryInterface.createTable(spec.table, tableAttributes(context, spec), { ...tableOptions(context), ...options(context) });
  for (const index of spec.indexes) await addIndex(spec.table, index, context);
}

export async function addIndex(table: string, index: IndexSpec, context: OperationContext): Promise<void> {
  await context.queryInterface.addIndex(table, index.fields, { name: index.name, unique: index.unique, ...options(context) });
}

async function createServerTable(spec: TableSpec, context: OperationContext): Promise<void> {
  await createTable(spec, context);
  for (const [column, columnSpec] of Object.entries(spec.columns)) {
    if (columnSpec.values) await run(addCheckConstraintSql(context, spec.table, column, columnSpec.values), context);
  }
}

async function addForeignKeys(spec: TableSpec, context: OperationContext): Promise<void> {
  for (const [column, columnSpec] of Object.entries(spec.columns)) {
    if (columnSpec.references) await run(addForeignKeySql(context, spec.table, column, columnSpec.references), context);
  }
}

async function addServerColumn(table: string, column: string, spec: ColumnSpec, context: OperationContext): Promise<void> {
  await context.queryInterface.addColumn(table, column, columnAttributes(context, column, spec), options(context));
  if (spec.values) await run(addCheckConstraintSql(context, table, column, spec.values), context);
  if (spec.references) await run(addForeignKeySql(context, table, column, spec.references), context);
}

async function widenServerColumn(table: string, column: string, from: ColumnSpec, to: ColumnSpec, context: OperationContext): Promise<void> {
  const valuesChanged = !sameValues(from.values, to.values);
  if (valuesChanged && from.values) await run(dropCheckConstraintSql(context, table, column), context);
  const definitionChanged = !sameColumn({ ...from, values: undefined }, { ...to, values: undefined });
  if (definitionChanged && context.dialect === 'oracle') await run(oracleModifyColumnSql(context, table, column, from, to), context);
  // MySQL restates the whole column; its foreign key is a separate constraint and stays as it is.
  else if (definitionChanged) await context.queryInterface.changeColumn(table, column, columnAttributes(context, column, to), options(context));
  if (valuesChanged && to.values) await run(addCheckConstraintSql(context, table, column, to.values), context);
}

/** MySQL: the named foreign key and CHECK of a column must go before the column (Oracle drops them with it). */
async function dropColumnConstraints(table: string, column: string, context: OperationContext): Promise<void> {
  if (context.dialect !== 'mysql') return;
  const spec = context.before.tables[table]?.columns[column];
  if (spec?.references) await run(dropForeignKeySql(context, table, column), context);
  if (spec?.values) await run(dropCheckConstraintSql(context, table, column), context);
}

function sameValues(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return JSON.stringify(a ? [...a].sort() : null) === JSON.stringify(b ? [...b].sort() : null);
}

function tableAfter(table: string, context: OperationContext): TableSpec {
  const spec = context.after.tables[table];
  if (!spec) throw new Error(`table "${table}" is missing from the migration's snapshot`);
  return spec;
}

function options(context: OperationContext): { transaction: Transaction } {
  return { transaction: context.transaction };
}

async function run(sql: string, context: OperationContext): Promise<void> {
  await context.sequelize.query(sql, { transaction: context.transaction, raw: true });
}
