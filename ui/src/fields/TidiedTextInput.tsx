/** A number typed as text, rewritten on leaving the field into the notation the lists show. */
import type { InputHTMLAttributes } from 'react';
import type { ControlProps } from './fieldType.js';

interface TidiedTextInputProps
  extends Pick<ControlProps, 'common' | 'input' | 'text'>,
    Pick<InputHTMLAttributes<HTMLInputElement>, 'inputMode' | 'placeholder'> {
  /** What was typed in the lists' notation, changing no digit; null leaves the text as typed (not a valid value yet). */
  tidy(text: string): string | null;
}

export function TidiedTextInput({ common, input, text, tidy, ...attributes }: TidiedTextInputProps) {
  return (
    <input
      {...common}
      {...attributes}
      ref={input.ref}
      type="text"
      className="num"
      autoComplete="off"
      value={text}
      onChange={input.onChange}
      onBlur={() => {
        const tidied = tidy(text);
        if (tidied !== null) input.onChange(tidied);
        input.onBlur();
      }}
    />
  );
}
