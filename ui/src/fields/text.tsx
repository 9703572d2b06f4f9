/** Long text: a multi-line box on a whole form row, kept as typed. */
import { defineFieldType, type ControlProps } from './fieldType.js';

function TextAreaControl({ common, input, text }: ControlProps) {
  return <textarea {...common} ref={input.ref} rows={3} value={text} onChange={input.onChange} />;
}

export const textField = defineFieldType({ Control: TextAreaControl, wide: true, childColumnClass: 'col-wide' });
