/** An e-mail address: the browser's e-mail box, trimmed, filtered by "contains". */
import { defineFieldType, trimmedText, type ControlProps } from './fieldType.js';

function EmailControl({ common, input, text }: ControlProps) {
  return <input {...common} ref={input.ref} type="email" autoComplete="off" value={text} onChange={input.onChange} />;
}

export const emailField = defineFieldType({
  Control: EmailControl,
  toData: (_field, input) => trimmedText(input),
  filter: () => ({ kind: 'text' }),
});
