/** An instant, ISO-8601 on the wire (UTC), DATETIME/TIMESTAMP in the database. */
import { defineFieldType, FILTER_OPERATORS, textOrder } from './fieldType.js';
import { dateLikeOptions, literalDefault } from './dateLike.js';
import { toIso } from '../values/storedDate.js';

const nowValue = (at: { now: Date }) => at.now.toISOString();

export const datetimeValue = {
  column: () => ({ kind: 'datetime' as const }),
  toStored: (_field: unknown, value: unknown) => new Date(value as string),
  reader: () => toIso,
  valueSchema: () => ({ type: 'string', format: 'date-time' }),
  csv: {},
  tsType: () => 'string',
  fitsLiteral: (_field: unknown, literal: string | number | boolean) => typeof literal === 'string' && !Number.isNaN(Date.parse(literal)),
  order: textOrder(true),
  nowValue,
} as const;

export const datetime = defineFieldType({
  ...datetimeValue,
  options: dateLikeOptions('datetime'),
  storedDefault: literalDefault,
  initialValue: (field, at) => (field.default === 'now' ? nowValue(at) : field.default),
  filterOperators: FILTER_OPERATORS,
});
