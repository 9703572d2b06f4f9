/**
 * What a field type is to the server: one object per type (core/fields/<type>.ts)
 * holding its manifest options, model defaults, column, stored ↔ wire conversion,
 * input schema, filter operators, CSV text, TypeScript type and manifest checks.
 * Everything else in core asks the registry (./index.ts) instead of switching on
 * a field's type.
 */
import { Type, type Static, type TObject, type TSchema } from '@sinclair/typebox';

export type JsonSchema = Record<string, unknown>;

/** Filter operators of the API contract. */
export const FILTER_OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'between', 'isNull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** Operators of a type whose values order but are not text. */
export const ORDERED_OPERATORS: readonly FilterOperator[] = FILTER_OPERATORS.filter((op) => op !== 'contains');

/** Dialect-neutral column kinds; core/db/schema/ddl.ts writes each in the dialect's own type. */
export type ColumnKind = 'string' | 'text' | 'integer' | 'bigint' | 'boolean' | 'date' | 'datetime' | 'json';

export interface ColumnReference {
  table: string;
  /** The target's primary key column; absent: `id`. */
  column?: string;
  onDelete: 'RESTRICT' | 'CASCADE' | 'SET NULL';
}

/** The column a field needs, before nullability and default (which the schema derives from the field). */
export interface ColumnShape {
  kind: ColumnKind;
  /** For `string`: maximum length. */
  length?: number;
  /** Allowed values, enforced by a CHECK constraint. */
  values?: string[];
  references?: ColumnReference;
  /** Nullable even when the field is required (a password is checked by the service, not the database). */
  alwaysNullable?: boolean;
}

/** What the app model adds to every field of a manifest (a type literal, so a model field fits the registry's erased types). */
export type FieldModelExtras = {
  name: string;
  label: string;
  /** True when the field has a column of its own. */
  stored: boolean;
  /** Resolved `module.entity` key of a relation target. */
  target?: string;
  /** For children: the child entity key and its relation field back to this entity. */
  child?: { entity: string; foreignKey: string };
  /** Exact-decimal storage: the value is kept as an integer of 10^-scale units. */
  scale?: number;
};

export type FieldModelOf<Def> = Def & FieldModelExtras;

type ModelOf<S extends TObject> = FieldModelOf<Static<S>>;

export interface CsvFormat {
  /** pt-BR: `12,50` and sim/não; en: `12.50` and yes/no. */
  decimalComma: boolean;
}

export type WireRow = Record<string, unknown>;

/** A manifest field as other manifest checks see it. */
export interface FieldDefShape {
  type: string;
  to?: string;
}

/** Checks of one field a JSON Schema cannot make (references, bounds against each other). */
export interface FieldCheck {
  module: string;
  /** The entity holding the field. */
  entity: string;
  /** JSON pointer below the field, e.g. at('to'). */
  at(...rest: string[]): string;
  add(path: string, message: string): void;
  /** Fields of `name` or `module.name`; undefined for an unknown entity. */
  entityFields(target: string): Readonly<Record<string, FieldDefShape>> | undefined;
  /** Fields of an entity of the same module only. */
  ownEntityFields(name: string): Readonly<Record<string, FieldDefShape>> | undefined;
}

/** How a workflow condition compares a record's value with a manifest literal. */
export interface LiteralOrder {
  /** Whether gt/gte/lt/lte apply. */
  ordered: boolean;
  /** Negative, zero or positive, like a sort comparator. */
  compare(value: unknown, literal: string | number | boolean): number;
}

/** What a field's TypeScript type text may depend on. */
export interface TsTypeContext {
  /** `row`: what reads return; `input`: what creates and updates accept. */
  mode: 'row' | 'input';
  /** The generated row type of an entity of the same module. */
  rowType(entity: string): string;
}

