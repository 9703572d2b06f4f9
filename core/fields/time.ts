/** A time of day, `HH:MM` or `HH:MM:SS`, kept as text. */
import { defineFieldType, FILTER_OPERATORS, textOrder } from './fieldType.js';
import { dateLikeOptions } from './dateLike.js';

/** `HH:MM:SS`. */
const TIME_LENGTH = 8;

export const time = defineFieldType({
  options: dateLikeOptions('time'),
  column: () => ({ kind: 'string', length: TIME_LENGTH }),
  storedDefault: (field) => field.default,
  valueSchema: () => ({ type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$' }),
  filterOperators: FILTER_OPERATORS,
  csv: {},
  tsType: () => 'string',
  fitsLiteral: (_field, literal) => typeof literal === 'string',
  order: textOrder(true),
});
