/** An exact decimal: a string end to end, typed and shown in the locale's notation ("1.234,56"), filtered by range. */
import { compareDecimals, decimalDigits, formatDecimal, parseDecimalText } from '../format/decimalText.js';
import { useFormConversion } from '../form/FormConversion.js';
import type { NumberSeparators } from '../i18n/locale.js';
import type { FieldDescription } from '../model/modelTypes.js';
import { defineFieldType, isEmpty, type ControlProps, type ValueResult } from './fieldType.js';

function DecimalControl({ common, input, text }: ControlProps) {
  const { sep } = useFormConversion();
  return (
    <input
      {...common}
      ref={input.ref}
      type="text"
      inputMode="decimal"
      className="num"
      autoComplete="off"
      value={text}
      onChange={input.onChange}
      onBlur={() => {
        // Tidy what was typed ("1234,5" → "1.234,5") without touching a digit.
        const parsed = parseDecimalText(text, sep);
        if (parsed.ok && parsed.value !== null) input.onChange(formatDecimal(parsed.value, sep));
        input.onBlur();
      }}
    />
  );
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
