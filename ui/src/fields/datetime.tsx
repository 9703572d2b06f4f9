/** A moment: typed as dd/mm/aaaa hh:mm, sent as ISO-8601, `"default": "now"` is now, filtered by whole days. */
import { dayBoundary, formatDateTime, parseDateTimeText } from '../format/dateText.js';
import { DateInput } from '../form/inputs/DateInput.js';
import { DAY_RANGE } from './date.js';
import { defineFieldType, isEmpty, type ControlProps } from './fieldType.js';

function DateTimeControl({ common, input, text }: ControlProps) {
  return <DateInput {...common} ref={input.ref} withTime value={text} onValueChange={input.onChange} />;
}

export const datetimeField = defineFieldType({
  Control: DateTimeControl,
  defaultValue: (field, ctx) => (field.default === 'now' ? ctx.now : (field.default ?? null)),
  toInput: (_field, value) => (isEmpty(value) ? '' : formatDateTime(String(value))),
  toData: (_field, input) => {
    const parsed = parseDateTimeText(typeof input === 'string' ? input : '');
    return parsed.ok ? { value: parsed.value } : { issue: { key: 'invalidDateTime' } };
  },
  text: (_field, value) => formatDateTime(String(value)),
  filter: () => ({ kind: 'range', valueType: 'datetime' }),
  range: { ...DAY_RANGE, toApi: (value, end) => dayBoundary(value, end) },
});
