/**
 * JSON Schemas of every generated procedure's input, compiled from the entity.
 * The same schemas go to the UI (platform.model) for client-side validation.
 */
import type { AppModel, EntityModel, FieldModel } from '../model/types.js';
import { fieldType, type FilterOperator, type JsonSchema } from '../fields/index.js';
import { filterableField } from '../db/repository/buildWhere.js';

export type { JsonSchema };

export const MAX_PAGE_SIZE = 200;
const MAX_SEARCH_LENGTH = 200;

/** Schema of one value of a field (never null). */
export function valueSchema(field: FieldModel): JsonSchema {
  return fieldType(field.type).valueSchema(field);
}

function nullable(schema: JsonSchema): JsonSchema {
  // An enum lists its allowed values, so null must be one of them too.
  if (Array.isArray(schema.enum)) return { ...schema, type: [schema.type, 'null'], enum: [...schema.enum, null] };
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.type)) return { ...schema, type: [...schema.type, 'null'] };
  return schema;
}

/** Fields a client may write: not computed, not children, not system columns. */
export function writableFields(entity: EntityModel): FieldModel[] {
  return Object.values(entity.fields).filter((f) => fieldType(f.type).writable !== false);
}

function isRequiredOnCreate(field: FieldModel): boolean {
  return 'required' in field && !!field.required && !('default' in field && field.default !== undefined);
}

/** Schema of `data` for create or update; children nest their own data schema. */
export function dataSchema(entity: EntityModel, mode: 'create' | 'update', model: AppModel, omit?: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const field of writableFields(entity)) {
    if (field.name === omit) continue;
    const isRequired = 'required' in field && !!field.required;
    properties[field.name] = isRequired ? valueSchema(field) : nullable(valueSchema(field));
    if (mode === 'create' && isRequiredOnCreate(field) && !fieldType(field.type).secret) required.push(field.name);
  }
  for (const field of Object.values(entity.fields)) {
    if (!field.child) continue;
    const child = model.entity(field.child.entity);
    // Items with an id may send only what changed; the service checks required fields of new items.
    const item = dataSchema(child, 'update', model, field.child.foreignKey);
    properties[field.name] = {
      type: 'array',
      maxItems: 1000,
      items: { ...item, properties: { ...(item.properties as object), id: { type: 'integer', minimum: 1 } } },
    };
  }
  return { type: 'object', additionalProperties: false, properties, ...(required.length ? { required } : {}) };
}

function filterValueSchema(field: FieldModel): JsonSchema {
  const value = valueSchema(field);
  const scalar = nullable(value);
  const operand: Record<FilterOperator, JsonSchema> = {
    eq: scalar,
    ne: scalar,
    gt: value,
    gte: value,
    lt: value,
    lte: value,
    in: { type: 'array', items: value, minItems: 1, maxItems: 500 },
    contains: { type: 'string', minLength: 1, maxLength: MAX_SEARCH_LENGTH },
    between: { type: 'array', items: value, minItems: 2, maxItems: 2 },
    isNull: { type: 'boolean' },
  };
  const properties = Object.fromEntries(fieldType(field.type).filterOperators.map((op) => [op, operand[op]]));
  return { anyOf: [scalar, { type: 'object', additionalProperties: false, minProperties: 1, properties }] };
}

export function filterSchema(entity: EntityModel): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const name of sortableFields(entity)) properties[name] = filterValueSchema(filterableField(entity, name)!);
  return { type: 'object', additionalProperties: false, properties };
}

/** System columns plus the stored fields whose type has filter operators. */
export function sortableFields(entity: EntityModel): string[] {
  return [...entity.systemFields, ...entity.columns.filter((f) => fieldType(f.type).filterOperators.length > 0).map((f) => f.name)];
}

export function listInputSchema(entity: EntityModel): JsonSchema {
  const sortable = sortableFields(entity);
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      filter: filterSchema(entity),
      sort: { type: 'string', enum: sortable.flatMap((f) => [f, `-${f}`]) },
      page: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
      search: { type: 'string', maxLength: MAX_SEARCH_LENGTH },
    },
  };
}

export const ID_INPUT_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id'],
  properties: { id: { type: 'integer', minimum: 1 } },
};

export function createInputSchema(entity: EntityModel, model: AppModel): JsonSchema {
  return { type: 'object', additionalProperties: false, required: ['data'], properties: { data: dataSchema(entity, 'create', model) } };
}

export function updateInputSchema(entity: EntityModel, model: AppModel): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'data'],
    properties: { id: { type: 'integer', minimum: 1 }, data: dataSchema(entity, 'update', model), version: { type: 'integer', minimum: 1 } },
  };
}
