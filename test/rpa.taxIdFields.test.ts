/**
 * The cnpj and cpf field types in the UI (which the rpa cliente uses): typed
 * with or without punctuation, sent as digits, shown punctuated, filtered as text.
 */
import { describe, expect, it } from 'vitest';
import { cnpjField } from '../ui/src/fields/cnpj.js';
import { cpfField } from '../ui/src/fields/cpf.js';
import { separatorsOf } from '../ui/src/i18n/locale.js';
import type { FieldDescription } from '../ui/src/model/modelTypes.js';

const sep = separatorsOf('pt-BR');
const words = { sep, yes: 'Sim', no: 'Não', empty: '—' };
const cnpj = { name: 'cnpj', type: 'cnpj', label: 'CNPJ', stored: true } as unknown as FieldDescription;
const cpf = { name: 'cpf', type: 'cpf', label: 'CPF', stored: true } as unknown as FieldDescription;

describe('cnpj and cpf fields on screen', () => {
  it('send the digits of what was typed, punctuated or not', () => {
    expect(cnpjField.toData(cnpj, ' 11.222.333/0001-81 ', sep)).toEqual({ value: '11222333000181' });
    expect(cnpjField.toData(cnpj, '11222333000181', sep)).toEqual({ value: '11222333000181' });
    expect(cnpjField.toData(cnpj, '', sep)).toEqual({ value: null });
    expect(cpfField.toData(cpf, '529.982.247-25', sep)).toEqual({ value: '52998224725' });
  });

  it('show and edit the stored digits punctuated; anything else as it is', () => {
    expect(cnpjField.text(cnpj, '11222333000181', null, words)).toBe('11.222.333/0001-81');
    expect(cnpjField.toInput(cnpj, '11222333000181', { entity: {} as never, record: null, display: null, sep })).toBe('11.222.333/0001-81');
    expect(cpfField.text(cpf, '52998224725', null, words)).toBe('529.982.247-25');
    expect(cpfField.text(cpf, '5299822', null, words)).toBe('5299822');
    expect(cnpjField.filter?.(cnpj)).toEqual({ kind: 'text' });
  });
});
