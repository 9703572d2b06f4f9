/** A password: never shown, never read back; an empty box on update keeps the current one. */
import { defineFieldType, type ControlProps } from './fieldType.js';

function PasswordControl({ common, input, text }: ControlProps) {
  return <input {...common} ref={input.ref} type="password" autoComplete="new-password" value={text} onChange={input.onChange} />;
}

export const passwordField = defineFieldType({
  Control: PasswordControl,
  toInput: () => '',
  toData: (_field, input) => ({ value: typeof input === 'string' && input !== '' ? input : undefined }),
  text: () => '••••••',
  hint: (mode) => (mode === 'update' ? 'form.passwordHint' : undefined),
  inDetail: false,
});
