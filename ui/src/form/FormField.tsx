/** A labelled field: label (with the required mark), input, help text and the error, tied together for screen readers. */
import { useFormState, get, type Control } from 'react-hook-form';
import { fieldTypeOf } from '../fields/index.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { AppModelDescription, FieldDescription } from '../model/modelTypes.js';
import { FieldControl } from './FieldControl.js';
import { inputIdOf } from './formErrors.js';
import type { FormValues } from './formValues.js';

interface FormFieldProps {
  field: FieldDescription;
  name: string;
  control: Control<FormValues>;
  model: AppModelDescription;
  hint?: string;
}

export function FormField({ field, name, control, model, hint }: FormFieldProps) {
  const { t } = useI18n();
  const { errors } = useFormState({ control, name });
  const error = get(errors, name) as { message?: string } | undefined;
  const id = inputIdOf(name);
  const helpText = [field.help, hint].filter(Boolean).join(' ');
  const describedBy = [helpText ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const type = fieldTypeOf(field);
  return (
    <div className={`field${type.fieldClass ? ` ${type.fieldClass}` : ''}${type.wide ? ' field-wide' : ''}${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {field.label}
        {field.required && (
          <span className="required-mark" aria-hidden="true">
            {' '}
            *
          </span>
        )}
        {field.required && <span className="visually-hidden"> ({t('form.required')})</span>}
      </label>
      <FieldControl field={field} name={name} id={id} control={control} model={model} describedBy={describedBy} />
      {helpText && (
        <p id={`${id}-help`} className="hint">
          {helpText}
        </p>
      )}
      {error?.message && (
        <p id={`${id}-error`} className="field-error">
          {error.message}
        </p>
      )}
    </div>
  );
}
