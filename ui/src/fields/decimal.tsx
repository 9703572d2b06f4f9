/** An exact decimal: a string end to end, typed and shown in the locale's notation ("1.234,56"), filtered by range. */
import { compareDecimals, decimalDigits } from '../../../core/values/decimal.js';
import { formatDecimal, parseDecimalText } from '../format/decimalText.js';
import { useFormConversion } from '../form/FormConversion.js';
import type { NumberSeparators } from '../i18n/locale.js';
import type { FieldDescription } from '../model/modelTypes.js';
import { TidiedTextInput } from './TidiedTextInput.js';
import { defineFieldType, isEmpty, type ControlProps, type ValueResult } from './fieldType.js';

/** "1234,5" becomes "1.234,5" on leaving the field. */
function DecimalControl({ common, input, text }: ControlProps) {
  const { sep } = useFormConversion();
  const tidy = (typed: string) => {
    const parsed = parseDecimalText(typed, sep);
    return parsed.ok && parsed.value !== null ? formatDecimal(parsed.value, sep) : null;
  };
  return <TidiedTextInput common={common} input={input} text={text} inputMode="decimal" tidy={tidy} />;
}

function decimalValue(field: FieldDescription, input: unknown, sep: NumberSeparators): ValueResult {
  const parsed = parseDecimalText(typeof input === 'string' ? input : '', sep);
  if (!parsed.ok) return { issue: { key: 'invalidNumber' } };
  if (parsed.value === null) return { value: null };
  const digits = decimalDigits(parsed.value);
  const scale = field.scale ?? 0;
  if (digits.frac > scale) return { issue: { key: 'tooManyDecimals', params: { scale } } };
  if (field.precision !== undefined && digits.int > field.precision - scale)
    return { issue: { key: 'tooManyDigits', params: { digits: field.precision - scale } } };
  if (field.min !== undefined && compareDecimals(parsed.value, String(field.min)) < 0)
    return { issue: { key: 'tooSmall', params: { limit: formatDecimal(String(field.min), sep) } } };
  if (field.max !== undefined && compareDecimals(parsed.value, String(field.max)) > 0)
    return { issue: { key: 'tooLarge', params: { limit: formatDecimal(String(field.max), sep) } } };
  return { value: parsed.value };
}

export const decimalField = defineFieldType({
  Control: DecimalControl,
  toInput: (_field, value, { sep }) => (isEmpty(value) ? '' : formatDecimal(String(value), sep)),
  toData: decimalValue,
  text: (field, value, _display, o) => formatDecimal(String(value), o.sep, field.scale ?? 0),
  filter: () => ({ kind: 'range', valueType: 'decimal' }),
  range: {
    urlPattern: /^-?\d{1,30}(\.\d{1,30})?$/,
    input: 'decimal',
    show: (value, sep) => formatDecimal(value, sep),
    parse: (text, sep) => parseDecimalText(text, sep),
    toApi: (value) => value,
  },
  hint: () => 'form.decimalHint',
  numeric: true,
});
