/** The input for one field, by type, bound to react-hook-form. */
import { useController, type Control } from 'react-hook-form';
import { formatDecimal, parseDecimalText } from '../format/decimalText.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { entityOfField, findEntityByKey } from '../model/entityLookup.js';
import { FileInput, type FileValue } from '../files/index.js';
import type { AppModelDescription, FieldDescription } from '../model/modelTypes.js';
import type { FormValues, RelationValue } from './formValues.js';
import { useFormConversion } from './FormConversion.js';
import { DateInput } from './inputs/DateInput.js';
import { RelationPicker } from './inputs/RelationPicker.js';

export interface FieldControlProps {
  field: FieldDescription;
  /** Form path: `customer`, `items.0.description`. */
  name: string;
  id: string;
  control: Control<FormValues>;
  model: AppModelDescription;
  describedBy?: string;
  /** Inside a table: the label is given to screen readers only. */
  ariaLabel?: string;
  /** Narrow cell: shorter placeholders. */
  compact?: boolean;
}

export function FieldControl({ field, name, id, control, model, describedBy, ariaLabel, compact }: FieldControlProps) {
  const { t } = useI18n();
  const { sep } = useFormConversion();
  const { field: input, fieldState } = useController({ name, control });
  const invalid = !!fieldState.error;
  const common = {
    id,
    name: input.name,
    onBlur: input.onBlur,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-label': ariaLabel,
    'aria-required': field.required || undefined,
  };
  const text = typeof input.value === 'string' ? input.value : '';

  switch (field.type) {
    case 'boolean':
      return <input {...common} ref={input.ref} type="checkbox" className="checkbox-input" checked={input.value === true} onChange={(e) => input.onChange(e.target.checked)} />;
    case 'text':
      return <textarea {...common} ref={input.ref} rows={3} value={text} onChange={input.onChange} />;
    case 'json':
      return <textarea {...common} ref={input.ref} rows={3} className="mono" value={text} onChange={input.onChange} placeholder={t('form.jsonHint')} spellCheck={false} />;
    case 'enum':
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
    case 'date':
    case 'datetime':
      return <DateInput {...common} ref={input.ref} withTime={field.type === 'datetime'} value={text} onValueChange={input.onChange} />;
    case 'decimal':
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
    case 'integer':
      return <input {...common} ref={input.ref} type="text" inputMode="numeric" className="num" autoComplete="off" value={text} onChange={input.onChange} />;
    case 'relation':
      return (
        <RelationPicker
          id={id}
          target={field.target ? findEntityByKey(model, field.target) : undefined}
          fieldLabel={ariaLabel ?? field.label}
          value={input.value as RelationValue}
          onChange={input.onChange}
          onBlur={input.onBlur}
          invalid={invalid}
          describedBy={describedBy}
          required={field.required}
          compact={compact}
        />
      );
    case 'file':
    case 'image':
      return (
        <FileInput
          id={id}
          field={field}
          entityKey={entityOfField(model, field)?.key ?? ''}
          value={input.value as FileValue | null}
          onChange={input.onChange}
          onBlur={input.onBlur}
          invalid={invalid}
          describedBy={describedBy}
          ariaLabel={ariaLabel}
          compact={compact}
        />
      );
    case 'password':
      return <input {...common} ref={input.ref} type="password" autoComplete="new-password" value={text} onChange={input.onChange} />;
    case 'email':
      return <input {...common} ref={input.ref} type="email" autoComplete="off" value={text} onChange={input.onChange} />;
    case 'time':
      return <input {...common} ref={input.ref} type="text" inputMode="numeric" placeholder="hh:mm" value={text} onChange={input.onChange} />;
    default:
      return <input {...common} ref={input.ref} type="text" value={text} onChange={input.onChange} />;
  }
}
