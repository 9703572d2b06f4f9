/** Yes or no: a checkbox, "Sim"/"Não" in lists, a yes/no filter. */
import { defineFieldType, type ControlProps } from './fieldType.js';

function CheckboxControl({ common, input }: ControlProps) {
  return (
    <input
      {...common}
      ref={input.ref}
      type="checkbox"
      className="checkbox-input"
      checked={input.value === true}
      onChange={(e) => input.onChange(e.target.checked)}
    />
  );
}

export const booleanField = defineFieldType({
  Control: CheckboxControl,
  toInput: (_field, value) => value === true,
  toData: (_field, input) => ({ value: input === true }),
  text: (_field, value, _display, o) => (value === true || value === 1 ? o.yes : o.no),
  filter: () => ({ kind: 'boolean' }),
  fieldClass: 'field-boolean',
});
