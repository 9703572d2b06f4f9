/**
 * The UI's field types, one registration line each: every screen asks this
 * registry what a field's type does instead of switching on its name.
 */
import type { FieldDescription } from '../model/modelTypes.js';
import { booleanField } from './boolean.js';
import { cnpjField } from './cnpj.js';
import { cpfField } from './cpf.js';
import { childrenField } from './children.js';
import { computedField } from './computed.js';
import { dateField } from './date.js';
import { datetimeField } from './datetime.js';
import { decimalField } from './decimal.js';
import { durationField } from './duration.js';
import { emailField } from './email.js';
import { enumField } from './enum.js';
import type { FieldTypeName, FieldTypeUi, FilterSpec, RangeBound } from './fieldType.js';
import { fileField } from './file.js';
import { imageField } from './image.js';
import { integerField } from './integer.js';
import { jsonField } from './json.js';
import { passwordField } from './password.js';
import { relationField } from './relation.js';
import { secretField } from './secret.js';
import { stringField } from './string.js';
import { textField } from './text.js';
import { timeField } from './time.js';

const FIELD_TYPES: Readonly<Record<FieldTypeName, FieldTypeUi>> = {
  string: stringField,
  text: textField,
  email: emailField,
  password: passwordField,
  secret: secretField,
  integer: integerField,
  decimal: decimalField,
  duration: durationField,
  boolean: booleanField,
  date: dateField,
  datetime: datetimeField,
  time: timeField,
  enum: enumField,
  json: jsonField,
  relation: relationField,
  children: childrenField,
  computed: computedField,
  file: fileField,
  image: imageField,
  cnpj: cnpjField,
  cpf: cpfField,
};

/** What the field's own type does in forms: its control, conversions, hint and layout. */
export function fieldTypeOf(field: FieldDescription): FieldTypeUi {
  return FIELD_TYPES[field.type];
}

/** The type the field's values behave like (a computed field's `returns`): for text, display, filters and alignment. */
export function valueTypeNameOf(field: FieldDescription): FieldTypeName {
  return fieldTypeOf(field).behavesAs?.(field) ?? field.type;
}

export function valueTypeOf(field: FieldDescription): FieldTypeUi {
  return FIELD_TYPES[valueTypeNameOf(field)];
}

/** How a range filter over values of this type reads and writes its bounds. */
export function rangeBoundOf(type: FieldTypeName): RangeBound | undefined {
  return FIELD_TYPES[type].range;
}

/** The filter control a list column gets, or none. */
export function filterSpecOf(field: FieldDescription): FilterSpec | null {
  return valueTypeOf(field).filter?.(field) ?? null;
}

/** Numbers line up on the right. */
export function isNumeric(field: FieldDescription): boolean {
  return valueTypeOf(field).numeric;
}

/** The class of a field's list and table cells. */
export function cellClassOf(field: FieldDescription): string | undefined {
  const type = valueTypeOf(field);
  return type.numeric ? 'num' : type.cellClass;
}

export type { ControlProps, DisplayProps, FieldTypeName, FieldTypeUi, FilterSpec, RangeBound, ValueResult, ValueTextOptions } from './fieldType.js';
