import type { QueryInterface, Sequelize, Transaction } from 'sequelize';
import type { SqlDialect } from '../../plugin/types.js';
import type { ColumnSpec, SchemaSnapshot, TableSpec } from '../schema/types.js';

/** One dialect-neutral schema change, as stored in a generated migration file. */
export type MigrationOp =
  | ({ op: 'createTable' } & TableSpec)
  | { op: 'addColumn'; table: string; column: string; spec: ColumnSpec }
  | { op: 'addIndex'; table: string; index: TableSpec['indexes'][number] }
  | { op: 'removeIndex'; table: string; index: string }
  /** Loses no data: longer string, more enum values, NOT NULL relaxed, default changed. */
  | { op: 'widenColumn'; table: string; column: string; from: ColumnSpec; to: ColumnSpec }
  /** Only generated with an explicit `--allow-drop <table>.<column>`. */
  | { op: 'dropColumn'; table: string; column: string }
  /** Only generated with an explicit `--allow-drop <table>`. */
  | { op: 'dropTable'; table: string };

/** `migrations/<module>/<YYYYMMDDHHmmss>_<slug>.json` */
export interface GeneratedMigration {
  module: string;
  createdAt: string;
  description: string;
  operations: MigrationOp[];
  /** The module's whole schema after this migration; the next generation diffs against it. */
  snapshot: SchemaSnapshot;
}

/** What a hand-written migration (`.ts`/`.js` exporting `up`) receives. */
export interface MigrationContext {
  sequelize: Sequelize;
  queryInterface: QueryInterface;
  dialect: SqlDialect;
  /** Pass it to every query: the migration and its record commit or roll back together. */
  transaction: Transaction;
}

export interface HandWrittenMigration {
  up(context: MigrationContext): Promise<void>;
}
