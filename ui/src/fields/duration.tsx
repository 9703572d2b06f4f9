/**
 * A duration (a total time on the shop floor): typed and shown as hh:mm:ss,
 * with the decimals of a second only when there are any ("01:30:00",
 * "01:30:00.25"), sent as the wire's HH:MM:SS.ffffff, filtered by range.
 * The dot stays a dot in every language: it is how the machines print times.
 */
import { DURATION_PATTERN, formatDuration, parseDuration } from '../../../core/values/duration.js';
import { TidiedTextInput } from './TidiedTextInput.js';
import { defineFieldType, isEmpty, type ControlProps, type ParseResult, type ValueResult } from './fieldType.js';

const DURATION_TEXT = new RegExp(DURATION_PATTERN);

/** Wire or typed text → what people read; null when it is not a duration. */
function durationText(text: string): string | null {
  if (!DURATION_TEXT.test(text.trim())) return null;
  const [clock, fraction = ''] = formatDuration(parseDuration(text)).split('.');
  const digits = fraction.replace(/0+$/, '');
  return digits ? `${clock}.${digits}` : clock!;
}

function parseTyped(text: string): ParseResult {
  if (text.trim() === '') return { ok: true, value: null };
  const shown = durationText(text);
  return shown === null ? { ok: false } : { ok: true, value: shown };
}

function durationValue(input: unknown): ValueResult {
  const parsed = parseTyped(typeof input === 'string' ? input : '');
  if (!parsed.ok) return { issue: { key: 'invalidDuration' } };
  return { value: parsed.value === null ? null : formatDuration(parseDuration(parsed.value)) };
}

/** "1:30:00" becomes "01:30:00" on leaving the field. */
function DurationControl({ common, input, text }: ControlProps) {
  return <TidiedTextInput common={common} input={input} text={text} placeholder="hh:mm:ss" tidy={durationText} />;
}

export const durationField = defineFieldType({
  Control: DurationControl,
  toInput: (_field, value) => (isEmpty(value) ? '' : (durationText(String(value)) ?? String(value))),
  toData: (_field, input) => durationValue(input),
  text: (_field, value) => durationText(String(value)) ?? String(value),
  filter: () => ({ kind: 'range', valueType: 'duration' }),
  range: {
    urlPattern: DURATION_TEXT,
    input: 'text',
    show: (value) => durationText(value) ?? value,
    parse: (text) => parseTyped(text),
    toApi: (value) => formatDuration(parseDuration(value)),
  },
  hint: () => 'form.durationHint',
  numeric: true,
});
