/** True or false; dialects return 1/0 or 'Y', read back as a boolean. */
import { Type } from '@sinclair/typebox';
import { booleanText } from './csvText.js';
import { CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, FILTER_OPERATORS } from './fieldType.js';

export const booleanValue = {
  column: () => ({ kind: 'boolean' as const }),
  reader: () => (stored: unknown) => stored === true || stored === 1 || stored === '1' || stored === 'Y',
  valueSchema: () => ({ type: 'boolean' }),
  csv: {
    text: (_field: unknown, value: unknown, _row: unknown, format: { decimalComma: boolean }) =>
      value ? (format.decimalComma ? 'sim' : 'yes') : format.decimalComma ? 'não' : 'no',
    parse: (_field: unknown, text: string) => booleanText(text),
  },
  tsType: () => 'boolean',
  fitsLiteral: (_field: unknown, literal: string | number | boolean) => typeof literal === 'boolean',
  order: { ordered: false, compare: (value: unknown, literal: string | number | boolean) => ((value === true || value === 1) === literal ? 0 : 1) },
} as const;

export const boolean = defineFieldType({
  ...booleanValue,
  options: Type.Object({ type: Type.Literal('boolean'), ...COMMON_OPTIONS, default: Type.Optional(Type.Boolean()) }, CLOSED_OPTIONS),
  storedDefault: (field) => field.default,
  filterOperators: FILTER_OPERATORS,
});