/** A string literal type in the house style (single quotes). */
export function tsLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export interface FieldTypeDef<S extends TObject> {
  /** The manifest options (with `type` and its defaults' descriptions); becomes `definitions.<type>Field` of manifest.schema.json. */
  options: S;
  /** Defaults and resolved references the model fills in once, e.g. `maxLength` 255. */
  defaults?(def: Static<S>, module: string): Partial<ModelOf<S>>;
  /** Whether a field declared so has a column; default: whether the type has `column`. */
  stored?(def: Static<S>): boolean;
  /** The column of a stored field; absent for a type that never has one. */
  column?(field: ModelOf<S>, tableOf: (entityKey: string) => string): ColumnShape;
  /** The default as the database holds it; undefined when the service applies it (or there is none). */
  storedDefault?(field: ModelOf<S>): string | number | boolean | undefined;
  /** The value a new record gets when the caller sends none; default: a copy of `default`. */
  initialValue?(field: ModelOf<S>, at: { now: Date; timeZone: string }): unknown;
  /** One wire value (never null) → its stored form; throws RangeError for a value the column cannot hold. */
  toStored?(field: ModelOf<S>, value: unknown): unknown;
  /** The stored → wire conversion of one field (never given null), chosen once per field. */
  reader?(field: ModelOf<S>): (stored: unknown) => unknown;
  /** JSON Schema of one value (never null) in create/update input and filters. */
  valueSchema(field: ModelOf<S>): JsonSchema;
  /** Problems of a schema-valid value the schema cannot see (decimal places, range). */
  valueIssues?(field: ModelOf<S>, value: unknown): string[];
  /** API filter operators; none: the field neither filters nor sorts. */
  filterOperators: readonly FilterOperator[];
  /** CSV cell; absent: the field is not exported. */
  csv?: {
    /** A number a spreadsheet can sum (kept unquoted); default false. */
    numeric?(field: ModelOf<S>): boolean;
    /** Default: the wire value as text. */
    text?(field: ModelOf<S>, value: unknown, row: WireRow, format: CsvFormat): string;
  };
  /** TypeScript type of the wire value (null aside), e.g. `string` or `'a' | 'b'`, for the module types `npm run types:generate` writes. */
  tsType(field: ModelOf<S>, ts: TsTypeContext): string;
  /** False for values only core or plugins write (computed, children). Default true. */
  writable?: boolean;
  /** Never sent back to a client nor shown in history (passwords). */
  secret?: boolean;
  /** Stored encrypted with the platform's key (core/secrets); history records only that it changed; plugins read it with `readSecret`. */
  encrypted?: boolean;
  /** Offered in a default list (false for long or opaque values). Default true. */
  listed?: boolean;
  /** Shown on a default form. Default true. */
  onForm?: boolean;
  /** May be the entity's display field by default (the first such column). */
  titleCandidate?: boolean;
  /** The column holds the id of a file in the platform's file store (uploads, thumbnails, downloads). */
  holdsFile?: boolean;
  /** Its files are images: measured and given a thumbnail when uploaded. */
  holdsImages?: boolean;
  /** May be a `list.search` field. */
  searchable?: boolean;
  /** Whether a manifest literal (workflow effects and conditions) is a value the field can hold (for the type in `valueType`); absent: none is. */
  fitsLiteral?(field: Static<S>, literal: string | number | boolean): boolean;
  /** How workflow conditions compare (for the type in `valueType`); absent: the field cannot be compared. */
  order?: LiteralOrder;
  /** The type whose values this field holds, when not its own (computed fields). */
  valueType?(field: Static<S>): string;
  /** The fixed values the field may hold, with their display labels (what a workflow's states are made of); absent: any value of its type. */
  choices?(field: Static<S>): { values: readonly string[]; labels: Readonly<Record<string, string>> };
  /** The value workflow `now` effects and `"now"` defaults write; absent: not a date type. */
  nowValue?(at: { now: Date; timeZone: string }): string;
  /** Whether workflow `currentUser` effects may write the acting user's id here. */
  holdsUserId?(field: Static<S>): boolean;
  /** Checks of a manifest field a JSON Schema cannot make. */
  check?(field: Static<S>, c: FieldCheck): void;
}

/** A field type of unknown options, as the registry hands it out. */
export type AnyFieldType = FieldTypeDef<TObject>;

/** Gives a field type its precise types; the registry (./index.ts) lists every one. */
export function defineFieldType<S extends TObject>(def: FieldTypeDef<S>): FieldTypeDef<S> {
  return def;
}

/** A type's options object is closed: unknown properties are refused. */
export const CLOSED_OPTIONS = { additionalProperties: false } as const;

/** A table or column name as the database knows it (always quoted in SQL, so reserved words are fine). */
export const SQL_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_$#]*$';

/** Options every field has. */
export const COMMON_OPTIONS = {
  label: Type.Optional(Type.String({ description: 'Shown on forms, lists and exports; defaults to the field name with its first letter capitalised.' })),
  help: Type.Optional(Type.String({ description: 'A hint shown next to the form control.' })),
  required: Type.Optional(Type.Boolean()),
  column: Type.Optional(
    Type.String({
      pattern: SQL_NAME_PATTERN,
      description: "The field's column in the table (an existing table's own name); default: the field name.",
    }),
  ),
};

export const UNIQUE_OPTION = { unique: Type.Optional(Type.Boolean({ description: 'No two records may hold the same value (a unique index).' })) };

/** The shared options as one object, for the FieldCommon type. */
export const FIELD_COMMON = Type.Object({ ...COMMON_OPTIONS, ...UNIQUE_OPTION });

/** A closed list of strings, written as JSON Schema `enum` (its errors list the allowed values). */
export function enumOf<const T extends readonly string[]>(values: T, options: { description?: string } = {}) {
  return Type.Unsafe<T[number]>({ enum: [...values], ...options });
}

/** An object of any keys whose values all match `value` (JSON Schema `additionalProperties`). */
export function dictOf<V extends TSchema>(value: V, options: Record<string, unknown> = {}) {
  return Type.Unsafe<Record<string, Static<V>>>({ type: 'object', ...options, additionalProperties: value });
}

/** Identifiers as the manifest writes them (entity, field and module names). */
export const IDENTIFIER_PATTERN = '^[a-z][a-z0-9_]{0,39}$';
export const IDENTIFIER = new RegExp(IDENTIFIER_PATTERN);

/** Numbers by value (decimals arrive as strings). */
export const NUMERIC_ORDER: LiteralOrder = { ordered: true, compare: (value, literal) => Math.sign(Number(value) - Number(literal)) };

/** Text as it is written (ISO dates and times order so too). */
export function textOrder(ordered: boolean): LiteralOrder {
  return {
    ordered,
    compare(value, literal) {
      const [a, b] = [String(value), String(literal)];
      return a < b ? -1 : a > b ? 1 : 0;
    },
  };
}

/** `min` must not exceed `max` (integer, decimal). */
export function checkBounds(field: { min?: number; max?: number }, c: FieldCheck): void {
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) c.add(c.at('min'), 'min must not be greater than max');
}

/** JSON Schema with the undefined keywords left out. */
export function withDefined(schema: Record<string, unknown>): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([, v]) => v !== undefined));
}
