/** A day on the business calendar (TIME_ZONE), `YYYY-MM-DD`. */
import { defineFieldType, FILTER_OPERATORS, textOrder } from './fieldType.js';
import { dateLikeOptions, literalDefault } from './dateLike.js';
import { calendarDate } from '../time/index.js';

const nowValue = (at: { now: Date; timeZone: string }) => calendarDate(at.now, at.timeZone);

export const dateValue = {
  column: () => ({ kind: 'date' as const }),
  reader: () => (stored: unknown) => (stored instanceof Date ? stored.toISOString().slice(0, 10) : String(stored).slice(0, 10)),
  valueSchema: () => ({ type: 'string', format: 'date' }),
  csv: {},
  tsType: () => 'string',
  fitsLiteral: (_field: unknown, literal: string | number | boolean) => typeof literal === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(literal),
  order: textOrder(true),
  nowValue,
} as const;

export const date = defineFieldType({
  ...dateValue,
  options: dateLikeOptions('date'),
  storedDefault: literalDefault,
  initialValue: (field, at) => (field.default === 'now' ? nowValue(at) : field.default),
  filterOperators: FILTER_OPERATORS,
});
