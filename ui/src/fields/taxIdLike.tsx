/**
 * What cnpj and cpf share on screen: typed with or without punctuation,
 * punctuated on leaving the box once all the digits are there, shown
 * punctuated, sent as digits (the server checks the check digits), filtered by "contains".
 */
import type { ComponentType } from 'react';
import { formatTaxId, taxIdDigits, type TaxIdKind } from '../../../core/values/taxId.js';
import { TidiedTextInput } from './TidiedTextInput.js';
import { defineFieldType, isEmpty, type ControlProps, type FieldTypeUi } from './fieldType.js';

const shown = (kind: TaxIdKind, text: string) => formatTaxId(kind, text.trim());

/** The text box; each type wraps it with its kind (cnpj.tsx, cpf.tsx). */
export function TaxIdControl({ kind, common, input, text }: ControlProps & { kind: TaxIdKind }) {
  const tidy = (typed: string) => (shown(kind, typed) === typed.trim() ? null : shown(kind, typed));
  return <TidiedTextInput common={common} input={input} text={text} inputMode="numeric" placeholder={kind.mask.replace(/#/g, '0')} tidy={tidy} />;
}

export function taxIdField(kind: TaxIdKind, Control: ComponentType<ControlProps>): FieldTypeUi {
  return defineFieldType({
    Control,
    toInput: (_field, value) => (isEmpty(value) ? '' : shown(kind, String(value))),
    toData: (_field, input) => {
      const digits = taxIdDigits(typeof input === 'string' ? input : '');
      return { value: digits === '' ? null : digits };
    },
    text: (_field, value) => shown(kind, String(value)),
    filter: () => ({ kind: 'text' }),
  });
}
