/**
 * Dialect-neutral ColumnSpec/TableSpec → the DDL each database needs.
 *
 * Tables and columns go through Sequelize's queryInterface. Constraints differ:
 * - SQLite cannot add a constraint to an existing table, so CHECK and REFERENCES
 *   are written inline in the column definition.
 * - MySQL/MariaDB and Oracle get CHECK and FOREIGN KEY as separately added, named
 *   constraints (`ck_<table>_<column>`, `fk_<table>_<column>`): their grammars want a
 *   CHECK after DEFAULT/NOT NULL (Sequelize appends those after the type), and a
 *   known name is what lets a later migration drop or replace the constraint.
 */
import { DataTypes, type DataType, type ModelAttributeColumnOptions, type Sequelize } from 'sequelize';
import type { SqlDialect } from '../../plugin/types.js';
import type { ColumnSpec, TableSpec } from './types.js';
import { schemaObjectName } from './tableSpec.js';

export interface DdlTarget {
  dialect: SqlDialect;
  sequelize: Sequelize;
}

/** The part of Sequelize's (untyped) query generator used here. */
export interface QueryGenerator {
  quoteIdentifier(identifier: string): string;
  quoteTable(table: string): string;
}

/** Same limit as index names (tableSpec.ts): fits MySQL's 64 and old Oracle's 128 with room. */

export function queryGenerator(target: DdlTarget): QueryGenerator {
  return target.sequelize.getQueryInterface().queryGenerator as QueryGenerator;
}

export interface TableText {
  charset: string;
  collate: string;
}

/** Sequelize's `define` defaults (kept off its typings): what Model.sync gives a table, e.g. forja_migrations. */
function defineOptions(sequelize: Sequelize): { define?: Partial<TableText> } {
  return (sequelize as unknown as { options: { define?: Partial<TableText> } }).options;
}

/** MySQL/MariaDB: the charset and collation of every table created from now on (see connect.ts). */
export function setTableText(sequelize: Sequelize, text: TableText): void {
  const options = defineOptions(sequelize);
  options.define = { ...options.define, ...text };
}

/** Table options for queryInterface.createTable: on MySQL/MariaDB the charset and collation set by setTableText. */
export function tableOptions(target: DdlTarget): Partial<TableText> {
  if (target.dialect !== 'mysql') return {};
  const { charset, collate } = defineOptions(target.sequelize).define ?? {};
  return { ...(charset ? { charset } : {}), ...(collate ? { collate } : {}) };
}

/** Attributes for queryInterface.createTable. */
export function tableAttributes(target: DdlTarget, spec: TableSpec): Record<string, ModelAttributeColumnOptions> {
  const attributes: Record<string, ModelAttributeColumnOptions> = {};
  for (const [column, columnSpec] of Object.entries(spec.columns)) attributes[column] = columnAttributes(target, column, columnSpec);
  return attributes;
}

/**
 * Attributes of one column for createTable/addColumn/changeColumn. Constraints are
 * inline on SQLite only; elsewhere see addCheckConstraintSql / addForeignKeySql.
 */
export function columnAttributes(target: DdlTarget, column: string, spec: ColumnSpec): ModelAttributeColumnOptions {
  if (spec.primaryKey) return { type: DataTypes.INTEGER, allowNull: false, autoIncrement: true, primaryKey: true };
  const attributes: ModelAttributeColumnOptions = { type: columnType(target, column, spec), allowNull: spec.nullable };
  if (spec.default !== undefined) attributes.defaultValue = spec.default;
  if (target.dialect === 'sqlite' && spec.references) {
    attributes.references = { model: spec.references.table, key: spec.references.column ?? 'id' };
    attributes.onDelete = spec.references.onDelete;
  }
  return attributes;
}

function columnType(target: DdlTarget, column: string, spec: ColumnSpec): DataType {
  const type = baseType(target.dialect, spec);
  if (target.dialect !== 'sqlite' || !spec.values) return type;
  // A string type is passed through verbatim by Sequelize, which is how the CHECK gets inline.
  return `${typeSql(target, type)} CHECK (${enumCheckCondition(target, column, spec.values)})`;
}

/** The dialect's SQL for a type, e.g. VARCHAR(20) or NVARCHAR2(20). */
function typeSql(target: DdlTarget, type: DataType): string {
  const normalized = (target.sequelize as unknown as { normalizeDataType(t: DataType): { toSql(): string } }).normalizeDataType(type);
  return normalized.toSql();
}

