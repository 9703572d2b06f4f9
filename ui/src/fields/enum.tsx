/** One of a fixed list of values: a select, the values' labels, a one-value filter. */
import { useI18n } from '../i18n/I18nProvider.js';
import { defineFieldType, type ControlProps } from './fieldType.js';

function SelectControl({ field, common, input, text }: ControlProps) {
  const { t } = useI18n();
  return (
    <select {...common} ref={input.ref} value={text} onChange={input.onChange}>
      {(text === '' || !field.required) && <option value="">{field.required || field.default !== undefined ? t('form.select') : t('form.none')}</option>}
      {(field.values ?? []).map((v) => (
        <option key={v} value={v}>
          {field.labels?.[v] ?? v}
        </option>
      ))}
    </select>
  );
}

export const enumField = defineFieldType({
  Control: SelectControl,
  filter: (field) => ({ kind: 'enum', values: field.values ?? [], labels: field.labels ?? {} }),
});
