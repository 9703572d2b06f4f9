/**
 * Exact decimals: a value with scale s is stored as the integer value × 10^s
 * (precision ≤ 15 keeps every stored integer within Number's exact range) and
 * travels as a string with exactly s decimals.
 */

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Precision of a decimal field that declares none. */
export const DEFAULT_DECIMAL_PRECISION = 15;

/**
 * "12.5" with scale 2 → 1250. Throws on text that is not a plain decimal, has too many
 * decimals or, when a precision is given, more whole digits than it leaves.
 */
export function toStoredDecimal(value: string | number, scale: number, precision?: number): number {
  const text = typeof value === 'number' ? numberToPlainText(value) : value.trim();
  const m = DECIMAL_TEXT.exec(text);
  if (!m) throw new RangeError(`"${text}" is not a decimal number`);
  const [, sign, whole, frac = ''] = m;
  if (frac.replace(/0+$/, '').length > scale) throw new RangeError(`"${text}" has more than ${scale} decimal places`);
  const wholeDigits = precision === undefined ? Infinity : wholeDigitsOf(precision, scale);
  if (whole!.replace(/^0+/, '').length > wholeDigits) throw new RangeError(`"${text}" has more than ${wholeDigits} digits before the decimal point`);
  const units = BigInt(whole! + frac.padEnd(scale, '0'));
  const n = Number(sign ? -units : units);
  if (!Number.isSafeInteger(n)) throw new RangeError(`"${text}" is out of range`);
  return n;
}

/** 1250 with scale 2 → "12.50". Plain number arithmetic is exact here: stored values are safe integers. */
export function fromStoredDecimal(stored: number | bigint | string, scale: number): string {
  const units = Number(stored);
  if (!Number.isSafeInteger(units)) throw new RangeError(`stored decimal ${String(stored)} is not a safe integer`);
  const digits = Math.abs(units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const sign = units < 0 ? '-' : '';
  return scale > 0 ? `${sign}${whole}.${digits.slice(digits.length - scale)}` : `${sign}${whole}`;
}

/** Digits a decimal of this precision and scale may have before the point (at least the one of "0.5"). */
function wholeDigitsOf(precision: number, scale: number): number {
  return Math.max(precision - scale, 1);
}

/** JSON Schema pattern for a decimal of the given precision and scale. */
export function decimalPattern(precision: number, scale: number): string {
  const whole = wholeDigitsOf(precision, scale);
  return scale > 0 ? `^-?\\d{1,${whole}}(\\.\\d{1,${scale}})?$` : `^-?\\d{1,${whole}}$`;
}

function numberToPlainText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`${n} is not a decimal number`);
  // Avoid exponent notation for small/large numbers.
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}