/** Booleans as 1/0, as Sequelize itself writes them on every dialect here. */
function literal(target: DdlTarget, value: string | number | boolean): string {
  return target.sequelize.escape(typeof value === 'boolean' ? Number(value) : value);
}

function baseType(dialect: SqlDialect, spec: ColumnSpec): DataType {
  switch (spec.kind) {
    case 'string':
      return DataTypes.STRING(spec.length ?? 255);
    case 'text':
    case 'json': // serialised by the service, so the same on every dialect
      return DataTypes.TEXT;
    case 'integer':
      return DataTypes.INTEGER;
    case 'bigint':
      return DataTypes.BIGINT;
    case 'boolean':
      return DataTypes.BOOLEAN;
    case 'date':
      return DataTypes.DATEONLY;
    case 'datetime':
      // MySQL's DATETIME drops milliseconds unless asked for them.
      return dialect === 'mysql' ? DataTypes.DATE(3) : DataTypes.DATE;
  }
}

/** `"col" IN ('a','b')` */
export function enumCheckCondition(target: DdlTarget, column: string, values: readonly string[]): string {
  const list = values.map((v) => target.sequelize.escape(v)).join(',');
  return `${queryGenerator(target).quoteIdentifier(column)} IN (${list})`;
}

export function checkConstraintName(table: string, column: string): string {
  return schemaObjectName('ck', table, [column]);
}

export function foreignKeyName(table: string, column: string): string {
  return schemaObjectName('fk', table, [column]);
}

/** MySQL/Oracle: adds the named CHECK of an enum column. */
export function addCheckConstraintSql(target: DdlTarget, table: string, column: string, values: readonly string[]): string {
  const q = queryGenerator(target);
  return `ALTER TABLE ${q.quoteTable(table)} ADD CONSTRAINT ${q.quoteIdentifier(checkConstraintName(table, column))} CHECK (${enumCheckCondition(target, column, values)})`;
}

/** MySQL (8.0.19+) / MariaDB / Oracle all accept DROP CONSTRAINT for a CHECK. */
export function dropCheckConstraintSql(target: DdlTarget, table: string, column: string): string {
  const q = queryGenerator(target);
  return `ALTER TABLE ${q.quoteTable(table)} DROP CONSTRAINT ${q.quoteIdentifier(checkConstraintName(table, column))}`;
}

/** MySQL/Oracle: adds the named FOREIGN KEY of a relation column. */
export function addForeignKeySql(target: DdlTarget, table: string, column: string, references: NonNullable<ColumnSpec['references']>): string {
  const q = queryGenerator(target);
  // Oracle has no ON DELETE RESTRICT; its default (NO ACTION, checked at statement end) behaves the same here.
  const onDelete = target.dialect === 'oracle' && references.onDelete === 'RESTRICT' ? '' : ` ON DELETE ${references.onDelete}`;
  return (
    `ALTER TABLE ${q.quoteTable(table)} ADD CONSTRAINT ${q.quoteIdentifier(foreignKeyName(table, column))} ` +
    `FOREIGN KEY (${q.quoteIdentifier(column)}) REFERENCES ${q.quoteTable(references.table)} (${q.quoteIdentifier(references.column ?? 'id')})${onDelete}`
  );
}

export function dropForeignKeySql(target: DdlTarget, table: string, column: string): string {
  const q = queryGenerator(target);
  const drop = target.dialect === 'mysql' ? 'DROP FOREIGN KEY' : 'DROP CONSTRAINT';
  return `ALTER TABLE ${q.quoteTable(table)} ${drop} ${q.quoteIdentifier(foreignKeyName(table, column))}`;
}

/**
 * Oracle: MODIFY with only what changed. Sequelize's changeColumn is not used:
 * Oracle rejects restating the current nullability (ORA-01442/01451), and
 * Sequelize never writes NULL for a column with a default, so NOT NULL could not be relaxed.
 */
export function oracleModifyColumnSql(target: DdlTarget, table: string, column: string, from: ColumnSpec, to: ColumnSpec): string {
  const q = queryGenerator(target);
  const parts = [q.quoteIdentifier(column)];
  // Restating an unchanged type is an error for CLOBs (ORA-22859), so only a new length is given.
  if (from.length !== to.length) parts.push(typeSql(target, baseType('oracle', to)));
  if (from.default !== to.default) parts.push(`DEFAULT ${to.default === undefined ? 'NULL' : literal(target, to.default)}`);
  if (from.nullable !== to.nullable) parts.push(to.nullable ? 'NULL' : 'NOT NULL');
  return `ALTER TABLE ${q.quoteTable(table)} MODIFY (${parts.join(' ')})`;
}
