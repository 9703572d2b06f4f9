/**
 * Exact decimals, the platform's one implementation, used by the server, the
 * plugins and the UI alike (pure, no imports). A value with scale s is stored
 * as the integer value × 10^s (precision ≤ 15 keeps every stored integer
 * within Number's exact range) and travels as a string with exactly s
 * decimals. Arithmetic works on BigInt units, so money and areas never pass
 * through binary floating point; rounding is half-up, away from zero
 * (0.005 → 0.01, -0.005 → -0.01).
 */

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?$/;
/** What arithmetic accepts: a sign, and digits on either side of an optional point ("5.", ".5", "+1"). */
const LOOSE_DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;

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

/** 1250 with scale 2 → "12.50". */
export function fromStoredDecimal(stored: number | bigint | string, scale: number): string {
  const units = Number(stored);
  if (!Number.isSafeInteger(units)) throw new RangeError(`stored decimal ${String(stored)} is not a safe integer`);
  return formatUnits(BigInt(units), scale);
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

/** A decimal as integer units of 10^-scale. */
interface Scaled {
  units: bigint;
  scale: number;
}

/** Parses a wire decimal, a number or a bigint; null, undefined and "" count as zero. */
function parse(value: unknown): Scaled {
  if (value === null || value === undefined || value === '') return { units: 0n, scale: 0 };
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  const text = typeof value === 'number' ? numberToPlainText(value) : String(value).trim();
  const match = LOOSE_DECIMAL_TEXT.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || whole + fraction === '') throw new RangeError(`Not a decimal number: "${text}"`);
  const units = BigInt(whole + fraction);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

/** Integer division rounded half-up (away from zero). */
function divideRounded(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const remainder = dividend % divisor;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  if (abs(remainder) * 2n < abs(divisor)) return quotient;
  return quotient + (dividend < 0n === divisor < 0n ? 1n : -1n);
}

function rescale({ units, scale }: Scaled, target: number): bigint {
  if (target >= scale) return units * 10n ** BigInt(target - scale);
  return divideRounded(units, 10n ** BigInt(scale - target));
}

/** Formats integer units of 10^-scale as a wire string: (12345n, 2) → "123.45". */
export function formatUnits(units: bigint, scale: number): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The value as integer units of 10^-scale, rounded: ("1.235", 2) → 124n. */
export function toUnits(value: unknown, scale: number): bigint {
  return rescale(parse(value), scale);
}

/** Rounds and formats: ("1.5", 2) → "1.50". */
export function normalize(value: unknown, scale: number): string {
  return formatUnits(toUnits(value, scale), scale);
}

/** Exact product rounded once at the end: ("1.235", "1.001", 4) → "1.2362". */
export function multiply(a: unknown, b: unknown, scale: number): string {
  const x = parse(a);
  const y = parse(b);
  return formatUnits(rescale({ units: x.units * y.units, scale: x.scale + y.scale }, scale), scale);
}

/** Sum of values rounded to `scale`: (["1.10", "2", null], 2) → "3.10". */
export function add(values: readonly unknown[], scale: number): string {
  return formatUnits(
    values.reduce<bigint>((sum, v) => sum + toUnits(v, scale), 0n),
    scale,
  );
}

/** value ÷ divisor, rounded: ("10.00", 3, 2) → "3.33". Dividing by zero gives zero. */
export function divide(value: unknown, divisor: unknown, scale: number): string {
  const x = parse(value);
  const d = parse(divisor);
  if (d.units === 0n) return formatUnits(0n, scale);
  const dividend = x.units * 10n ** BigInt(scale + d.scale);
  return formatUnits(divideRounded(dividend, d.units * 10n ** BigInt(x.scale)), scale);
}

/** Percentage change from `previous` to `current`, or null when previous is zero: (150, 100, 2) → "50.00". */
export function percentChange(current: unknown, previous: unknown, scale: number): string | null {
  const c = parse(current);
  const p = parse(previous);
  const common = Math.max(c.scale, p.scale);
  const before = rescale(p, common);
  if (before === 0n) return null;
  const delta = rescale(c, common) - before;
  return formatUnits(divideRounded(delta * 100n * 10n ** BigInt(scale), before), scale);
}

/** Compares two decimals exactly: -1, 0 or 1 ("1.50" equals "1.5"). Text that is not a decimal counts as zero. */
export function compareDecimals(a: string, b: string): number {
  const x = parseOrZero(a);
  const y = parseOrZero(b);
  const common = Math.max(x.scale, y.scale);
  const diff = rescale(x, common) - rescale(y, common);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

function parseOrZero(value: string): Scaled {
  try {
    return parse(value);
  } catch {
    return { units: 0n, scale: 0 };
  }
}

/** Digits before and after the decimal point of a wire decimal ("007.50" → 1 and 2); zeros for anything else. */
export function decimalDigits(value: string): { int: number; frac: number } {
  const match = /^[-+]?(\d+)(?:\.(\d*))?$/.exec(value);
  if (!match) return { int: 0, frac: 0 };
  return { int: match[1]!.replace(/^0+(?=\d)/, '').length, frac: (match[2] ?? '').length };
}
