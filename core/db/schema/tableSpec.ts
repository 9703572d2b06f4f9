import { createHash } from 'node:crypto';
import type { EntityModel, FieldModel, ModuleModel } from '../../model/types.js';
import type { ColumnSpec, IndexSpec, SchemaSnapshot, TableSpec } from './types.js';
import { fieldType } from '../../fields/index.js';

const MAX_IDENTIFIER = 60;

const SYSTEM_COLUMN_SPECS: Record<string, ColumnSpec> = {
  id: { kind: 'integer', nullable: false, primaryKey: true },
  version: { kind: 'integer', nullable: false, default: 1 },
  created_at: { kind: 'datetime', nullable: false },
  updated_at: { kind: 'datetime', nullable: false },
  created_by: { kind: 'integer', nullable: true },
  updated_by: { kind: 'integer', nullable: true },
};

/** Finds an entity of the app model by its `module.name` key. */
export type EntityLookup = (entityKey: string) => EntityModel;

/** The tables migrations manage for a module: its entities but those mapped onto existing tables (`managed: false`). */
export function moduleSnapshot(module: ModuleModel, entityOf: EntityLookup): SchemaSnapshot {
  const tables: Record<string, TableSpec> = {};
  for (const entity of Object.values(module.entities)) if (entity.managed) tables[entity.table] = entityTableSpec(entity, entityOf);
  return { tables };
}

/**
 * The table an entity needs, under its mapped names. An unmanaged entity has
 * only its primary key and declared fields (what a stand-in for its existing
 * table is created with). A foreign key goes only to a managed table on the
 * same datasource: Forja does not constrain tables it does not own.
 */
export function entityTableSpec(entity: EntityModel, entityOf: EntityLookup): TableSpec {
  const { id, version, ...audit } = SYSTEM_COLUMN_SPECS;
  const columns: Record<string, ColumnSpec> = { [entity.primaryKey]: id! };
  if (entity.managed) columns.version = version!;
  for (const field of entity.columns) columns[entity.columnNames[field.name]!] = referencingColumn(entity, field, entityOf);
  if (entity.managed) Object.assign(columns, audit);
  return { table: entity.table, columns, indexes: indexSpecs(entity) };
}

function referencingColumn(entity: EntityModel, field: FieldModel, entityOf: EntityLookup): ColumnSpec {
  const spec = columnSpec(field, (key) => entityOf(key).table);
  if (!spec.references) return spec;
  const target = entityOf(field.target!);
  if (!target.managed || target.datasource !== entity.datasource) {
    const { references: _none, ...rest } = spec;
    return rest;
  }
  if (target.primaryKey !== 'id') spec.references = { ...spec.references, column: target.primaryKey };
  return spec;
}

export function columnSpec(field: FieldModel, tableOf: (entityKey: string) => string): ColumnSpec {
  const type = fieldType(field.type);
  if (!type.column) throw new Error(`a ${field.type} field has no column`);
  const { kind, alwaysNullable, ...rest } = type.column(field, tableOf);
  // Key order as generated migrations have always written it.
  const spec: ColumnSpec = { kind, nullable: alwaysNullable === true || !('required' in field && field.required), ...rest };
  const def = type.storedDefault?.(field);
  if (def !== undefined) spec.default = def;
  return spec;
}

/** A unique index of an entity: a field with `unique: true`, or a composite key of `unique`. */
export interface UniqueKey {
  /** The index's name, which MySQL/MariaDB name in a duplicate-key error. */
  name: string;
  fields: readonly string[];
  /** The fields' columns, which SQLite names in its error. */
  columns: string[];
}

/** Every unique index of an entity: single fields first, then the composite keys in declaration order. */
export function uniqueKeys(entity: EntityModel): UniqueKey[] {
  const single = entity.columns.filter((f) => 'unique' in f && f.unique).map((f) => [f.name]);
  return [...single, ...entity.unique].map((fields) => {
    const columns = fields.map((f) => entity.columnNames[f] ?? f);
    return { name: schemaObjectName('uq', entity.table, columns), fields, columns };
  });
}

function indexSpecs(entity: EntityModel): IndexSpec[] {
  const col = (field: string) => entity.columnNames[field] ?? field;
  const unique = uniqueKeys(entity).map((key) => ({ name: key.name, fields: key.columns, unique: true }));
  // An index led by the relation's column already serves its lookups (and MySQL's foreign key).
  const led = [...entity.indexes, ...entity.unique].map((ix) => ix[0]);
  const relations = entity.columns
    .filter((f) => f.target !== undefined && !('unique' in f && f.unique))
    .filter((f) => !led.includes(f.name))
    .map((f) => ({ name: schemaObjectName('ix', entity.table, [col(f.name)]), fields: [col(f.name)], unique: false }));
  const declared = entity.indexes.map((fields) => {
    const columns = fields.map(col);
    return { name: schemaObjectName('ix', entity.table, columns), fields: columns, unique: false };
  });
  return [...unique, ...relations, ...declared];
}

/** Index and constraint names stay short and stable, for Oracle's and MySQL's identifier limits. */
export function schemaObjectName(prefix: string, table: string, fields: string[]): string {
  const name = `${prefix}_${table}_${fields.join('_')}`;
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
}
