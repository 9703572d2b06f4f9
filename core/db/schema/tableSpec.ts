import { createHash } from 'node:crypto';
import type { EntityModel, FieldModel, ModuleModel } from '../../model/types.js';
import type { ColumnSpec, IndexSpec, SchemaSnapshot, TableSpec } from './types.js';
import { toStoredDecimal } from '../../values/decimal.js';

const DEFAULT_STRING_LENGTH = 255;
/** Argon2 encoded hashes are ~100 characters. */
const PASSWORD_HASH_LENGTH = 255;
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
  const nullable = !('required' in field && field.required) || field.type === 'password';
  const spec: ColumnSpec = { kind: columnKind(field), nullable };
  if (spec.kind === 'string') spec.length = stringLength(field);
  if (field.type === 'enum') spec.values = [...field.values];
  if (field.type === 'relation') {
    const onDelete = field.onDelete === 'cascade' ? 'CASCADE' : field.onDelete === 'setNull' ? 'SET NULL' : 'RESTRICT';
    spec.references = { table: tableOf(field.target!), onDelete };
  }
  const def = storedDefault(field);
  if (def !== undefined) spec.default = def;
  return spec;
}

function columnKind(field: FieldModel): ColumnSpec['kind'] {
  const type = field.type === 'computed' ? field.returns : field.type;
  switch (type) {
    case 'text':
      return 'text';
    case 'json':
      return 'json';
    case 'integer':
    case 'relation':
    case 'file':
    case 'image':
      return 'integer';
    case 'decimal':
      return 'bigint';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    default:
      return 'string';
  }
}

function stringLength(field: FieldModel): number {
  if (field.type === 'password') return PASSWORD_HASH_LENGTH;
  if (field.type === 'time') return 8;
  if (field.type === 'enum') return Math.max(...field.values.map((v) => v.length));
  if ('maxLength' in field && field.maxLength) return field.maxLength;
  return DEFAULT_STRING_LENGTH;
}

/** Defaults the database can hold as literals; `now` and JSON defaults are applied by the service. */
function storedDefault(field: FieldModel): string | number | boolean | undefined {
  if (!('default' in field) || field.default === undefined) return undefined;
  if (field.type === 'decimal') return toStoredDecimal(field.default!, field.scale!);
  if (field.type === 'json' || ((field.type === 'date' || field.type === 'datetime') && field.default === 'now')) return undefined;
  return field.default as string | number | boolean;
}

function indexSpecs(entity: EntityModel): IndexSpec[] {
  const unique = entity.columns.filter((f) => 'unique' in f && f.unique).map((f) => ({ name: schemaObjectName('uq', entity.table, [f.name]), fields: [f.name], unique: true }));
  const relations = entity.columns
    .filter((f) => f.type === 'relation' && !('unique' in f && f.unique))
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
