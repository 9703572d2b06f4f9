/** The input for one field, bound to react-hook-form; its field type (ui/src/fields) draws it. */
import { useController, type Control } from 'react-hook-form';
import { fieldTypeOf } from '../fields/index.js';
import type { AppModelDescription, FieldDescription } from '../model/modelTypes.js';
import type { FormValues } from './formValues.js';

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
  const { Control: TypeControl } = fieldTypeOf(field);
  return (
    <TypeControl
      field={field}
      id={id}
      input={input}
      text={text}
      invalid={invalid}
      common={common}
      model={model}
      describedBy={describedBy}
      ariaLabel={ariaLabel}
      compact={compact}
    />
  );
}
