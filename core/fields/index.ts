/**
 * The field types, one registration line each. Core asks these functions what a
 * field does instead of switching on its type; a new type is its own file here
 * plus one line below (and its UI file under ui/src/fields/).
 */
import type { Static } from '@sinclair/typebox';
import type { AnyFieldType, FieldModelOf } from './fieldType.js';
import { string } from './string.js';
import { text } from './text.js';
import { email } from './email.js';
import { password } from './password.js';
import { secret } from './secret.js';
import { integer } from './integer.js';
import { decimal } from './decimal.js';
import { boolean } from './boolean.js';
import { date } from './date.js';
import { datetime } from './datetime.js';
import { time } from './time.js';
import { enumType } from './enum.js';
import { json } from './json.js';
import { relation } from './relation.js';
import { children } from './children.js';
import { computed } from './computed.js';
import { file } from './file.js';
import { image } from './image.js';
import { duration } from './duration.js';
import { cnpj } from './cnpj.js';
import { cpf } from './cpf.js';

/** The order manifest errors list the types in (an unknown type's message ends with the file types). */
export const FIELD_TYPES = {
  string,
  text,
  email,
  password,
  secret,
  integer,
  decimal,
  boolean,
  date,
  datetime,
  time,
  duration,
  enum: enumType,
  json,
  relation,
  children,
  computed,
  file,
  image,
  cnpj,
  cpf,
} as const;

type Registry = typeof FIELD_TYPES;

export type FieldTypeName = keyof Registry;

/** A field as the manifest declares it, one member per type. */
export type FieldDef = { [N in FieldTypeName]: Static<Registry[N]['options']> }[FieldTypeName];

export type FieldDefOf<N extends FieldTypeName> = Extract<FieldDef, { type: N }>;

/** A field of the compiled app model: its declaration with the model's defaults and resolved references. */
export type FieldModel = FieldModelOf<FieldDef>;

export const FIELD_TYPE_NAMES = Object.keys(FIELD_TYPES) as FieldTypeName[];

/** The registered type of a field. */
export function fieldType(type: FieldTypeName): AnyFieldType {
  return FIELD_TYPES[type];
}

/** Whether a declared field has a column of its own (not children, not a computed value worked out on reads). */
export function hasColumn(def: FieldDef): boolean {
  const type = fieldType(def.type);
  return type.stored ? type.stored(def) : type.column !== undefined;
}

/** The registered type whose values a field holds: its own, or the one a computed field returns. */
export function valueTypeOf(def: FieldDef): AnyFieldType {
  return fieldType(valueTypeNameOf(def));
}

export function valueTypeNameOf(def: FieldDef): FieldTypeName {
  return (fieldType(def.type).valueType?.(def) as FieldTypeName | undefined) ?? def.type;
}

/** The fixed values of a field (an enum's), or undefined for a field that takes any value of its type. */
export function choicesOf(def: FieldDef): { values: readonly string[]; labels: Readonly<Record<string, string>> } | undefined {
  return fieldType(def.type).choices?.(def);
}

export * from './fieldType.js';
