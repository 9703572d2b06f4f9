/** An instant, ISO-8601 on the wire (UTC), DATETIME/TIMESTAMP in the database. */
import { defineFieldType, FILTER_OPERATORS, textOrder } from './fieldType.js';
import { dateLikeOptions, nowDefault } from './dateLike.js';
import { toIso } from '../values/storedDate.js';
import { dateTimeText } from './csvText.js';

export const datetime = defineFieldType({
  options: dateLikeOptions('datetime'),
  column: () => ({ kind: 'datetime' }),
  toStored: (_field, value) => new Date(value as string),
  reader: () => toIso,
  valueSchema: () => ({ type: 'string', format: 'date-time' }),
  filterOperators: FILTER_OPERATORS,
  csv: { parse: (_field, text, format) => dateTimeText(text, format) },
  tsType: () => 'string',
  fitsLiteral: (_field, literal) => typeof literal === 'string' && !Number.isNaN(Date.parse(literal)),
  order: textOrder(true),
  ...nowDefault((at) => at.now.toISOString()),
});
