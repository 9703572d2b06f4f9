/** A whole number: typed plainly, shown with thousands separators, filtered by range; `display: progress` shows a bar. */
import { formatDecimal, formatInteger, parseDecimalText } from '../format/decimalText.js';
import { defineFieldType, type ControlProps, type DisplayProps, type ValueResult } from './fieldType.js';

function IntegerControl({ common, input, text }: ControlProps) {
  return <input {...common} ref={input.ref} type="text" inputMode="numeric" className="num" autoComplete="off" value={text} onChange={input.onChange} />;
}

function integerValue(input: unknown): ValueResult {
  const t = typeof input === 'string' ? input.trim() : '';
  if (t === '') return { value: null };
  if (!/^[-+]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) return { issue: { key: 'invalidInteger' } };
  return { value: Number(t) };
}

/** A bar with its percentage beside it: a job's progress reads at a glance and updates live. */
function IntegerDisplay({ field, value, text }: DisplayProps) {
  if (field.display !== 'progress' || typeof value !== 'number') return <>{text}</>;
  const min = Number(field.min ?? 0);
  const max = Number(field.max ?? 100);
  const percent = max > min ? Math.round(((Math.min(Math.max(value, min), max) - min) / (max - min)) * 100) : 0;
  return (
    <span className="progress-value">
      <progress max={100} value={percent} aria-label={field.label} />
      <span className="num">{percent}%</span>
    </span>
  );
}

export const integerField = defineFieldType({
  Control: IntegerControl,
  toData: (_field, input) => integerValue(input),
  text: (_field, value, _display, o) => formatInteger(value as number, o.sep),
  Display: IntegerDisplay,
  filter: () => ({ kind: 'range', valueType: 'integer' }),
  range: {
    urlPattern: /^-?\d{1,15}$/,
    input: 'decimal',
    show: (value, sep) => formatDecimal(value, sep),
    parse: (text, sep) => {
      const parsed = parseDecimalText(text, sep);
      return parsed.ok && parsed.value !== null && !/^-?\d+$/.test(parsed.value) ? { ok: false } : parsed;
    },
    toApi: (value) => Number(value),
  },
  numeric: true,
});
