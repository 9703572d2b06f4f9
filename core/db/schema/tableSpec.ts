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

/** The tables a module needs, derived from its entities. */
export function moduleSnapshot(module: ModuleModel, tableOf: (entityKey: string) => string): SchemaSnapshot {
  const tables: Record<string, TableSpec> = {};
  for (const entity of Object.values(module.entities)) tables[entity.table] = entityTableSpec(entity, tableOf);
  return { tables };
}

export function entityTableSpec(entity: EntityModel, tableOf: (entityKey: string) => string): TableSpec {
  const { id, version, ...audit } = SYSTEM_COLUMN_SPECS;
  const columns: Record<string, ColumnSpec> = { id: id!, version: version! };
  for (const field of entity.columns) columns[field.name] = columnSpec(field, tableOf);
  Object.assign(columns, audit);
  return { table: entity.table, columns, indexes: indexSpecs(entity) };
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

function indexSpecs(entity: EntityModel): IndexSpec[] {
  const unique = entity.columns
    .filter((f) => 'unique' in f && f.unique)
    .map((f) => ({ name: schemaObjectName('uq', entity.table, [f.name]), fields: [f.name], unique: true }));
  const relations = entity.columns
    .filter((f) => f.target !== undefined && !('unique' in f && f.unique))
    .filter((f) => !entity.indexes.some((ix) => ix[0] === f.name))
    .map((f) => ({ name: schemaObjectName('ix', entity.table, [f.name]), fields: [f.name], unique: false }));
  const declared = entity.indexes.map((fields) => ({ name: schemaObjectName('ix', entity.table, [...fields]), fields: [...fields], unique: false }));
  return [...unique, ...relations, ...declared];
}

/** Index and constraint names stay short and stable, for Oracle's and MySQL's identifier limits. */
export function schemaObjectName(prefix: string, table: string, fields: string[]): string {
  const name = `${prefix}_${table}_${fields.join('_')}`;
  if (name.length <= MAX_IDENTIFIER) return name;
  const hash = createHash('sha1').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_IDENTIFIER - 9)}_${hash}`;
}
