/** Exact decimal: stored as an integer of 10^-scale units (BIGINT), sent as a string with `scale` decimals. */
import { Type } from '@sinclair/typebox';
import { checkBounds, CLOSED_OPTIONS, COMMON_OPTIONS, defineFieldType, FILTER_OPERATORS, NUMERIC_ORDER, UNIQUE_OPTION } from './fieldType.js';
import { decimalText, type CsvReadFormat } from './csvText.js';
import { DEFAULT_DECIMAL_PRECISION, decimalPattern, fromStoredDecimal, toStoredDecimal } from '../values/decimal.js';

/** Decimal places of a decimal field that declares none. */
export const DEFAULT_DECIMAL_SCALE = 2;

const PRECISION = Type.Integer({ minimum: 1, maximum: 15, description: 'Total digits; at most 15 so every value is exact.' });
const SCALE = Type.Integer({ minimum: 0, maximum: 6 });

/** What decimal and decimal-returning computed fields share. */
export const decimalValue = {
  precision: PRECISION,
  scale: SCALE,
  column: () => ({ kind: 'bigint' as const }),
  toStored: (field: { scale?: number }, value: unknown) => toStoredDecimal(value as string | number, field.scale!),
  reader(field: { scale?: number }) {
    const scale = field.scale!;
    return (stored: unknown) => fromStoredDecimal(stored as number, scale);
  },
  valueSchema: (field: { precision?: number; scale?: number }) => ({
    type: ['string', 'number'],
    pattern: decimalPattern(field.precision ?? DEFAULT_DECIMAL_PRECISION, field.scale!),
  }),
  csv: {
    numeric: () => true,
    text: (_field: unknown, value: unknown, _row: unknown, format: { decimalComma: boolean }) =>
      format.decimalComma ? String(value).replace('.', ',') : String(value),
    parse: (_field: unknown, text: string, format: CsvReadFormat) => decimalText(text, format),
  },
  fitsLiteral: (_field: unknown, literal: string | number | boolean) =>
    typeof literal === 'number' || (typeof literal === 'string' && /^-?\d+(\.\d+)?$/.test(literal)),
  /** `scale` must leave room for at least one whole digit. */
  checkScale(field: { precision?: number; scale?: number }, at: (...rest: string[]) => string, add: (path: string, message: string) => void): void {
    if ((field.scale ?? 0) >= (field.precision ?? DEFAULT_DECIMAL_PRECISION)) add(at('scale'), 'scale must be smaller than precision');
  },
} as const;

export const decimal = defineFieldType({
  options: Type.Object(
    {
      type: Type.Literal('decimal'),
      ...COMMON_OPTIONS,
      ...UNIQUE_OPTION,
      precision: Type.Optional(PRECISION),
      scale: Type.Optional(SCALE),
      min: Type.Optional(Type.Number()),
      max: Type.Optional(Type.Number()),
      default: Type.Optional(Type.String({ pattern: '^-?\\d+(\\.\\d+)?$' })),
    },
    CLOSED_OPTIONS,
  ),
  defaults: (def) => ({ scale: def.scale ?? DEFAULT_DECIMAL_SCALE }),
  column: decimalValue.column,
  storedDefault: (field) => (field.default === undefined ? undefined : toStoredDecimal(field.default, field.scale!)),
  toStored: decimalValue.toStored,
  reader: decimalValue.reader,
  valueSchema: decimalValue.valueSchema,
  /** Decimal places, precision and min/max: JSON Schema cannot check them on numbers and decimal strings alike. */
  valueIssues(field, value) {
    try {
      toStoredDecimal(value as string | number, field.scale!, field.precision ?? DEFAULT_DECIMAL_PRECISION);
    } catch (e) {
      return [(e as Error).message];
    }
    const n = Number(value);
    const issues: string[] = [];
    if (field.min !== undefined && n < field.min) issues.push(`must be >= ${field.min}`);
    if (field.max !== undefined && n > field.max) issues.push(`must be <= ${field.max}`);
    return issues;
  },
  filterOperators: FILTER_OPERATORS,
  csv: decimalValue.csv,
  // Exact decimals travel as strings; writes take numbers too.
  tsType: (_field, ts) => (ts.mode === 'input' ? 'string | number' : 'string'),
  fitsLiteral: decimalValue.fitsLiteral,
  order: NUMERIC_ORDER,
  check(field, c) {
    decimalValue.checkScale(field, c.at, c.add);
    checkBounds(field, c);
  },
});
