/** A day on the business calendar (TIME_ZONE), `YYYY-MM-DD`. */
import { defineFieldType, FILTER_OPERATORS, textOrder } from './fieldType.js';
import { dateLikeOptions, nowDefault } from './dateLike.js';
import { calendarDate } from '../time/index.js';
import { dateText } from './csvText.js';

export const date = defineFieldType({
  options: dateLikeOptions('date'),
  column: () => ({ kind: 'date' }),
  reader: () => (stored: unknown) => (stored instanceof Date ? stored.toISOString().slice(0, 10) : String(stored).slice(0, 10)),
  valueSchema: () => ({ type: 'string', format: 'date' }),
  filterOperators: FILTER_OPERATORS,
  csv: { parse: (_field, text) => dateText(text) },
  tsType: () => 'string',
  fitsLiteral: (_field, literal) => typeof literal === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(literal),
  order: textOrder(true),
  ...nowDefault((at) => calendarDate(at.now, at.timeZone)),
});
