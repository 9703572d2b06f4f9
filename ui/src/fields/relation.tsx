/** A reference to another record: picked by name, shown by its display text, filtered by one record. */
import { RelationPicker, type RelationValue } from '../form/inputs/RelationPicker.js';
import { findEntityByKey } from '../model/entityLookup.js';
import { defineFieldType, isEmpty, type ControlProps } from './fieldType.js';

function RelationControl({ field, id, input, invalid, model, describedBy, ariaLabel, compact }: ControlProps) {
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
}

export const relationField = defineFieldType({
  Control: RelationControl,
  toInput: (_field, value, { display }) =>
    ({ id: isEmpty(value) ? null : Number(value), label: display ?? (isEmpty(value) ? '' : `#${String(value)}`) }) satisfies RelationValue,
  toData: (_field, input) => {
    const id = (input as RelationValue | null)?.id;
    return { value: typeof id === 'number' ? id : null };
  },
  text: (_field, value, display) => display ?? `#${String(value)}`,
  filter: (field) => (field.target ? { kind: 'relation', target: field.target } : null),
});
