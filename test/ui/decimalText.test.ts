import { describe, expect, it } from 'vitest';
import { formatDecimal, formatInteger, parseDecimalText } from '../../ui/src/format/decimalText.js';
import { separatorsOf } from '../../ui/src/i18n/locale.js';

const ptBR = separatorsOf('pt-BR');
const en = separatorsOf('en');

describe('pt-BR decimal text', () => {
  it('formats API decimals with thousands marks and a decimal comma', () => {
    expect(formatDecimal('1234.56', ptBR)).toBe('1.234,56');
    expect(formatDecimal('12345678901.23', ptBR)).toBe('12.345.678.901,23');
    expect(formatDecimal('-1234567.5', ptBR, 2)).toBe('-1.234.567,50');
    expect(formatDecimal('0.10', ptBR)).toBe('0,10');
    expect(formatDecimal('999', ptBR)).toBe('999');
    expect(formatDecimal('-0.00', ptBR)).toBe('0,00');
    expect(formatDecimal(null, ptBR)).toBe('');
    expect(formatInteger(10000, ptBR)).toBe('10.000');
  });

  it('parses what people type into the API notation, keeping every digit', () => {
    expect(parseDecimalText('12345678901,23', ptBR)).toEqual({ ok: true, value: '12345678901.23' });
    expect(parseDecimalText('12.345.678.901,23', ptBR)).toEqual({ ok: true, value: '12345678901.23' });
    expect(parseDecimalText('99999999999999999999,999999', ptBR)).toEqual({ ok: true, value: '99999999999999999999.999999' });
    expect(parseDecimalText('1.234,56', ptBR)).toEqual({ ok: true, value: '1234.56' });
    expect(parseDecimalText(' 1 234,5 ', ptBR)).toEqual({ ok: true, value: '1234.5' });
    expect(parseDecimalText('-0,5', ptBR)).toEqual({ ok: true, value: '-0.5' });
    expect(parseDecimalText(',5', ptBR)).toEqual({ ok: true, value: '0.5' });
    expect(parseDecimalText('007', ptBR)).toEqual({ ok: true, value: '7' });
    expect(parseDecimalText('', ptBR)).toEqual({ ok: true, value: null });
  });

  it('reads a lone dot as thousands only when groups of three follow, else as a decimal point', () => {
    expect(parseDecimalText('1.234', ptBR)).toEqual({ ok: true, value: '1234' });
    expect(parseDecimalText('1.234.567', ptBR)).toEqual({ ok: true, value: '1234567' });
    expect(parseDecimalText('1.5', ptBR)).toEqual({ ok: true, value: '1.5' });
    expect(parseDecimalText('0.125', ptBR)).toEqual({ ok: true, value: '0.125' });
  });

  it('refuses text that is not a number', () => {
    for (const bad of ['abc', '1,2,3', '1.2.3', '12a', '1,23.4', '--1', ',', '1.23,4']) expect(parseDecimalText(bad, ptBR), bad).toEqual({ ok: false });
  });

  it('round-trips format → parse without losing precision', () => {
    for (const value of ['0.01', '12345678901.23', '-98765.4321', '100', '123456789012345678.123456789']) {
      expect(parseDecimalText(formatDecimal(value, ptBR), ptBR)).toEqual({ ok: true, value });
      expect(parseDecimalText(formatDecimal(value, en), en)).toEqual({ ok: true, value });
    }
  });

  it('uses the English separators in English', () => {
    expect(formatDecimal('1234.56', en)).toBe('1,234.56');
    expect(parseDecimalText('1,234.56', en)).toEqual({ ok: true, value: '1234.56' });
  });
});
