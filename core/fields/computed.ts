/**
 * A read-only value the module's plugin computes. It behaves as a field of the
 * type it `returns` (column, conversion, schema, CSV); `stored` ones are
 * written on every save and can be filtered, sorted and reported on.
 */
import { Type } from '@sinclair/typebox';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, dictOf, enumOf, FILTER_OPERATORS, type AnyFieldType, type FieldModelOf } from './fieldType.js';
import { string } from './string.js';
import { integer } from './integer.js';
import { decimal, decimalValue, DEFAULT_DECIMAL_SCALE } from './decimal.js';
import { boolean } from './boolean.js';
import { date } from './date.js';
import { datetime } from './datetime.js';

const RETURNS = { string, integer, decimal, boolean, date, datetime } as const;
const RESULT_TYPES = ['string', 'integer', 'decimal', 'boolean', 'date', 'datetime'] as const;

const options = Type.Object(
  {
    type: Type.Literal('computed'),
    label: Type.Optional(Type.String()),
    help: Type.Optional(Type.String()),
    returns: enumOf(RESULT_TYPES),
    stored: Type.Optional(Type.Boolean({ description: 'Stored computed values are written on every save and can be filtered, sorted and reported on.' })),
    precision: Type.Optional(decimalValue.precision),
    scale: Type.Optional(decimalValue.scale),
    labels: Type.Optional(dictOf(Type.String(), { description: 'Display labels per value of a computed string.' })),
    column: COMMON_OPTIONS.column,
  },
  CLOSED_OPTIONS,
);

type ComputedModel = FieldModelOf<(typeof options)['static']>;

type Returned = { type: AnyFieldType; field: FieldModelOf<Record<string, unknown>> };

const returnedOf = new WeakMap<ComputedModel, Returned>();

/** The type the field returns, and the field as one of that type (with that type's model defaults); worked out once per field, as CSV asks per cell. */
function asReturned(field: ComputedModel): Returned {
  let returned = returnedOf.get(field);
  if (!returned) {
    const type: AnyFieldType = RETURNS[field.returns];
    const as = { ...field, type: field.returns };
    returned = { type, field: { ...as, ...type.defaults?.(as, '') } };
    returnedOf.set(field, returned);
  }
  return returned;
}

export const computed = defineFieldType({
  options,
  defaults: (def) => (def.returns === 'decimal' ? { scale: def.scale ?? DEFAULT_DECIMAL_SCALE } : {}),
  stored: (def) => def.stored === true,
  column(field, tableOf) {
    const { type, field: as } = asReturned(field);
    return type.column!(as, tableOf);
  },
  toStored(field, value) {
    const { type, field: as } = asReturned(field);
    return type.toStored ? type.toStored(as, value) : value;
  },
  reader(field) {
    const { type, field: as } = asReturned(field);
    return type.reader?.(as) ?? ((stored: unknown) => stored);
  },
  valueSchema(field) {
    const { type, field: as } = asReturned(field);
    return type.valueSchema(as);
  },
  filterOperators: FILTER_OPERATORS,
  csv: {
    numeric(field) {
      const { type, field: as } = asReturned(field);
      return type.csv?.numeric?.(as) ?? false;
    },
    text(field, value, row, format) {
      const { type, field: as } = asReturned(field);
      return type.csv?.text?.(as, value, row, format) ?? String(value);
    },
  },
  tsType(field, ts) {
    const { type, field: as } = asReturned(field);
    return type.tsType(as, ts);
  },
  writable: false,
  onForm: false,
  valueType: (field) => field.returns,
  check: (field, c) => decimalValue.checkScale(field, c.at, c.add),
});
