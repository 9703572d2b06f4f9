/** A whole number in an INTEGER column; `display: "progress"` shows it as a bar from min to max. */
import { Type } from '@sinclair/typebox';
import {
  checkBounds,
  CLOSED_OPTIONS,
  COMMON_OPTIONS,
  defineFieldType,
  enumOf,
  FILTER_OPERATORS,
  NUMERIC_ORDER,
  UNIQUE_OPTION,
  withDefined,
} from './fieldType.js';
import { integerText } from './csvText.js';

export const integer = defineFieldType({
  options: Type.Object(
    {
      type: Type.Literal('integer'),
      ...COMMON_OPTIONS,
      ...UNIQUE_OPTION,
      min: Type.Optional(Type.Integer()),
      max: Type.Optional(Type.Integer()),
      default: Type.Optional(Type.Integer()),
      display: Type.Optional(enumOf(['progress'], { description: '"progress": shown as a bar from min to max (both required), e.g. a job\'s percentage' })),
    },
    CLOSED_OPTIONS,
  ),
  column: () => ({ kind: 'integer' }),
  storedDefault: (field) => field.default,
  valueSchema: (field) => withDefined({ type: 'integer', minimum: field.min, maximum: field.max }),
  filterOperators: FILTER_OPERATORS,
  csv: { numeric: () => true, parse: (_field, text, format) => integerText(text, format) },
  tsType: () => 'number',
  fitsLiteral: (_field, literal) => Number.isSafeInteger(literal),
  order: NUMERIC_ORDER,
  holdsUserId: () => true,
  check(field, c) {
    if (field.display === 'progress' && (field.min === undefined || field.max === undefined))
      c.add(c.at('display'), 'a progress bar needs both "min" and "max"');
    checkBounds(field, c);
  },
});
