/** A calendar date: typed as dd/mm/aaaa, sent as YYYY-MM-DD, `"default": "now"` is today, filtered by a date range. */
import { formatDate, parseDateText } from '../format/dateText.js';
import { DateInput } from '../form/inputs/DateInput.js';
import { defineFieldType, isEmpty, type ControlProps, type RangeBound } from './fieldType.js';

function DateControl({ common, input, text }: ControlProps) {
  return <DateInput {...common} ref={input.ref} value={text} onValueChange={input.onChange} />;
}

/** Bounds of a date-range filter: days, in the URL as YYYY-MM-DD. */
export const DAY_RANGE: Omit<RangeBound, 'toApi'> = {
  urlPattern: /^\d{4}-\d{2}-\d{2}$/,
  input: 'calendar',
  show: (value) => formatDate(value),
  parse: (text) => parseDateText(text),
};

export const dateField = defineFieldType({
  Control: DateControl,
  defaultValue: (field, ctx) => (field.default === 'now' ? ctx.today : (field.default ?? null)),
  toInput: (_field, value) => (isEmpty(value) ? '' : formatDate(String(value))),
  toData: (_field, input) => {
    const parsed = parseDateText(typeof input === 'string' ? input : '');
    return parsed.ok ? { value: parsed.value } : { issue: { key: 'invalidDate' } };
  },
  text: (_field, value) => formatDate(String(value)),
  filter: () => ({ kind: 'range', valueType: 'date' }),
  range: { ...DAY_RANGE, toApi: (value) => value },
});
