/**
 * Dialect-neutral description of the tables the app model needs. Snapshots of
 * this shape are stored in generated migrations and diffed to make new ones.
 */
import type { ColumnKind, ColumnReference } from '../../fields/index.js';

export type { ColumnKind };

export interface ColumnSpec {
  kind: ColumnKind;
  /** For `string`: maximum length. */
  length?: number;
  nullable: boolean;
  /** Literal default as stored (numbers for bigint/integer, 0/1 never: booleans as booleans). */
  default?: string | number | boolean;
  /** Allowed values, enforced by a CHECK constraint. */
  values?: string[];
  references?: ColumnReference;
  primaryKey?: boolean;
}

export interface IndexSpec {
  name: string;
  fields: string[];
  unique: boolean;
}

export interface TableSpec {
  table: string;
  /** Column name → spec, in creation order. */
  columns: Record<string, ColumnSpec>;
  indexes: IndexSpec[];
}

/** All tables of one module, keyed by table name. */
export interface SchemaSnapshot {
  tables: Record<string, TableSpec>;
}
