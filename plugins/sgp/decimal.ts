/**
 * Exact decimal arithmetic on wire strings ("123.45") using BigInt units, so
 * money and areas never pass through binary floating point. Rounding is
 * half-up, away from zero (0.005 → 0.01, -0.005 → -0.01).
 */

interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** Parses a wire decimal; null, undefined and "" count as zero. */
function parse(value: unknown): Scaled {
  if (value === null || value === undefined || value === '') return { units: 0n, scale: 0 };
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  const text = typeof value === 'number' ? numberText(value) : String(value).trim();
  const match = DECIMAL_TEXT.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || whole + fraction === '') throw new Error(`Not a decimal number: "${text}"`);
  const units = BigInt(whole + fraction);
  return { units: match[1] === '-' ? -units : units, scale: fraction.length };
}

// Integers (quantities) are common; anything printed in exponent form is refused.
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a decimal number: ${value}`);
  return String(value);
}

/** Integer division rounded half-up (away from zero). */
function divideRounded(dividend: bigint, divisor: bigint): bigint {
  const quotient = dividend / divisor;
  const remainder = dividend % divisor;
  const abs = (n: bigint) => (n < 0n ? -n : n);
  if (abs(remainder) * 2n < abs(divisor)) return quotient;
  return quotient + ((dividend < 0n) === (divisor < 0n) ? 1n : -1n);
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
export function add(values: unknown[], scale: number): string {
  return formatUnits(values.reduce<bigint>((sum, v) => sum + toUnits(v, scale), 0n), scale);
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
