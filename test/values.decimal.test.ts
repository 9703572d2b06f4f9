/** Core's one exact decimal module: storage conversion and the arithmetic plugins and the UI share. */
import { describe, expect, it } from 'vitest';
import {
  add,
  compareDecimals,
  decimalDigits,
  divide,
  formatUnits,
  fromStoredDecimal,
  multiply,
  normalize,
  percentChange,
  toStoredDecimal,
  toUnits,
} from '../core/values/decimal.js';

describe('exact decimals', () => {
  it('converts to and from stored integer units', () => {
    expect(toStoredDecimal('12.5', 2)).toBe(1250);
    expect(fromStoredDecimal(1250, 2)).toBe('12.50');
    expect(fromStoredDecimal(-5, 2)).toBe('-0.05');
    expect(() => toStoredDecimal('1.234', 2)).toThrow(/more than 2 decimal places/);
  });

  it('rounds half away from zero, once, at the end', () => {
    expect(toUnits('1.235', 2)).toBe(124n);
    expect(normalize('-0.005', 2)).toBe('-0.01');
    expect(multiply('1.235', '1.001', 4)).toBe('1.2362');
    expect(multiply('0.1', 3, 2)).toBe('0.30');
    expect(add(['1.10', '2', null, 1e-7], 2)).toBe('3.10');
    expect(divide('10.00', 3, 2)).toBe('3.33');
    expect(divide('10.00', 0, 2)).toBe('0.00');
    expect(formatUnits(12345n, 2)).toBe('123.45');
  });

  it('gives percentage changes, null when there is nothing to compare with', () => {
    expect(percentChange(150, 100, 2)).toBe('50.00');
    expect(percentChange('87.50', '100.00', 2)).toBe('-12.50');
    expect(percentChange(5, 0, 2)).toBeNull();
  });

  it('compares exactly and counts digits', () => {
    expect(compareDecimals('12345678901234567890.01', '12345678901234567890.001')).toBe(1);
    expect(compareDecimals('0.1', '0.10')).toBe(0);
    expect(compareDecimals('-1', '0')).toBe(-1);
    expect(compareDecimals('-2.5', '-2.4')).toBe(-1);
    expect(decimalDigits('007.50')).toEqual({ int: 1, frac: 2 });
  });
});
