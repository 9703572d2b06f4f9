/** Any JSON value, edited as JSON text on a whole form row. */
import { useI18n } from '../i18n/I18nProvider.js';
import { defineFieldType, isEmpty, type ControlProps, type ValueResult } from './fieldType.js';

function JsonControl({ common, input, text }: ControlProps) {
  const { t } = useI18n();
  return (
    <textarea
      {...common}
      ref={input.ref}
      rows={3}
      className="mono"
      value={text}
      onChange={input.onChange}
      placeholder={t('form.jsonHint')}
      spellCheck={false}
    />
  );
}

function jsonValue(input: unknown): ValueResult {
  const text = typeof input === 'string' ? input : '';
  if (text.trim() === '') return { value: null };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { issue: { key: 'invalidJson' } };
  }
}

export const jsonField = defineFieldType({
  Control: JsonControl,
  toInput: (_field, value) => (isEmpty(value) ? '' : JSON.stringify(value)),
  toData: (_field, input) => jsonValue(input),
  text: (_field, value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  wide: true,
});
